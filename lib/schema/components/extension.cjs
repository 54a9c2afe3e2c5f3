'use strict';
// Extension components (upstream core/schema/components/extensions): tables or schemas
// (and migrations) contributed by a feature, attached to a database or schema.
const { schemaComponent, schemaComponentMap } = require('../schemaComponent.cjs');
const { assertSchemaKeysAreNotEmpty } = require('./databaseSchema.cjs');

const extensionComponentType = Symbol.for('dumbo.schemaComponent.extension');

/** `extensionComponent(name, { tables? | schemas?, migrations? })`. */
function extensionComponent(extensionName, options = {}) {
  const tables = options.tables ?? {};
  const schemas = options.schemas ?? {};
  assertSchemaKeysAreNotEmpty(schemas);

  const component = {
    ...schemaComponent(extensionComponentType, {
      components: Object.freeze([...Object.values(tables), ...Object.values(schemas)]),
      migrations: options.migrations,
    }),
    extensionName,
    tables: schemaComponentMap(tables),
    schemas: schemaComponentMap(schemas),
    withDatabaseSchemaName: (databaseSchemaName) => {
      const placed = Object.fromEntries(
        Object.entries(tables).map(([key, table]) => [key, table.withDatabaseSchemaName(databaseSchemaName)]),
      );
      return Object.entries(placed).every(([key, table]) => table === tables[key])
        ? component
        : extensionComponent(extensionName, { tables: placed, migrations: options.migrations });
    },
  };
  return component;
}

module.exports = { extensionComponentType, extensionComponent };
