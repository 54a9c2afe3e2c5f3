'use strict';
// @event-driven-io/dumbo: automatic mode. Built-in drivers are registered lazily:
// their JS modules and native state load on first use, so a bundle that never
// touches a driver never pulls it in.
const { pluginRegistry, dumbo } = require('./lib/registry.cjs');

pluginRegistry.register('SQLite:sqlite3', () =>
  Promise.resolve().then(() => require('./lib/sqlite/plugin.cjs').sqlite3Plugin),
);

pluginRegistry.register('PostgreSQL:pg', () =>
  Promise.resolve().then(() => require('./lib/pg/plugin.cjs').pgPlugin),
);

const drivers = require('./lib/drivers.cjs');
const { DumboDatabaseDriverRegistry, dumboDatabaseDriverRegistry } = require('./lib/driverRegistry.cjs');

module.exports = {
  ...require('./lib/public.cjs'),
  dumbo,
  pluginRegistry,
  // Upstream's driver registry face (same entries as pluginRegistry) and driver-type helpers.
  DumboDatabaseDriverRegistry,
  dumboDatabaseDriverRegistry,
  canHandleDriverWithConnectionString: drivers.canHandleDriverWithConnectionString,
  parseConnectionString: drivers.parseConnectionString,
  toDatabaseDriverType: drivers.toDatabaseDriverType,
  fromDatabaseDriverType: drivers.fromDatabaseDriverType,
  getDatabaseDriverName: drivers.getDatabaseDriverName,
  getDatabaseType: drivers.getDatabaseType,
};
