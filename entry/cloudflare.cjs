'use strict';
// @event-driven-io/dumbo/cloudflare: the Cloudflare D1 driver ('SQLite:d1'), a JS driver
// over a D1 binding, plus the driver-independent SQLite parts. Importing it registers
// the driver. It never loads the native SQLite driver's pool.
const core = require('../lib/sqlite/entryCore.cjs');
const factories = require('../lib/sqlite/factories.cjs');
const { sqlitePool, sqliteAmbientConnectionPool } = require('../lib/sqlite/genericPool.cjs');
const { d1Client } = require('../lib/cloudflare/d1Client.cjs');
const { mapD1Error } = require('../lib/cloudflare/errorMapper.cjs');
const { d1SQLExecutor, D1DriverType } = require('../lib/cloudflare/d1SQLExecutor.cjs');
const { d1Transaction, D1TransactionNotSupportedError } = require('../lib/cloudflare/d1Transaction.cjs');
const { d1Connection } = require('../lib/cloudflare/d1Connection.cjs');
const { d1Pool } = require('../lib/cloudflare/d1Pool.cjs');
const { d1DumboDriver, useD1DumboDriver } = require('../lib/cloudflare/d1Driver.cjs');

useD1DumboDriver();

module.exports = {
  // SQLite, driver-independent
  ...core,
  // upstream's SQLite building blocks over a JS driver's client
  sqliteExecute: factories.sqliteExecute,
  sqliteSQLExecutor: factories.sqliteSQLExecutor,
  sqliteTransaction: factories.sqliteTransaction,
  sqliteAmbientClientConnection: factories.sqliteAmbientClientConnection,
  sqliteClientConnection: factories.sqliteClientConnection,
  sqlitePoolClientConnection: factories.sqlitePoolClientConnection,
  sqliteConnection: factories.sqliteClientOrPoolConnection,
  sqliteSingletonConnectionPool: factories.sqliteSingletonConnectionPool,
  sqliteAlwaysNewConnectionPool: factories.sqliteAlwaysNewConnectionPool,
  toSqlitePoolOptions: factories.toSqlitePoolOptions,
  sqlitePool,
  sqliteAmbientConnectionPool,
  // D1
  D1DriverType,
  D1TransactionNotSupportedError,
  d1Client,
  d1Connection,
  d1DumboDriver,
  d1Pool,
  d1SQLExecutor,
  d1Transaction,
  mapD1Error,
  useD1DumboDriver,
};
