'use strict';
// PostgreSQL metadata and existence checks (upstream storage/postgresql/core/schema),
// registered as 'PostgreSQL' when loaded (the root entry loads it).
const { SQL } = require('../sql/tag.cjs');
const { exists } = require('../query.cjs');
// Boundary exception: this PostgreSQL metadata is registered by core (lib/schema/index.cjs) so
// that it exists before any driver loads; it needs the pg driver's connection-string parser.
// eslint-disable-next-line no-restricted-modules
const { parseDatabaseName } = require('../pg/connectionString.cjs');
const { dumboDatabaseMetadataRegistry } = require('./databaseMetadata.cjs');

const defaultPostgreSqlDatabase = 'postgres';

/** Whether a table of that name exists in any schema (pg_tables, name only). */
const tableExistsSQL = (tableName) =>
  SQL`
  SELECT EXISTS (
    SELECT FROM pg_tables
    WHERE tablename = ${tableName}
  ) AS exists;`;

const tableExists = (execute, tableName) => exists(execute.query(tableExistsSQL(tableName)));

/** Whether a function of that name exists in any schema (pg_proc). */
const functionExistsSQL = (functionName) =>
  SQL`
      SELECT EXISTS (
        SELECT FROM pg_proc
        WHERE
        proname = ${functionName}
      ) AS exists;`;

const functionExists = (execute, functionName) => exists(execute.query(functionExistsSQL(functionName)));

const postgreSQLMetadata = Object.freeze({
  databaseType: 'PostgreSQL',
  defaultDatabaseName: defaultPostgreSqlDatabase,
  capabilities: Object.freeze({ supportsSchemas: true, supportsFunctions: true, supportsMultipleDatabases: true }),
  tableExists,
  functionExists,
  parseDatabaseName: (connectionString) =>
    (connectionString ? parseDatabaseName(connectionString) : null) ?? defaultPostgreSqlDatabase,
});

dumboDatabaseMetadataRegistry.register('PostgreSQL', postgreSQLMetadata);

module.exports = {
  defaultPostgreSqlDatabase,
  tableExistsSQL,
  tableExists,
  functionExistsSQL,
  functionExists,
  postgreSQLMetadata,
};
