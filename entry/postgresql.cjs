'use strict';
// @event-driven-io/dumbo/postgresql: the driver-independent PostgreSQL parts.
const connectionString = require('../lib/pg/connectionString.cjs');
const { pgFormatter, PostgreSQLJSON } = require('../lib/pg/formatter.cjs');
const { DefaultPostgreSQLMigratorOptions } = require('../lib/pg/plugin.cjs');
const { DumboError } = require('../lib/errors.cjs');
const { mapPostgresError } = require('../lib/errorMappers.cjs');

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
};
