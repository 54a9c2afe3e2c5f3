'use strict';
// SQLite metadata, existence checks and logical-schema names (upstream
// storage/sqlite/core/schema), registered as 'SQLite' when loaded (the root entry loads it).
const { SQL } = require('../sql/tag.cjs');
const { binding } = require('../native.cjs');
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

// SQLite has no schemas: a logical schema is folded into the object's name, by the same
// rule the DDL formatter uses (dumbo_sql::ddl::sqlite_physical_name); names containing `.`
// are InvalidOperationError.

const physicalName = (kind, databaseSchemaName, name) => {
  if (typeof name !== 'string') throw new TypeError(`SQLite ${kind} name must be a string, got ${typeof name}`);
  if (databaseSchemaName != null && typeof databaseSchemaName !== 'string') {
    throw new TypeError(`SQLite database schema name must be a string, got ${typeof databaseSchemaName}`);
  }
  return binding.sqlitePhysicalName(kind, databaseSchemaName, name);
};

/** The physical SQLite table name of a logical one: `schema.table`, or `table` in the default schema. */
const sqliteTableName = ({ databaseSchemaName, tableName }) => physicalName('table', databaseSchemaName, tableName);

/** The physical SQLite index name: `schema.index`, or `index` in the default schema. */
const sqliteIndexName = ({ databaseSchemaName, indexName }) => physicalName('index', databaseSchemaName, indexName);

// Quirk kept: defaultDatabaseName is 'main' while defaultSQLiteDatabase is ':memory:'.
const sqliteMetadata = Object.freeze({
  databaseType: 'SQLite',
  defaultDatabaseName: 'main',
  capabilities: Object.freeze({ supportsSchemas: false, supportsFunctions: false, supportsMultipleDatabases: false }),
  tableExists,
});

dumboDatabaseMetadataRegistry.register('SQLite', sqliteMetadata);

module.exports = { tableExists, indexExists, sqliteTableName, sqliteIndexName, sqliteMetadata };
