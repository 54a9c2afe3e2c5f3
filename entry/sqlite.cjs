'use strict';
// @event-driven-io/dumbo/sqlite: the driver-independent SQLite parts.
const connectionString = require('../lib/sqlite/connectionString.cjs');
const { sqliteFormatter, SQLiteJSON } = require('../lib/sqlite/formatter.cjs');
const { sqlite3Pool, sqliteAmbientConnectionPool } = require('../lib/sqlite/pool.cjs');
const { sqliteConnection: nativeSqliteConnection } = require('../lib/sqlite/connection.cjs');
const {
  sqlite3Client,
  sqlite3Connection,
  sqliteClientOrPoolConnection,
  sqliteFactoryPool,
  ...sqliteFactories
} = require('../lib/sqlite/factories.cjs');
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
  // upstream's form with a `sqliteConnectionFactory`; otherwise the built-in driver's pool.
  sqlitePool: (options) => (options?.sqliteConnectionFactory ? sqliteFactoryPool(options) : sqlite3Pool(options)),
  sqliteAmbientConnectionPool,
  // upstream's sqliteConnection({ type: 'Client' | 'PoolClient', ... }); otherwise the
  // connection over a native handle the built-in pool uses.
  sqliteConnection: (options) =>
    options?.type === 'Client' || options?.type === 'PoolClient'
      ? sqliteClientOrPoolConnection(options)
      : nativeSqliteConnection(options),
  ...sqliteFactories,
  DefaultSQLiteMigratorOptions,
  defaultSQLiteDatabase: ':memory:',
  DumboError,
  // schema metadata
  tableExists: metadata.tableExists,
  indexExists: metadata.indexExists,
  sqliteTableName: metadata.sqliteTableName,
  sqliteIndexName: metadata.sqliteIndexName,
  sqliteMetadata: metadata.sqliteMetadata,
};
