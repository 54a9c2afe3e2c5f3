'use strict';
// Default migrator options per connector or database type, from the plugin registry
// getDefaultMigratorOptionsFromRegistry(connectorOrDatabaseType) looks at:
//  1. options registered with registerDefaultMigratorOptions (the exact key, then its
//     database type): an explicit override, as upstream's registry;
//  2. the plugin registry: the loaded plugin of that connector, else the first loaded
//     plugin of that database type, its `defaultMigratorOptions`;
//  3. the built-in database types, PostgreSQL and SQLite (the objects their plugins
//     expose, available before the lazily registered plugins load).
const { NotRegisteredError } = require('../errors.cjs');
const { AdvisoryLock } = require('../locks/advisoryLocks.cjs');
const { databaseTypeOf, loadedPluginFor } = require('../sql/formatterRegistry.cjs');

const OPTIONS_KEY = Symbol.for('@event-driven-io/dumbo:default-migrator-options');

function registered() {
  let store = globalThis[OPTIONS_KEY];
  if (!store) {
    store = new Map();
    Object.defineProperty(globalThis, OPTIONS_KEY, { value: store });
  }
  return store;
}

/** PostgreSQL: a transaction-scoped advisory lock (id 999956789) around the whole run. */
const DefaultPostgreSQLMigratorOptions = Object.freeze({
  lock: Object.freeze({ databaseLock: AdvisoryLock }),
});

/**
 * SQLite: no lock; migrations run in one `BEGIN IMMEDIATE` transaction, and SQLite's
 * single writer (with busy_timeout) serialises runners, also across processes.
 */
const DefaultSQLiteMigratorOptions = Object.freeze({
  transactionOptions: Object.freeze({ mode: 'IMMEDIATE' }),
});

const BUILT_IN = new Map(
  /** @type {[string, object][]} */ ([
    ['PostgreSQL', DefaultPostgreSQLMigratorOptions],
    ['SQLite', DefaultSQLiteMigratorOptions],
  ]),
);

/** Registers (replaces) the defaults of a database type ('PostgreSQL') or connector ('PostgreSQL:pg'). */
function registerDefaultMigratorOptions(databaseType, options) {
  if (typeof databaseType !== 'string' || databaseType === '') {
    throw new TypeError('registerDefaultMigratorOptions expects a database type or connector');
  }
  registered().set(databaseType, options);
}

function getDefaultMigratorOptionsFromRegistry(databaseType) {
  const key = String(databaseType);
  const store = registered();
  const type = databaseTypeOf(key);
  const options =
    store.get(key) ?? store.get(type) ?? loadedPluginFor(key)?.defaultMigratorOptions ?? BUILT_IN.get(type);
  if (!options) {
    throw new NotRegisteredError(`No default migrator options registered for database type: ${key}`);
  }
  return options;
}

module.exports = {
  registerDefaultMigratorOptions,
  getDefaultMigratorOptionsFromRegistry,
  DefaultPostgreSQLMigratorOptions,
  DefaultSQLiteMigratorOptions,
};
