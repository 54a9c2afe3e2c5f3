'use strict';
// Database components (upstream core/schema/components/database): a default schema
// (its `tables`) or named `schemas`, plus extensions.
const { InvalidOperationError } = require('../../errors.cjs');
const { DefaultDatabaseSchemaName, isDefaultDatabaseSchema } = require('../../sql/ddlTokens.cjs');
const { mergeSchemaComponentMaps, schemaComponent, schemaComponentMap } = require('../schemaComponent.cjs');
const {
  assertSchemaKeysAreNotEmpty,
  assertTableNamesAreUnique,
  databaseSchemaComponent,
} = require('./databaseSchema.cjs');

const databaseComponentType = Symbol.for('dumbo.schemaComponent.database');

const groupBy = (items, key) => {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** `databaseComponent({ databaseName?, defaultSchemaName?, tables? | schemas?, extensions?, migrations? })`. */
function databaseComponent(options) {
  if (options.tables !== undefined && options.schemas !== undefined)
    throw new InvalidOperationError('A database declaration can contain either tables or schemas, not both');
  return buildDatabaseComponent(options);
}

function buildDatabaseComponent(options) {
  const { databaseName, defaultSchemaName = DefaultDatabaseSchemaName } = options;
  const schemas = options.schemas ?? {};
  const extensions = options.extensions ?? {};
  assertSchemaKeysAreNotEmpty(schemas);

  const hasTables = (extension) => Object.keys(extension.tables).length > 0;

  const defaultSchema = databaseSchemaComponent({
    schemaName: defaultSchemaName,
    tables: options.tables,
    extensions: Object.fromEntries(Object.entries(extensions).filter(([, extension]) => hasTables(extension))),
  });

  const allSchemas = mergeSchemaComponentMaps(
    { [DefaultDatabaseSchemaName]: defaultSchema },
    ...Object.values(extensions).map((extension) => extension.schemas),
    schemas,
  );

  const resolveSchemaName = (schemaName) => (isDefaultDatabaseSchema(schemaName) ? defaultSchemaName : schemaName);

  const schemasByName = groupBy(Object.values(allSchemas), (schema) => schema.schemaName);
  for (const [resolved, named] of schemasByName)
    assertTableNamesAreUnique(
      resolved,
      named.flatMap((schema) => Object.values(schema.tables)),
    );

  const component = {
    ...schemaComponent(databaseComponentType, {
      components: Object.freeze([
        defaultSchema,
        ...Object.values(schemas),
        ...Object.values(extensions).filter((extension) => !hasTables(extension)),
      ]),
      migrations: options.migrations,
    }),
    databaseName,
    defaultSchema,
    tables: defaultSchema.tables,
    schemas: allSchemas,
    extensions: schemaComponentMap(extensions),
    findTable: ({ tableName, databaseSchemaName }) =>
      (schemasByName.get(resolveSchemaName(databaseSchemaName)) ?? [])
        .map((schema) => schema.findTable(tableName))
        .find((table) => table !== undefined),
    findSchema: (databaseSchemaName) => schemasByName.get(resolveSchemaName(databaseSchemaName))?.[0],
    withDefaultSchemaName: (next) =>
      next === defaultSchemaName ? component : buildDatabaseComponent({ ...options, defaultSchemaName: next }),
    withSchema: (added) => buildDatabaseComponent({ ...options, schemas: { ...schemas, ...added } }),
    withTable: (added, schemaName) => {
      const resolved = resolveSchemaName(schemaName);
      if (resolved === defaultSchemaName)
        return buildDatabaseComponent({ ...options, tables: { ...options.tables, ...added } });
      const [schemaKey, schema] = Object.entries(schemas).find(([, declared]) => declared.schemaName === resolved) ?? [
        resolved,
        databaseSchemaComponent({ schemaName: resolved }),
      ];
      return component.withSchema({ [schemaKey]: schema.withTable(added) });
    },
  };
  return component;
}

module.exports = { databaseComponentType, databaseComponent };
