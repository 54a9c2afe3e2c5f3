'use strict';
// The built-in 'PostgreSQL:pg' driver (implemented by tokio-postgres + deadpool;
// the name is kept for compatibility with upstream, which used node-postgres). One
// object in both shapes: this package's StoragePlugin (connector, capabilities,
// extensions) and upstream's DumboDatabaseDriver (driverType, databaseMetadata).
const { pgPool } = require('./pool.cjs');
const { pgFormatter } = require('./formatter.cjs');
const { postgreSQLMetadata } = require('../schema/postgresqlMetadata.cjs');
const { canHandleDriverWithConnectionString, builtinConnectionStringOf } = require('../drivers.cjs');
const { pongoExtension } = require('../pongo/extension.cjs');

// Migrator defaults (lib/migrations/defaults.cjs), what getDefaultMigratorOptionsFromRegistry finds.
const { DefaultPostgreSQLMigratorOptions } = require('../migrations/defaults.cjs');

const pgPlugin = Object.freeze({
  connector: 'PostgreSQL:pg',
  driverType: 'PostgreSQL:pg',
  createPool: pgPool,
  sqlFormatter: pgFormatter,
  defaultMigratorOptions: DefaultPostgreSQLMigratorOptions,
  canHandle: canHandleDriverWithConnectionString('PostgreSQL:pg', builtinConnectionStringOf('PostgreSQL:pg')),
  databaseMetadata: postgreSQLMetadata,
  capabilities: Object.freeze({
    json: Object.freeze({ operators: true, indexing: true, path: true }),
    arrays: true,
    returning: true,
    cte: true,
  }),
  extensions: Object.freeze({ pongo: pongoExtension('PostgreSQL') }),
});

module.exports = { pgPlugin, DefaultPostgreSQLMigratorOptions };
