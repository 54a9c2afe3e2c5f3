'use strict';
// Table components (upstream core/schema/components/table).
const { SQL } = require('../../sql/tag.cjs');
const { DefaultDatabaseSchemaName, SQLRenameTable, SQLTableReference } = require('../../sql/ddlTokens.cjs');
const { migrationName, schemaSegments } = require('../migrationName.cjs');
const { schemaComponent, schemaComponentMap, schemaComponentType } = require('../schemaComponent.cjs');
const { sqlMigration } = require('../sqlMigration.cjs');

const tableComponentType = Symbol.for('dumbo.schemaComponent.table');

/** `CREATE TABLE IF NOT EXISTS <table> (<columns>)`. */
function createTableSQL(table) {
  const columns = SQL.merge(
    Object.values(table.columns).map((column) => SQL`${column}`),
    ', ',
  );
  return SQL`CREATE TABLE IF NOT EXISTS ${table.fullName} (${columns})`;
}

const tableMigrationName = (fullName, kind) =>
  migrationName('table', kind, [...schemaSegments(fullName.databaseSchemaName), fullName.tableName], 'create');

const tableRenameMigrationName = (from, kind, newName) =>
  migrationName('table', kind, [...schemaSegments(from.databaseSchemaName), from.tableName, newName], 'rename');

function generatedTableMigrations({ fullName, kind, columns, renamedFrom }) {
  if (renamedFrom !== undefined)
    return [
      sqlMigration(tableRenameMigrationName(renamedFrom, kind, fullName.tableName), [
        SQL`${SQLRenameTable.from({ table: renamedFrom, newTableName: fullName.tableName })}`,
      ]),
    ];
  if (Object.keys(columns).length === 0) return [];
  return [sqlMigration(tableMigrationName(fullName, kind), [createTableSQL({ columns, fullName })])];
}

/**
 * `tableComponent({ tableName, databaseSchemaName?, kind?, columns?, primaryKey?,
 * relationships?, indexes?, migrations?: (fullName) => SQLMigration[] })`.
 * Custom `migrations` replace only the create migration; indexes are still generated.
 */
function tableComponent(options) {
  const columns = options.columns ?? {};
  const fullName = SQLTableReference.from({
    databaseSchemaName: options.databaseSchemaName ?? DefaultDatabaseSchemaName,
    tableName: options.tableName,
  });
  const indexes = Object.fromEntries(
    Object.entries(options.indexes ?? {}).map(([key, index]) => [key, index.withTableReference(fullName)]),
  );
  const children = Object.freeze([...Object.values(columns), ...Object.values(indexes)]);
  const ownMigrations = () =>
    options.migrations !== undefined
      ? options.migrations(fullName)
      : generatedTableMigrations({ fullName, kind: options.kind, columns, renamedFrom: options.renamedFrom });

  return {
    ...schemaComponent(tableComponentType, { components: children, migrations: ownMigrations }),
    tableName: options.tableName,
    fullName,
    kind: options.kind,
    primaryKey: Object.freeze([...(options.primaryKey ?? [])]),
    relationships: Object.freeze({ ...(options.relationships ?? {}) }),
    columns: schemaComponentMap(columns),
    indexes: schemaComponentMap(indexes),
    // Spreading the receiver first keeps properties that outer factories added to it.
    withDatabaseSchemaName(databaseSchemaName) {
      if (fullName.databaseSchemaName === databaseSchemaName) return this;
      return { ...this, ...tableComponent({ ...options, databaseSchemaName }) };
    },
    rename(tableName) {
      return { ...this, ...tableComponent({ ...options, tableName, renamedFrom: fullName }) };
    },
    withTableName(tableName) {
      return { ...this, ...tableComponent({ ...options, tableName }) };
    },
  };
}

const isTableComponent = (component) => component?.[schemaComponentType] === tableComponentType;

module.exports = { tableComponentType, tableComponent, createTableSQL, isTableComponent };
