'use strict';
// @acme/dumbo-duckdb: a community Dumbo storage plugin, 'DuckDB:nodejs' over
// @duckdb/node-api, in plain JavaScript. Importing this module registers nothing;
// pick one of the three registration options (README.md):
//
//   import '@acme/dumbo-duckdb/register';                   // 1. side effect
//   import { registerDuckDB } from '@acme/dumbo-duckdb';    // 2. explicit
//   registerDuckDB();
//   import { dumbo } from '@acme/dumbo-duckdb';             // 3. direct (no registry)
//
// or lazily, loading this package on first use:
//   pluginRegistry.register('DuckDB:nodejs', () => import('@acme/dumbo-duckdb').then((m) => m.plugin));
const { pluginRegistry } = require('@event-driven-io/dumbo');
const { DUCKDB_CONNECTOR, duckDBPool, SAVEPOINTS_UNSUPPORTED } = require('./lib/pool.cjs');
const { duckDBFormatter } = require('./lib/formatter.cjs');
const { mapDuckDBError } = require('./lib/errors.cjs');
const { isDuckDBConnectionString, parseDuckDBConnectionString } = require('./lib/connectionString.cjs');

const DefaultDuckDBMigratorOptions = Object.freeze({});

const duckDBCapabilities = Object.freeze({
  // `->` / `->>` with '$.a.b' JSON paths (DuckDB's json extension, built in); no
  // JSON indexes.
  json: Object.freeze({ operators: true, indexing: false, path: true }),
  // LIST parameters and columns: `x = ANY ($1)` with an array.
  arrays: true,
  returning: true,
  cte: true,
});

const duckDBPlugin = Object.freeze({
  connector: DUCKDB_CONNECTOR,
  createPool: duckDBPool,
  sqlFormatter: duckDBFormatter,
  defaultMigratorOptions: DefaultDuckDBMigratorOptions,
  canHandle: (options) => isDuckDBConnectionString(options?.connectionString),
  capabilities: duckDBCapabilities,
});

/** Option 2: registers the plugin (registering it again does nothing). */
function registerDuckDB() {
  pluginRegistry.register(DUCKDB_CONNECTOR, duckDBPlugin);
}

/** Option 3: a DuckDB pool directly, without the registry (the plugin's createPool). */
function dumbo(options) {
  return duckDBPlugin.createPool(options);
}

module.exports = {
  DuckDBConnector: DUCKDB_CONNECTOR,
  duckDBPlugin,
  plugin: duckDBPlugin,
  registerDuckDB,
  dumbo,
  duckDBPool,
  duckDBFormatter,
  duckDBCapabilities,
  DefaultDuckDBMigratorOptions,
  mapDuckDBError,
  isDuckDBConnectionString,
  parseDuckDBConnectionString,
  SAVEPOINTS_UNSUPPORTED,
};
