// Database metadata and schema components against real databases (reference 7.2,
// 7.3): tableExists / functionExists / indexExists, the metadata of a pool's driver
// type, renames, and SQLite's logical schemas (folded names, rejected dotted names).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  dumboSchema,
  getDatabaseMetadata,
  getDefaultDatabase,
  runSQLMigrations,
  InvalidOperationError,
} from '@event-driven-io/dumbo';
import { sqliteTarget, postgresTarget } from '../support/databases.mjs';
import { testDatabaseName } from '../support/postgres.mjs';

const { Text, Integer } = SQL.column.type;

function schemaSuite(target) {
  const isPg = target.name === 'PostgreSQL';
  let pool;
  let entry;

  describe(`schema metadata and components on ${target.label}`, { timeout: 60_000 }, () => {
    before(async () => {
      await target.setup();
      pool = target.dumbo();
      entry = isPg ? await import('@event-driven-io/dumbo/postgresql') : await import('@event-driven-io/dumbo/sqlite');
    });
    after(async () => {
      await pool?.close();
      await target.teardown();
    });

    it("the pool's metadata: default database, capabilities, tableExists", async () => {
      const metadata = getDatabaseMetadata(pool.driverType);
      assert.equal(metadata, isPg ? entry.postgreSQLMetadata : entry.sqliteMetadata);
      assert.equal(getDefaultDatabase(pool.driverType), isPg ? 'postgres' : 'main');
      assert.equal(metadata.capabilities.supportsSchemas, isPg);
      await pool.execute.command(SQL`CREATE TABLE meta_probe (id INTEGER)`);
      assert.equal(await metadata.tableExists(pool.execute, 'meta_probe'), true);
      assert.equal(await entry.tableExists(pool.execute, 'meta_probe'), true);
      assert.equal(await entry.tableExists(pool.execute, 'no_such_table'), false);
    });

    if (isPg) {
      it('functionExists looks the name up in pg_proc', async () => {
        await pool.execute.command(SQL`CREATE FUNCTION dumbo_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
        assert.equal(await entry.functionExists(pool.execute, 'dumbo_probe'), true);
        assert.equal(await entry.functionExists(pool.execute, 'no_such_function'), false);
        assert.equal(await entry.postgreSQLMetadata.functionExists(pool.execute, 'dumbo_probe'), true);
        assert.equal(entry.postgreSQLMetadata.parseDatabaseName(target.connectionString), testDatabaseName('schema_pg'));
      });
    } else {
      it('indexExists looks the physical index name up in sqlite_master', async () => {
        await pool.execute.command(SQL`CREATE INDEX meta_probe_idx ON meta_probe (id)`);
        assert.equal(await entry.indexExists(pool.execute, 'meta_probe_idx'), true);
        assert.equal(await entry.indexExists(pool.execute, 'no_such_idx'), false);
      });
    }

    it('creates, renames and indexes a table in a schema', async () => {
      const accounts = dumboSchema.table('accounts', {
        columns: {
          id: dumboSchema.column('id', Integer, { primaryKey: true }),
          email: dumboSchema.column('email', Text, { notNull: true, default: 'none' }),
        },
        indexes: { email: dumboSchema.index('accounts_email_idx', ['email']) },
      });
      const sales = dumboSchema.schema('sales', { accounts });
      await runSQLMigrations(pool, dumboSchema.database({ schemas: { sales } }).migrations());
      await pool.execute.command(
        SQL`INSERT INTO ${sales.tables.accounts.fullName} (id) VALUES (${1})`,
      );
      assert.deepEqual(
        (await pool.execute.query(SQL`SELECT email FROM ${sales.tables.accounts.fullName}`)).rows,
        [{ email: 'none' }],
        'the inline default applies',
      );

      const renamed = sales.tables.accounts.rename('customers');
      const result = await runSQLMigrations(pool, renamed.migrations());
      assert.deepEqual(result.applied.map((m) => m.name), [
        'table:sales:accounts:customers:rename',
        'index:sales:customers:accounts_email_idx:create',
      ]);
      assert.equal(await entry.tableExists(pool.execute, isPg ? 'customers' : 'sales.customers'), true);
      assert.equal(await entry.tableExists(pool.execute, isPg ? 'accounts' : 'sales.accounts'), false);
      assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM ${renamed.fullName}`)).rows, [{ id: 1 }]);
    });

    if (!isPg) {
      it('rejects dotted native names in a logical schema; nothing is applied', async () => {
        const bad = dumboSchema.schema('crm', {
          dotted: dumboSchema.table('a.b', { columns: { id: dumboSchema.column('id', Integer) } }),
        });
        await assert.rejects(
          runSQLMigrations(pool, bad.migrations()),
          (error) =>
            error instanceof InvalidOperationError &&
            error.message === 'SQLite table names containing . are reserved for logical schema mapping',
        );
        assert.equal(await entry.tableExists(pool.execute, 'crm.a.b'), false);
        const ledger = await pool.execute.query(SQL`SELECT name FROM dmb_migrations WHERE name LIKE 'table:crm%'`);
        assert.deepEqual(ledger.rows, []);
      });
    }
  });
}

schemaSuite(sqliteTarget());
schemaSuite(postgresTarget('schema_pg'));
