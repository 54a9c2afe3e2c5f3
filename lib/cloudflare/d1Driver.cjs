'use strict';
// d1DumboDriver: the 'SQLite:d1' driver in both shapes, upstream's DumboDatabaseDriver
// (driverType, databaseMetadata, canHandle) and the RFC's plugin (connector, capabilities).
const { sqliteFormatter } = require('../sqlite/formatter.cjs');
const { sqliteMetadata } = require('../schema/sqliteMetadata.cjs');
const { pongoExtension } = require('../pongo/extension.cjs');
const { pluginRegistry } = require('../registry.cjs');
const { D1DriverType } = require('./d1SQLExecutor.cjs');
const { d1Pool } = require('./d1Pool.cjs');

// Upstream's SQLite migrator defaults: none. (A BEGIN mode would make every migration
// fail on D1, which has no SQL transactions.)
const DefaultD1MigratorOptions = Object.freeze({});

const d1DumboDriver = Object.freeze({
  driverType: D1DriverType,
  connector: D1DriverType,
  createPool: (options) => d1Pool(options),
  sqlFormatter: sqliteFormatter,
  defaultMigratorOptions: DefaultD1MigratorOptions,
  canHandle: (options) =>
    options?.connector === D1DriverType ||
    (options?.driverType === D1DriverType && options !== null && 'database' in options),
  databaseMetadata: sqliteMetadata,
  capabilities: Object.freeze({
    json: Object.freeze({ operators: true, indexing: false, path: true }),
    arrays: false,
    returning: true,
    cte: true,
  }),
  extensions: Object.freeze({ pongo: pongoExtension('SQLite') }),
});

const useD1DumboDriver = () => {
  pluginRegistry.register(D1DriverType, d1DumboDriver);
};

module.exports = { d1DumboDriver, useD1DumboDriver };
