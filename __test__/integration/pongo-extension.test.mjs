// The built-ins' typed Pongo extension (RFC 4.4): found through the registry,
// its collection schema applied by migrations and its SQL run on both databases.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pluginRegistry, runSQLMigrations, isSchemaComponent, single } from '@event-driven-io/dumbo';
import { sqliteTarget, postgresTarget } from '../support/databases.mjs';

const targets = [
  { target: sqliteTarget(), connector: 'SQLite:sqlite3', strategy: 'separate-tables', partitioning: false },
  { target: postgresTarget('pongo_ext'), connector: 'PostgreSQL:pg', strategy: 'partitioning', partitioning: true },
];

for (const { target, connector, strategy, partitioning } of targets) {
  describe(`Pongo extension: ${target.name}`, () => {
    let pool;
    before(async () => {
      await target.setup();
      pool = target.dumbo({ connectionString: target.connectionString });
    });
    after(async () => {
      await pool?.close();
      await target.teardown();
    });

    it('is declared on the plugin the registry resolves', async () => {
      const plugin = await pluginRegistry.resolve(connector);
      const pongo = plugin.extensions.pongo;
      assert.equal(pongo.schemaStrategy, strategy);
      assert.equal(pongo.supportedFeatures.partitioning, partitioning);
      assert.equal(pongo.supportedFeatures.jsonIndexes, true);
      assert.equal(typeof pongo.sqlBuilder, 'function');
    });

    it('createCollectionSchema is a schema component whose migration creates the collection once', async () => {
      const { pongo } = (await pluginRegistry.resolve(connector)).extensions;
      const schema = pongo.createCollectionSchema('users');
      assert.ok(isSchemaComponent(schema));
      assert.deepEqual(schema.migrations().map((m) => m.name), ['pongo:collection:users:create']);
      const first = await runSQLMigrations(pool, schema.migrations());
      assert.deepEqual(first.applied.map((m) => m.name), ['pongo:collection:users:create']);
      const second = await runSQLMigrations(pool, schema.migrations());
      assert.deepEqual(second.applied, []);
    });

    it('the collection SQL builder inserts, finds, counts, deletes and drops documents', async () => {
      const { pongo } = (await pluginRegistry.resolve(connector)).extensions;
      const users = pongo.sqlBuilder('users');
      const doc = { _id: 'u1', name: "O'Hara", tags: ['a', 'b'], nested: { n: 1 } };
      await pool.execute.command(users.insertOne(doc));
      const found = await single(pool.execute.query(users.findOne('u1')));
      const data = typeof found.data === 'string' ? JSON.parse(found.data) : found.data;
      assert.deepEqual(data, doc);
      assert.equal(Number((await single(pool.execute.query(users.countDocuments()))).count), 1);
      assert.equal((await pool.execute.command(users.deleteOne('u1'))).rowCount, 1);
      assert.equal(Number((await single(pool.execute.query(users.countDocuments()))).count), 0);
      await pool.execute.command(users.drop());
      await assert.rejects(pool.execute.query(users.countDocuments()));
      assert.throws(() => pongo.sqlBuilder(''), TypeError);
    });
  });
}
