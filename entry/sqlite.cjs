'use strict';
// @event-driven-io/dumbo/sqlite: the driver-independent SQLite parts.
const connectionString = require('../lib/sqlite/connectionString.cjs');
const { sqliteFormatter, SQLiteJSON } = require('../lib/sqlite/formatter.cjs');
const { sqlite3Pool, sqliteAmbientConnectionPool } = require('../lib/sqlite/pool.cjs');
const { sqliteConnection } = require('../lib/sqlite/connection.cjs');
const { DefaultSQLiteMigratorOptions } = require('../lib/sqlite/plugin.cjs');
const { DumboError } = require('../lib/errors.cjs');
const { mapSqliteError } = require('../lib/errorMappers.cjs');
const metadata = require('../lib/schema/sqliteMetadata.cjs');

const { isSQLiteError } = require('../lib/sqliteErrorClasses.cjs');

module.exports = {
  SQLiteDatabaseName: 'SQLite',
  ...connectionString,
  sqliteFormatter,
  SQLiteJSON,
  mapSqliteError,
  isSQLiteError,
  sqlitePool: sqlite3Pool,
  sqliteAmbientConnectionPool,
  sqliteConnection,
  DefaultSQLiteMigratorOptions,
  defaultSQLiteDatabase: ':memory:',
  DumboError,
  // schema metadata
  tableExists: metadata.tableExists,
  indexExists: metadata.indexExists,
  sqliteTableName: metadata.sqliteTableName,
  sqliteIndexName: metadata.sqliteIndexName,
  sqliteMetadata: metadata.sqliteMetadata,
  // upstream's building blocks for JS drivers over a SQLiteClient (sqlitePool and
  // sqliteConnection above stay this package's native ones)
  ...(({ sqlitePool: _p, sqliteConnection: _c, sqliteAmbientConnectionPool: _a, ...blocks }) => blocks)(
    require('../lib/sqlite/clients/index.cjs'),
  ),
};
