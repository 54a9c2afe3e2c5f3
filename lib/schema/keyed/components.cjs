'use strict';
// Keyed index, table, database-schema and database components, as upstream's. They hold metadata and the migrations
// given to them; unlike the symbol-kind generation they generate no SQL.
const { keyedSchemaComponent, mapSchemaComponentsOfType } = require('./schemaComponent.cjs');
const urn = require('./urns.cjs');

const baseOf = (key, migrationsOrComponents, extraComponents = []) =>
  keyedSchemaComponent(key, {
    migrations: migrationsOrComponents.migrations ?? [],
    components: [...(migrationsOrComponents.components ?? []), ...extraComponents],
  });

/** `indexSchemaComponent({ indexName, columnNames, isUnique, migrations?, components? })`. */
function indexSchemaComponent({ indexName, columnNames, isUnique, ...migrationsOrComponents }) {
  return {
    ...baseOf(urn.IndexURN({ name: indexName }), migrationsOrComponents),
    indexName,
    get columnNames() {
      return columnNames;
    },
    addColumn: (column) => columnNames.push(typeof column === 'string' ? column : column.columnName),
    isUnique,
  };
}

/**
 * `tableSchemaComponent({ tableName, columns?, primaryKey?, relationships?, migrations?, components? })`.
 * @param {{ tableName: string, columns?: object, primaryKey?: string[], relationships?: object, [key: string]: any }} options
 */
function tableSchemaComponent({ tableName, columns, primaryKey, relationships, ...migrationsOrComponents }) {
  columns ??= {};
  relationships ??= {};
  const base = baseOf(urn.TableURN({ name: tableName }), migrationsOrComponents, Object.values(columns));
  return {
    ...base,
    tableName,
    primaryKey: primaryKey ?? [],
    relationships,
    get columns() {
      const columnsMap = mapSchemaComponentsOfType(base.components, urn.ColumnURNType, (c) => c.columnName);
      return Object.assign(columnsMap, columns);
    },
    get indexes() {
      return mapSchemaComponentsOfType(base.components, urn.IndexURNType, (c) => c.indexName);
    },
    addColumn: (column) => base.addComponent(column),
    addIndex: (index) => base.addComponent(index),
  };
}

/**
 * `databaseSchemaSchemaComponent({ schemaName, tables?, migrations?, components? })`.
 * @param {{ schemaName: string, tables?: object, [key: string]: any }} options
 */
function databaseSchemaSchemaComponent({ schemaName, tables, ...migrationsOrComponents }) {
  const base = baseOf(urn.DatabaseSchemaURN({ name: schemaName }), migrationsOrComponents, Object.values(tables ?? {}));
  return {
    ...base,
    schemaName,
    get tables() {
      const tablesMap = mapSchemaComponentsOfType(base.components, urn.TableURNType, (c) => c.tableName);
      return Object.assign(tablesMap, tables);
    },
    addTable: (table) =>
      base.addComponent(typeof table === 'string' ? tableSchemaComponent({ tableName: table }) : table),
  };
}

/** The keyed database component: `databaseSchemaComponent({ databaseName, schemas?, migrations?, components? })`. */
function keyedDatabaseComponent({ databaseName, schemas, ...migrationsOrComponents }) {
  schemas ??= {};
  const base = baseOf(urn.DatabaseURN({ name: databaseName }), migrationsOrComponents, Object.values(schemas));
  return {
    ...base,
    databaseName,
    get schemas() {
      const schemasMap = mapSchemaComponentsOfType(base.components, urn.DatabaseSchemaURNType, (c) => c.schemaName);
      return Object.assign(schemasMap, schemas);
    },
    addSchema: (schema) =>
      base.addComponent(typeof schema === 'string' ? databaseSchemaSchemaComponent({ schemaName: schema }) : schema),
  };
}

module.exports = {
  indexSchemaComponent,
  tableSchemaComponent,
  databaseSchemaSchemaComponent,
  keyedDatabaseComponent,
};
