'use strict';
// Database schema components (upstream core/schema/components/databaseSchema).
const { InvalidOperationError } = require('../../errors.cjs');
const { SQL } = require('../../sql/tag.cjs');
const { isDefaultDatabaseSchema, SQLCreateSchema } = require('../../sql/ddlTokens.cjs');
const { migrationName } = require('../migrationName.cjs');
const { mergeSchemaComponentMaps, schemaComponent, schemaComponentMap } = require('../schemaComponent.cjs');
const { sqlMigration } = require('../sqlMigration.cjs');

const databaseSchemaComponentType = Symbol.for('dumbo.schemaComponent.databaseSchema');

const generatedDatabaseSchemaMigrations = (schemaName, kind) =>
  isDefaultDatabaseSchema(schemaName)
    ? []
    : [
        sqlMigration(migrationName('schema', kind, [schemaName], 'create'), [
          SQL`${SQLCreateSchema.from({ databaseSchemaName: schemaName })}`,
        ]),
      ];

const databaseSchemaLabel = (schemaName) => (isDefaultDatabaseSchema(schemaName) ? 'the default schema' : schemaName);

function assertTableNamesAreUnique(schemaName, tables) {
  const names = new Set();
  for (const table of tables) {
    if (names.has(table.tableName))
      throw new InvalidOperationError(
        `Table "${table.tableName}" is declared more than once in database schema "${databaseSchemaLabel(schemaName)}"`,
      );
    names.add(table.tableName);
  }
}

function assertSchemaKeysAreNotEmpty(schemas) {
  if (Object.keys(schemas).includes(''))
    throw new InvalidOperationError('Database schema record key cannot be an empty string');
}

const placeIn = (schemaName, components) =>
  Object.fromEntries(
    Object.entries(components).map(([key, component]) => [key, component.withDatabaseSchemaName(schemaName)]),
  );

/** `databaseSchemaComponent({ schemaName, kind?, tables?, extensions?, migrations?: (schemaName) => SQLMigration[] })`. */
function databaseSchemaComponent(options) {
  const { schemaName, kind } = options;
  if (schemaName === '')
    throw new InvalidOperationError(
      'A database schema name cannot be empty. Use the default database schema name to leave it to the dialect',
    );
  const tables = placeIn(schemaName, options.tables ?? {});
  const extensions = placeIn(schemaName, options.extensions ?? {});

  for (const extension of Object.values(extensions)) {
    const [contributed] = Object.values(extension.schemas);
    if (contributed !== undefined)
      throw new InvalidOperationError(
        `Extension "${extension.extensionName}" contributes database schema "${databaseSchemaLabel(
          contributed.schemaName,
        )}" and cannot be attached to database schema "${databaseSchemaLabel(schemaName)}"`,
      );
  }

  const extensionTables = Object.values(extensions).map((extension) => extension.tables);
  assertTableNamesAreUnique(schemaName, [
    ...extensionTables.flatMap((contributed) => Object.values(contributed)),
    ...Object.values(tables),
  ]);
  const allTables = mergeSchemaComponentMaps(...extensionTables, tables);

  return {
    ...schemaComponent(databaseSchemaComponentType, {
      components: Object.freeze([...Object.values(tables), ...Object.values(extensions)]),
      migrations: () =>
        options.migrations !== undefined
          ? options.migrations(schemaName)
          : generatedDatabaseSchemaMigrations(schemaName, kind),
    }),
    schemaName,
    tables: allTables,
    extensions: schemaComponentMap(extensions),
    findTable: (tableName) => Object.values(allTables).find((table) => table.tableName === tableName),
    withTable: (added) => databaseSchemaComponent({ ...options, tables: { ...tables, ...added } }),
  };
}

module.exports = {
  databaseSchemaComponentType,
  databaseSchemaComponent,
  databaseSchemaLabel,
  assertTableNamesAreUnique,
  assertSchemaKeysAreNotEmpty,
};
