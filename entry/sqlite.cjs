'use strict';
// @event-driven-io/dumbo/sqlite: the driver-independent SQLite parts.
const core = require('../lib/sqlite/entryCore.cjs');
const { sqlite3Pool, sqliteAmbientConnectionPool } = require('../lib/sqlite/pool.cjs');
const { sqliteConnection: nativeSqliteConnection } = require('../lib/sqlite/connection.cjs');
const factories = require('../lib/sqlite/factories.cjs');
const { sqlite3Client, sqlite3Connection, sqliteClientOrPoolConnection, sqliteFactoryPool, ...sqliteFactories } =
  factories;

module.exports = {
  ...core,
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
};
