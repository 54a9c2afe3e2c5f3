'use strict';
// @event-driven-io/dumbo/postgresql: the driver-independent PostgreSQL parts.
const connectionString = require('../lib/pg/connectionString.cjs');
const { pgFormatter, PostgreSQLJSON } = require('../lib/pg/formatter.cjs');
const { DefaultPostgreSQLMigratorOptions } = require('../lib/pg/plugin.cjs');
const { DumboError } = require('../lib/errors.cjs');
const { mapPostgresError } = require('../lib/errorMappers.cjs');
const locks = require('../lib/locks/advisoryLocks.cjs');
const metadata = require('../lib/schema/postgresqlMetadata.cjs');
const sqlProcessors = require('../lib/sql/processors.cjs');

module.exports = {
  PostgreSQLDatabaseName: 'PostgreSQL',
  PostgreSQLConnectionString: connectionString.PostgreSQLConnectionString,
  parseDatabaseName: connectionString.parseDatabaseName,
  defaultPostgreSQLConnectionString: connectionString.defaultPostgreSQLConnectionString,
  defaultPostgreSqlDatabase: connectionString.defaultPostgreSqlDatabase,
  pgFormatter,
  PostgreSQLJSON,
  mapPostgresError,
  DefaultPostgreSQLMigratorOptions,
  DumboError,
  // advisory locks
  AdvisoryLock: locks.AdvisoryLock,
  advisoryLock: locks.advisoryLock,
  acquireAdvisoryLock: locks.acquireAdvisoryLock,
  tryAcquireAdvisoryLock: locks.tryAcquireAdvisoryLock,
  releaseAdvisoryLock: locks.releaseAdvisoryLock,
  // schema metadata
  tableExists: metadata.tableExists,
  tableExistsSQL: metadata.tableExistsSQL,
  functionExists: metadata.functionExists,
  functionExistsSQL: metadata.functionExistsSQL,
  postgreSQLMetadata: metadata.postgreSQLMetadata,
  // SQL processors (docs/sql.md)
  PostgreSQLArrayProcessor: sqlProcessors.PostgreSQLArrayProcessor,
  PostgreSQLExpandSQLInProcessor: sqlProcessors.PostgreSQLExpandSQLInProcessor,
  postgreSQLColumnProcessors: sqlProcessors.postgreSQLColumnProcessors,
};
