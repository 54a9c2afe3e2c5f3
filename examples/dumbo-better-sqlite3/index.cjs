'use strict';
// @acme/dumbo-better-sqlite3: a community Dumbo storage plugin, 'SQLite:better-sqlite3'
// over better-sqlite3 12, in plain JavaScript: a second driver for SQLite, next to the
// built-in 'SQLite:sqlite3'. Both can be registered at once; the user chooses with
// `connector: 'SQLite:better-sqlite3'` (this plugin never claims a connection string
// by itself). Importing this module registers nothing; pick one of the three
// registration options (README.md):
//
//   import '@acme/dumbo-better-sqlite3/register';                      // 1. side effect
//   import { registerBetterSqlite3 } from '@acme/dumbo-better-sqlite3'; // 2. explicit
//   import { dumbo } from '@acme/dumbo-better-sqlite3';                 // 3. direct
//
// or lazily, loading this package (and better-sqlite3) on first use:
//   pluginRegistry.register('SQLite:better-sqlite3',
//     () => import('@acme/dumbo-better-sqlite3').then((m) => m.plugin));
const { pluginRegistry } = require('@event-driven-io/dumbo');
const { sqliteFormatter, DefaultSQLiteMigratorOptions } = require('@event-driven-io/dumbo/sqlite');
const { BETTER_SQLITE3_CONNECTOR, betterSqlite3Pool } = require('./lib/pool.cjs');
const { mapBetterSqlite3Error } = require('./lib/errors.cjs');

const betterSqlite3Capabilities = Object.freeze({
  // SQLite's JSON functions and `->` / `->>` (3.38+; better-sqlite3 12 bundles 3.5x).
  json: Object.freeze({ operators: true, indexing: false, path: true }),
  arrays: false,
  returning: true,
  cte: true,
});

const betterSqlite3Plugin = Object.freeze({
  connector: BETTER_SQLITE3_CONNECTOR,
  createPool: betterSqlite3Pool,
  sqlFormatter: sqliteFormatter,
  defaultMigratorOptions: DefaultSQLiteMigratorOptions,
  // Only when chosen: SQLite connection strings stay with the built-in driver.
  canHandle: (options) => options?.connector === BETTER_SQLITE3_CONNECTOR,
  capabilities: betterSqlite3Capabilities,
});

/** Option 2: registers the plugin (registering it again does nothing). */
function registerBetterSqlite3() {
  pluginRegistry.register(BETTER_SQLITE3_CONNECTOR, betterSqlite3Plugin);
}

/** Option 3: a better-sqlite3 pool directly, without the registry. */
function dumbo(options) {
  return betterSqlite3Plugin.createPool(options);
}

module.exports = {
  BetterSqlite3Connector: BETTER_SQLITE3_CONNECTOR,
  betterSqlite3Plugin,
  plugin: betterSqlite3Plugin,
  registerBetterSqlite3,
  dumbo,
  betterSqlite3Pool,
  betterSqlite3Capabilities,
  mapBetterSqlite3Error,
};
