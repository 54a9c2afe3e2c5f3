'use strict';
// Upstream's migrationTableSchemaComponent and SchemaComponentMigrator.
const { migrationTableComponentFor } = require('../../migrations/migrationTable.cjs');
const { sqlMigration } = require('../sqlMigration.cjs');
const { keyedSchemaComponent, migrationsOf } = require('./schemaComponent.cjs');

/**
 * The default ledger as a keyed component (upstream: one migration creating
 * dmb_migrations); runSQLMigrations accepts it as `schema.migrationTable`. Its statement
 * is the built-in ledger's, so both render the same DDL per dialect.
 */
const migrationTableSchemaComponent = keyedSchemaComponent('dumbo:schema-component:migrations-table', {
  migrations: [
    sqlMigration(
      'dumbo:migrationTable:001',
      migrationTableComponentFor()
        .migrations()
        .flatMap((migration) => migration.sqls),
    ),
  ],
});

/** The key a migrator remembers a component by: its string key, or its kind's description. */
const componentKeyOf = (component) =>
  typeof component.schemaComponentKey === 'string'
    ? component.schemaComponentKey
    : String(require('../schemaComponent.cjs').kindOf(component)?.description ?? 'schema-component');

/**
 * `SchemaComponentMigrator(component, pool)`: `run(options?)` applies the component's
 * migrations (either generation) that this migrator has not completed yet.
 */
function SchemaComponentMigrator(component, dumbo) {
  const completedMigrations = [];
  const key = componentKeyOf(component);
  return {
    component,
    run: async (options) => {
      const { runSQLMigrations } = require('../../migrations/migrator.cjs');
      const pending = migrationsOf(component).filter((m) => !completedMigrations.includes(`${key}:${m.name}`));
      if (pending.length === 0) return;
      await runSQLMigrations(dumbo, pending, options);
      completedMigrations.push(...pending.map((m) => `${key}:${m.name}`));
    },
  };
}

module.exports = { migrationTableSchemaComponent, SchemaComponentMigrator };
