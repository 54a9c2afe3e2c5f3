'use strict';
// The built-in 'PostgreSQL:pg' plugin (implemented by tokio-postgres + deadpool;
// the name is kept for compatibility with upstream, which used node-postgres).
const { pgPool } = require('./pool.cjs');
const { pgFormatter } = require('./formatter.cjs');
const { isPostgreSQLConnectionString } = require('./connectionString.cjs');
const { pongoExtension } = require('../pongo/extension.cjs');

// Migrator defaults (lib/migrations/defaults.cjs), what getDefaultMigratorOptionsFromRegistry finds.
const { DefaultPostgreSQLMigratorOptions } = require('../migrations/defaults.cjs');

const pgPlugin = Object.freeze({
  connector: 'PostgreSQL:pg',
  createPool: pgPool,
  sqlFormatter: pgFormatter,
  defaultMigratorOptions: DefaultPostgreSQLMigratorOptions,
  canHandle: (options) =>
    options?.connector === 'PostgreSQL:pg' ||
    (options?.connector === undefined && isPostgreSQLConnectionString(options?.connectionString)),
  capabilities: Object.freeze({
    json: Object.freeze({ operators: true, indexing: true, path: true }),
    arrays: true,
    returning: true,
    cte: true,
  }),
  extensions: Object.freeze({ pongo: pongoExtension('PostgreSQL') }),
});

module.exports = { pgPlugin, DefaultPostgreSQLMigratorOptions };
