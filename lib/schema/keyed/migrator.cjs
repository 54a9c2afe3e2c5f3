'use strict';
// migrationTableSchemaComponent and SchemaComponentMigrator (upstream
// core/schema/migrators/schemaComponentMigrator.ts).
const { SQL } = require('../../sql/tag.cjs');
const { sqlMigration } = require('../sqlMigration.cjs');
const { keyedSchemaComponent, migrationsOf } = require('./schemaComponent.cjs');

const { AutoIncrement, Varchar, Timestamp } = SQL.column.type;

/** The default ledger as a keyed component; runSQLMigrations accepts it as `schema.migrationTable`. */
const migrationTableSchemaComponent = keyedSchemaComponent('dumbo:schema-component:migrations-table', {
  migrations: [
    sqlMigration('dumbo:migrationTable:001', [
      SQL`
  CREATE TABLE IF NOT EXISTS dmb_migrations (
    id ${AutoIncrement({ primaryKey: true })},
    name ${Varchar(255)} NOT NULL UNIQUE,
    application ${Varchar(255)} NOT NULL DEFAULT 'default',
    sql_hash ${Varchar(64)} NOT NULL,
    timestamp ${Timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP
  );
`,
    ]),
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
