'use strict';
// The built-in 'SQLite:sqlite3' plugin (implemented by rusqlite; the name is kept
// for compatibility with upstream, which used node-sqlite3).
const { sqlite3Pool } = require('./pool.cjs');
const { sqliteFormatter } = require('./formatter.cjs');
const { isSQLiteConnectionString } = require('./connectionString.cjs');
const { pongoExtension } = require('../pongo/extension.cjs');

// Migrator defaults (lib/migrations/defaults.cjs), what getDefaultMigratorOptionsFromRegistry finds.
const { DefaultSQLiteMigratorOptions } = require('../migrations/defaults.cjs');

const sqlite3Plugin = Object.freeze({
  connector: 'SQLite:sqlite3',
  createPool: sqlite3Pool,
  sqlFormatter: sqliteFormatter,
  defaultMigratorOptions: DefaultSQLiteMigratorOptions,
  canHandle: (options) =>
    options?.connector === 'SQLite:sqlite3' ||
    (options?.connector === undefined &&
      (typeof options?.fileName === 'string' || isSQLiteConnectionString(options?.connectionString))),
  capabilities: Object.freeze({
    json: Object.freeze({ operators: true, indexing: false, path: true }),
    arrays: false,
    returning: true,
    cte: true,
  }),
  extensions: Object.freeze({ pongo: pongoExtension('SQLite') }),
});

module.exports = { sqlite3Plugin, DefaultSQLiteMigratorOptions };
