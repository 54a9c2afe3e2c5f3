'use strict';
// The built-in 'SQLite:sqlite3' driver (implemented by rusqlite; the name is kept
// for compatibility with upstream, which used node-sqlite3). One object in both
// shapes: this package's StoragePlugin and upstream's DumboDatabaseDriver.
const { sqlite3Pool } = require('./pool.cjs');
const { sqliteFormatter } = require('./formatter.cjs');
const { sqliteMetadata } = require('../schema/sqliteMetadata.cjs');
const { canHandleDriverWithConnectionString, builtinConnectionStringOf } = require('../drivers.cjs');
const { pongoExtension } = require('../pongo/extension.cjs');

// Migrator defaults (lib/migrations/defaults.cjs), what getDefaultMigratorOptionsFromRegistry finds.
const { DefaultSQLiteMigratorOptions } = require('../migrations/defaults.cjs');

const canHandleByString = canHandleDriverWithConnectionString(
  'SQLite:sqlite3',
  builtinConnectionStringOf('SQLite:sqlite3'),
);

const sqlite3Plugin = Object.freeze({
  connector: 'SQLite:sqlite3',
  driverType: 'SQLite:sqlite3',
  createPool: sqlite3Pool,
  sqlFormatter: sqliteFormatter,
  defaultMigratorOptions: DefaultSQLiteMigratorOptions,
  canHandle: (options) =>
    canHandleByString(options) ||
    // Also a bare fileName (upstream's canHandle needs a connection string).
    (typeof options?.fileName === 'string' && !('driverType' in options) && !('connector' in options)),
  databaseMetadata: sqliteMetadata,
  capabilities: Object.freeze({
    json: Object.freeze({ operators: true, indexing: false, path: true }),
    arrays: false,
    returning: true,
    cte: true,
  }),
  extensions: Object.freeze({ pongo: pongoExtension('SQLite') }),
});

module.exports = { sqlite3Plugin, DefaultSQLiteMigratorOptions };
