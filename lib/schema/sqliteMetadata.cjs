'use strict';
// SQLite metadata, existence checks and logical-schema names (upstream
// storage/sqlite/core/schema), registered as 'SQLite' when loaded (the root entry loads it).
const { InvalidOperationError } = require('../errors.cjs');
const { SQL } = require('../sql/tag.cjs');
const { DefaultDatabaseSchemaName } = require('../sql/ddlTokens.cjs');
const { exists } = require('../query.cjs');
const { dumboDatabaseMetadataRegistry } = require('./databaseMetadata.cjs');

const tableExistsSQL = (tableName) =>
  SQL`
  SELECT EXISTS (
    SELECT 1
    FROM sqlite_master
    WHERE type = 'table' AND name = ${tableName}
  ) AS "exists"
   `;

/** Whether a table of that (physical) name exists. */
const tableExists = (execute, tableName) => exists(execute.query(tableExistsSQL(tableName)));

const indexExistsSQL = (indexName) =>
  SQL`
  SELECT EXISTS (
    SELECT 1
    FROM sqlite_master
    WHERE type = 'index' AND name = ${indexName}
  ) AS "exists"
   `;

/** Whether an index of that (physical) name exists. */
const indexExists = (execute, indexName) => exists(execute.query(indexExistsSQL(indexName)));

const assertNativeName = (kind, name) => {
  if (name.includes('.'))
    throw new InvalidOperationError(`SQLite ${kind} names containing . are reserved for logical schema mapping`);
};

/** The physical SQLite table name of a logical one: `schema.table`, or `table` in the default schema. */
const sqliteTableName = ({ databaseSchemaName, tableName }) => {
  assertNativeName('table', tableName);
  if (databaseSchemaName === undefined || databaseSchemaName === DefaultDatabaseSchemaName) return tableName;
  assertNativeName('database schema', databaseSchemaName);
  return `${databaseSchemaName}.${tableName}`;
};

/** The physical SQLite index name: `schema.index`, or `index` in the default schema. */
const sqliteIndexName = ({ databaseSchemaName, indexName }) => {
  assertNativeName('index', indexName);
  if (databaseSchemaName === undefined || databaseSchemaName === DefaultDatabaseSchemaName) return indexName;
  assertNativeName('database schema', databaseSchemaName);
  return `${databaseSchemaName}.${indexName}`;
};

// Quirk kept: defaultDatabaseName is 'main' while defaultSQLiteDatabase is ':memory:'.
const sqliteMetadata = Object.freeze({
  databaseType: 'SQLite',
  defaultDatabaseName: 'main',
  capabilities: Object.freeze({ supportsSchemas: false, supportsFunctions: false, supportsMultipleDatabases: false }),
  tableExists,
});

dumboDatabaseMetadataRegistry.register('SQLite', sqliteMetadata);

module.exports = { tableExists, indexExists, sqliteTableName, sqliteIndexName, sqliteMetadata };
