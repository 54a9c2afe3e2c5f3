'use strict';
// Upstream's dumboSchema.* shortcuts.
const { columnSchemaComponent } = require('./components/column.cjs');
const { databaseComponent } = require('./components/database.cjs');
const { databaseSchemaComponent } = require('./components/databaseSchema.cjs');
const { extensionComponent } = require('./components/extension.cjs');
const { indexComponent } = require('./components/index.cjs');
const { tableComponent } = require('./components/table.cjs');

const column = (name, type, options) => columnSchemaComponent({ ...options, columnName: name, type });

const index = (name, columnNames, options) =>
  indexComponent({ indexName: name, columnNames, isUnique: options?.unique ?? false, ...options });

const table = (name, definition = {}) => tableComponent({ tableName: name, ...definition });

const schema = (name, tables, extensions) => databaseSchemaComponent({ schemaName: name, tables, extensions });

/** `dumboSchema.database([databaseName,] { tables? | schemas?, extensions?, defaultSchemaName?, migrations? })`. */
function database(databaseNameOrOptions, maybeOptions) {
  const databaseName = typeof databaseNameOrOptions === 'string' ? databaseNameOrOptions : undefined;
  const { tables, schemas, ...shared } =
    (typeof databaseNameOrOptions === 'string' ? maybeOptions : databaseNameOrOptions) ?? {};
  return schemas !== undefined
    ? databaseComponent({ databaseName, ...shared, schemas })
    : databaseComponent({ databaseName, ...shared, tables });
}

/** A database with empty named schemas. */
database.from = (databaseName, schemaNames) => {
  const schemas = Object.fromEntries(schemaNames.map((schemaName) => [schemaName, schema(schemaName, {})]));
  return databaseName === undefined ? database({ schemas }) : database(databaseName, { schemas });
};

const dumboSchema = { database, schema, table, column, index, extension: extensionComponent };

/** `relationship(columns, references, type)`: a table relationship (checked by the types only). */
const relationship = (columns, references, type) => ({ columns, references, type });

module.exports = { dumboSchema, relationship };
