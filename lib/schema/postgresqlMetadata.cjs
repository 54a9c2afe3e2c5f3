'use strict';
// PostgreSQL metadata and existence checks (upstream storage/postgresql/core/schema),
// registered as 'PostgreSQL' when loaded (the root entry loads it).
const { SQL } = require('../sql/tag.cjs');
const { exists } = require('../query.cjs');
const { parseDatabaseName, defaultPostgreSqlDatabase } = require('../postgresqlConnectionString.cjs');
const { dumboDatabaseMetadataRegistry } = require('./databaseMetadata.cjs');

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
