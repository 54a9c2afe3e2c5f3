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

module.exports = { ...require('./lib/public.cjs'), dumbo, pluginRegistry };
