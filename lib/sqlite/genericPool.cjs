'use strict';
// upstream's generic sqlitePool and sqliteAmbientConnectionPool (storage/sqlite/core/pool):
// pools over a JS driver's connection factory, on the generic pool factories. The
// `/sqlite` entry exports the native driver's pool under those names; `/cloudflare`,
// which never loads the native driver's pool, exports these.
const {
  createAlwaysNewConnectionPool,
  createAmbientConnectionPool,
  createSingletonConnectionPool,
} = require('../core/connections/pool.cjs');

const sqliteAmbientConnectionPool = ({ connection, driverType }) =>
  createAmbientConnectionPool({ driverType: driverType ?? connection.driverType, connection });

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

module.exports = { sqlitePool, sqliteAmbientConnectionPool };
