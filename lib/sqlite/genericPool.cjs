'use strict';
// upstream's generic sqlitePool and sqliteAmbientConnectionPool (storage/sqlite/core/pool):
// pools over a JS driver's connections, on the generic pool factories. `/sqlite` routes
// its sqlitePool to the native driver's pool unless given a connection factory;
// `/cloudflare`, which never loads the native driver's pool, exports these.
const { createAmbientConnectionPool } = require('../core/connections/pool.cjs');
const { sqliteFactoryPool } = require('./factories.cjs');

const sqliteAmbientConnectionPool = ({ connection, driverType }) =>
  createAmbientConnectionPool({ driverType: driverType ?? connection.driverType, connection });

/** An existing `connection` → ambient; else `sqliteConnectionFactory`: singleton or one per use. */
const sqlitePool = (options) =>
  options.connection
    ? createAmbientConnectionPool({ driverType: options.driverType, connection: options.connection })
    : sqliteFactoryPool(options);

module.exports = { sqlitePool, sqliteAmbientConnectionPool };
