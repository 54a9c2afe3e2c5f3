'use strict';
// SQL formatter resolution. getFormatter(connectorOrDialect)
// looks, in order, at:
//  1. formatters registered with registerFormatter (the exact key, then its database type);
//  2. the plugin registry: the loaded plugin of that connector, else the first loaded
//     plugin of that database type (`'PostgreSQL'` finds 'PostgreSQL:pg'), its sqlFormatter;
//  3. the built-in dialects, 'PostgreSQL' and 'SQLite' (the same objects the built-in
//     plugins expose, available before their lazy plugins load).
// A JS plugin's formatter is thus found exactly like a built-in one.
const { NotRegisteredError } = require('../errors.cjs');

const FORMATTERS_KEY = Symbol.for('@event-driven-io/dumbo:sql-formatters');

function formatters() {
  let store = globalThis[FORMATTERS_KEY];
  if (!store) {
    store = new Map();
    Object.defineProperty(globalThis, FORMATTERS_KEY, { value: store });
  }
  return store;
}

// The user formatters that replace the built-in connectors' Rust formatting, by
// database type: read by their executors on every statement (one property read).
const OVERRIDES_KEY = Symbol.for('@event-driven-io/dumbo:sql-formatter-overrides');
const NATIVE_FORMATTER = Symbol.for('@event-driven-io/dumbo:native-formatter');
const BUILT_IN_CONNECTORS = { PostgreSQL: 'PostgreSQL:pg', SQLite: 'SQLite:sqlite3' };

function overrides() {
  let o = globalThis[OVERRIDES_KEY];
  if (!o) {
    o = { PostgreSQL: undefined, SQLite: undefined };
    Object.defineProperty(globalThis, OVERRIDES_KEY, { value: o });
  }
  return o;
}

/**
 * The formatter the built-in executors of `databaseType` ('PostgreSQL' | 'SQLite') must
 * use instead of Rust's: a user formatter registered for their connector
 * ('PostgreSQL:pg') or the database type; undefined otherwise.
 */
const customFormatterFor = (databaseType) => overrides()[databaseType];
/** The live overrides object itself, for the executors' per-statement check. */
const formatterOverrides = overrides();

/** Registers (or silently replaces) the formatter of a dialect, database type or connector. */
function registerFormatter(dialect, formatter) {
  if (typeof dialect !== 'string' || dialect === '') {
    throw new TypeError('registerFormatter expects a dialect name');
  }
  if (formatter === null || typeof formatter?.format !== 'function' || typeof formatter?.describe !== 'function') {
    throw new TypeError(`registerFormatter('${dialect}') expects a formatter with format() and describe()`);
  }
  const store = formatters();
  store.set(dialect, formatter);
  const o = overrides();
  for (const databaseType of Object.keys(BUILT_IN_CONNECTORS)) {
    const f = store.get(BUILT_IN_CONNECTORS[databaseType]) ?? store.get(databaseType);
    o[databaseType] = f === undefined || f[NATIVE_FORMATTER] !== undefined ? undefined : f;
  }
}

const databaseTypeOf = (key) => {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(0, i);
};

const builtIn = (databaseType) => {
  // Required lazily: nativeFormatter.cjs needs the SQL modules that load this registry.
  if (databaseType === 'PostgreSQL' || databaseType === 'SQLite') {
    return require('./nativeFormatter.cjs').builtInFormatter(databaseType);
  }
  return undefined;
};

/** The loaded plugin for a connector, or the first loaded plugin of a database type. */
function loadedPluginFor(key) {
  const { pluginRegistry } = require('../registry.cjs');
  if (key.includes(':')) {
    const plugin = pluginRegistry.tryGetSync(key);
    if (plugin) return plugin;
  }
  const databaseType = databaseTypeOf(key);
  for (const connector of pluginRegistry.list()) {
    if (databaseTypeOf(connector) !== databaseType) continue;
    const plugin = pluginRegistry.tryGetSync(connector);
    if (plugin) return plugin;
  }
  return undefined;
}

function tryGetFormatter(connectorOrDialect) {
  if (typeof connectorOrDialect !== 'string') return undefined;
  const store = formatters();
  const databaseType = databaseTypeOf(connectorOrDialect);
  return (
    store.get(connectorOrDialect) ??
    store.get(databaseType) ??
    loadedPluginFor(connectorOrDialect)?.sqlFormatter ??
    builtIn(databaseType)
  );
}

/** The formatter of a connector ('PostgreSQL:pg') or dialect ('PostgreSQL'); throws NotRegisteredError. */
function getFormatter(connectorOrDialect) {
  const formatter = tryGetFormatter(connectorOrDialect);
  if (!formatter) {
    throw new NotRegisteredError(`No SQL formatter registered for dialect: ${connectorOrDialect}`);
  }
  return formatter;
}

module.exports = {
  registerFormatter,
  getFormatter,
  tryGetFormatter,
  databaseTypeOf,
  loadedPluginFor,
  customFormatterFor,
  formatterOverrides,
};
