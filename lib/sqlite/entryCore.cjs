'use strict';
// The driver-independent SQLite exports that `/sqlite`, `/sqlite3` and `/cloudflare` share
// (upstream's storage/sqlite/core): names, connection strings, the formatter, the error
// mapper, migrator defaults and schema metadata. Loads no SQLite driver.
const connectionString = require('./connectionString.cjs');
const { sqliteFormatter, SQLiteJSON } = require('./formatter.cjs');
const { DefaultSQLiteMigratorOptions } = require('../migrations/defaults.cjs');
const { DumboError } = require('../errors.cjs');
const { mapSqliteError } = require('../errorMappers.cjs');
const { isSQLiteError } = require('../sqliteErrorClasses.cjs');
const metadata = require('../schema/sqliteMetadata.cjs');

module.exports = {
  SQLiteDatabaseName: 'SQLite',
  ...connectionString,
  sqliteFormatter,
  SQLiteJSON,
  mapSqliteError,
  isSQLiteError,
  DefaultSQLiteMigratorOptions,
  defaultSQLiteDatabase: connectionString.InMemorySQLiteDatabase,
  DumboError,
  tableExists: metadata.tableExists,
  indexExists: metadata.indexExists,
  sqliteTableName: metadata.sqliteTableName,
  sqliteIndexName: metadata.sqliteIndexName,
  sqliteMetadata: metadata.sqliteMetadata,
};
