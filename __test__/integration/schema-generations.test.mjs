// Both schema-component generations against real databases: the calls published Pongo
// 0.17.0-beta.47 makes (db.schema.migrate() and collection.schema.migrate() run
// `runSQLMigrations(pool, component.migrations, options)` on keyed components), a
// component of either generation given to runSQLMigrations whole, SchemaComponentMigrator,
// and upstream's `schema.migrationTable` option.
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  sqlMigration,
  runSQLMigrations,
  schemaComponent,
  tableComponent,
  columnSchemaComponent,
  migrationTableSchemaComponent,
  SchemaComponentMigrator,
  getDatabaseMetadata,
  count,
} from '@event-driven-io/dumbo';
import { sqliteTarget, postgresTarget } from '../support/databases.mjs';

const TIMEOUT_MS = 60_000;

// Pongo's own factories (pongoCollectionSchemaComponent.ts, pongoDatabaseSchemaComponent.ts).
const PongoCollectionSchemaComponent = ({ definition, migrationsOrSchemaComponents }) => ({
  ...schemaComponent(`sc:pongo:collection:${definition.name}`, migrationsOrSchemaComponents),
  definition,
  collectionName: definition.name,
});
const PongoDatabaseSchemaComponent = ({ definition, collectionFactory }) => {
  const collections = Object.values(definition.collections).map(collectionFactory);
  return {
    ...schemaComponent(`sc:dumbo:database:${definition.name}`, { components: collections }),
    definition,
    collections,
  };
};
const collectionMigrations = (name) => [
  sqlMigration(`pongoCollection:${name}:001:createtable`, [
    SQL`CREATE TABLE IF NOT EXISTS ${SQL.identifier(name)} (_id TEXT PRIMARY KEY, data TEXT NOT NULL)`,
  ]),
];

function generationsSuite(target) {
  let pool;
  const tableExists = (name) => getDatabaseMetadata(pool.driverType).tableExists(pool.execute, name);
  const ledgerNames = async () =>
    (await pool.execute.query(SQL`SELECT name FROM dmb_migrations ORDER BY id`)).rows.map((r) => r.name);

  describe(`schema component generations on ${target.label}`, { timeout: TIMEOUT_MS }, () => {
    before(async () => {
      await target.setup();
      pool = target.dumbo();
    });
    after(async () => {
      await pool?.close();
      await target.teardown();
    });
    beforeEach(async () => {
      for (const table of ['dmb_migrations', 'users', 'orders', 'audit', 'kinds', 'events']) {
        await pool.execute.command(SQL`DROP TABLE IF EXISTS ${SQL.identifier(table)}`);
      }
    });

    it("Pongo's db.schema.migrate() and collection.schema.migrate() calls apply, then skip", async () => {
      const db = PongoDatabaseSchemaComponent({
        definition: { name: 'shop', collections: { users: { name: 'users' }, orders: { name: 'orders' } } },
        collectionFactory: (schema) =>
          PongoCollectionSchemaComponent({
            definition: schema,
            migrationsOrSchemaComponents: { migrations: collectionMigrations(schema.name) },
          }),
      });
      const migrate = (component, options) => runSQLMigrations(pool, component.migrations, options);

      const dryRun = await migrate(db, { dryRun: true });
      assert.equal(dryRun.applied.length, 2);
      assert.equal(await tableExists('users'), false, 'a dry run rolls back');

      const first = await migrate(db);
      assert.deepEqual(
        first.applied.map((m) => m.name),
        ['pongoCollection:users:001:createtable', 'pongoCollection:orders:001:createtable'],
      );
      assert.equal(await tableExists('users'), true);
      assert.equal(await tableExists('orders'), true);
      const again = await migrate(db.collections[0]);
      assert.deepEqual([again.applied.length, again.skipped.length], [0, 1]);
      assert.deepEqual(await ledgerNames(), first.applied.map((m) => m.name));
    });

    it('runSQLMigrations takes a component of either generation, or an array mixing them with migrations', async () => {
      const keyed = schemaComponent('sc:app:audit', {
        migrations: [sqlMigration('audit:001', [SQL`CREATE TABLE audit (id INTEGER)`])],
      });
      const symbolic = tableComponent({
        tableName: 'kinds',
        columns: { id: columnSchemaComponent({ columnName: 'id', type: SQL.column.type.Integer, primaryKey: true }) },
      });
      const result = await runSQLMigrations(pool, keyed);
      assert.deepEqual(result.applied.map((m) => m.name), ['audit:001']);
      const events = sqlMigration('events:001', [SQL`CREATE TABLE events (id INTEGER)`]);
      const mixed = await runSQLMigrations(pool, [keyed, symbolic, events]);
      assert.deepEqual(mixed.applied.map((m) => m.name), ['table:kinds:create', 'events:001']);
      assert.deepEqual(mixed.skipped.map((m) => m.name), ['audit:001']);
      assert.equal(await tableExists('kinds'), true);
      await assert.rejects(runSQLMigrations(pool, 'audit:001'), {
        name: 'TypeError',
        message: 'runSQLMigrations expects an array of migrations or a schema component',
      });
    });

    it('SchemaComponentMigrator runs a component once per migrator, for both generations', async () => {
      const keyed = schemaComponent('sc:app:users', {
        migrations: [sqlMigration('users:001', [SQL`CREATE TABLE users (id INTEGER)`])],
      });
      const migrator = SchemaComponentMigrator(keyed, pool);
      assert.equal(migrator.component, keyed);
      await migrator.run();
      assert.deepEqual(await ledgerNames(), ['users:001']);
      // Completed migrations are remembered by the migrator: a second run does not touch the database.
      await pool.execute.command(SQL`DROP TABLE dmb_migrations`);
      await migrator.run();
      assert.equal(await tableExists('dmb_migrations'), false);

      const symbolic = tableComponent({
        tableName: 'kinds',
        columns: { id: columnSchemaComponent({ columnName: 'id', type: SQL.column.type.Integer }) },
      });
      await SchemaComponentMigrator(symbolic, pool).run();
      assert.deepEqual(await ledgerNames(), ['table:kinds:create']);
    });

    it("upstream's schema.migrationTable option: its migrations create the ledger", async () => {
      const users = [sqlMigration('users:001', [SQL`CREATE TABLE users (id INTEGER)`])];
      await runSQLMigrations(pool, users, { schema: { migrationTable: migrationTableSchemaComponent } });
      assert.deepEqual(await ledgerNames(), ['users:001']);

      await pool.execute.command(SQL`DROP TABLE dmb_migrations`);
      await pool.execute.command(SQL`DROP TABLE users`);
      const ledgerWithAudit = schemaComponent('app:ledger', {
        components: [migrationTableSchemaComponent],
        migrations: [sqlMigration('app:ledger:audit', [SQL`CREATE TABLE IF NOT EXISTS audit (id INTEGER)`])],
      });
      const result = await runSQLMigrations(pool, users, { schema: { migrationTable: ledgerWithAudit } });
      assert.deepEqual(result.applied.map((m) => m.name), ['users:001']);
      assert.equal(await tableExists('audit'), true, "the ledger component's own migrations ran");
      assert.equal(await count(pool.execute.query(SQL`SELECT COUNT(*) AS count FROM dmb_migrations`)), 1);
    });
  });
}

generationsSuite(sqliteTarget());
generationsSuite(postgresTarget('schema_generations'));
