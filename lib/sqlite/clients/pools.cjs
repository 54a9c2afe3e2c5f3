'use strict';
// Upstream's generic SQLite pools over a JS driver's connection factory
// (storage/sqlite/core/pool/pool.ts), built on the generic pool factories.
const {
  createAlwaysNewConnectionPool,
  createAmbientConnectionPool,
  createSingletonConnectionPool,
} = require('../../core/connections/pool.cjs');
const { isInMemoryDatabase } = require('../connectionString.cjs');

const sqliteAmbientConnectionPool = ({ connection, driverType }) =>
  createAmbientConnectionPool({ driverType: driverType ?? connection.driverType, connection });

const sqliteSingletonConnectionPool = ({ driverType, sqliteConnectionFactory, connectionOptions }) =>
  createSingletonConnectionPool({ driverType, getConnection: () => sqliteConnectionFactory(connectionOptions) });

const sqliteAlwaysNewConnectionPool = ({ driverType, sqliteConnectionFactory, connectionOptions }) =>
  createAlwaysNewConnectionPool({ driverType, getConnection: () => sqliteConnectionFactory(connectionOptions) });

/** A caller's client and in-memory databases get one shared connection (`singleton: true`). */
function toSqlitePoolOptions(options) {
  const { singleton, ...rest } = options;
  if (('client' in options && options.client) || isInMemoryDatabase(options) || singleton === true) {
    return { ...rest, singleton: true };
  }
  return rest;
}

/** An existing `connection` → ambient; `singleton` → one shared connection; else one per use. */
function sqlitePool(options) {
  const { driverType } = options;
  if (options.connection) return createAmbientConnectionPool({ driverType, connection: options.connection });
  const getConnection = () => options.sqliteConnectionFactory(options.connectionOptions);
  if (options.singleton === true && options.sqliteConnectionFactory) {
    return createSingletonConnectionPool({ driverType, getConnection });
  }
  return createAlwaysNewConnectionPool({ driverType, getConnection });
}

module.exports = {
  sqliteAmbientConnectionPool,
  sqliteSingletonConnectionPool,
  sqliteAlwaysNewConnectionPool,
  toSqlitePoolOptions,
  sqlitePool,
};
