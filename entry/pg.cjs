'use strict';
// @event-driven-io/dumbo/pg (also /postgresql/pg): direct mode. Importing it
// registers the plugin (a side effect), so the root dumbo() skips deferral for
// PostgreSQL from then on.
const postgresql = require('./postgresql.cjs');
const { pgPlugin } = require('../lib/pg/plugin.cjs');
const {
  pgPool,
  pgAmbientConnectionPool,
  endAllPgPools,
} = require('../lib/pg/pool.cjs');
const nodePg = require('../lib/pg/nodePg/index.cjs');
const { pluginRegistry } = require('../lib/registry.cjs');
const { binding } = require('../lib/native.cjs');

const usePgDumboDriver = () => pluginRegistry.register(pgPlugin.connector, pgPlugin);
usePgDumboDriver();

/**
 * Connects, runs `SELECT 1` and disconnects; never throws. Resolves
 * `{ successful: true }` or `{ successful: false, errorType, code?, error }` with
 * errorType 'ConnectionRefused' | 'Authentication' | 'Unknown' (upstream).
 */
async function checkConnection(connectionString, options) {
  if (typeof connectionString !== 'string') {
    throw new TypeError(`checkConnection expects a connection string, got ${typeof connectionString}`);
  }
  return binding.checkPgConnection(connectionString, options?.timeoutMs);
}

module.exports = {
  ...postgresql,
  dumbo: pgPool,
  pgPool,
  pgNativePool: (options) => pgPool({ ...options, pooled: true }),
  pgClientPool: (options) => pgPool({ ...options, pooled: false }),
  pgAmbientConnectionPool,
  pgPlugin,
  pgDumboDriver: pgPlugin,
  usePgDumboDriver,
  PgDriverType: pgPlugin.driverType,
  endAllPgPools,
  checkConnection,
  // over node-postgres (`pg`) objects
  ...nodePg,
};
