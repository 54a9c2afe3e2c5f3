// runSQLMigrations on both databases (reference 7.1): the ledger and its contents, the
// SHA-256 of the described SQL, skip / mismatch / ignore rules with their exact
// messages, the 255-character names, dry runs, failures leaving the ledger unchanged,
// statements that render nothing, migrationTimeoutMs, schema components and a custom
// ledger table. Each database is a fresh one of this file (support/databases.mjs).
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  SQL,
  SQLCreateSchema,
  runSQLMigrations,
  sqlMigration,
  getFormatter,
  databaseComponent,
  databaseSchemaComponent,
  dumboSchema,
  jsonDocumentIndexTarget,
  getDatabaseMetadata,
  InvalidOperationError,
  QueryCanceledError,
  count,
  single,
} from '@event-driven-io/dumbo';
import { sqliteTarget, postgresTarget } from '../support/databases.mjs';

const TEST_TIMEOUT_MS = 60_000;
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const MISMATCH = (name) => `Migration hash mismatch for "${name}". Aborting migration.`;

function migrationsSuite(target) {
  const isPg = target.name === 'PostgreSQL';
  let pool;

  /** Names in the ledger table, in insertion order. */
  const ledger = async (table = SQL.identifier('dmb_migrations')) =>
    (await pool.execute.query(SQL`SELECT name, application, sql_hash, timestamp FROM ${table} ORDER BY id`)).rows;
  const tableExists = (name) => getDatabaseMetadata(pool.driverType).tableExists(pool.execute, name);
  const hashOf = (sqls) => sha256(SQL.describe(sqls, getFormatter(pool.driverType)));
  const expectInvalid = (message) => (error) => {
    assert.ok(error instanceof InvalidOperationError, `got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.message, message);
    return true;
  };

  async function reset() {
    if (isPg) {
      await pool.execute.command(
        SQL`DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS infra CASCADE; DROP SCHEMA IF EXISTS crm CASCADE; CREATE SCHEMA public;`,
      );
      return;
    }
    const { rows } = await pool.execute.query(
      SQL`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    for (const { name } of rows) await pool.execute.command(SQL`DROP TABLE ${SQL.identifier(name)}`);
  }

  describe(`runSQLMigrations on ${target.label}`, { timeout: TEST_TIMEOUT_MS }, () => {
    before(async () => {
      await target.setup();
      pool = target.dumbo();
    });
    after(async () => {
      await pool?.close();
      await target.teardown();
    });
    beforeEach(reset);

    const users = sqlMigration('001_users', [
      SQL`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`,
      SQL`INSERT INTO users (id, name) VALUES (${1}, ${"Ada's"})`,
    ]);
    const roles = sqlMigration('002_roles', [SQL`CREATE TABLE roles (id INTEGER PRIMARY KEY)`]);

    it('applies migrations in order and records name, application, SHA-256 of the described SQL and time', async () => {
      const result = await runSQLMigrations(pool, [users, roles]);
      assert.deepEqual(result, { applied: [users, roles], skipped: [] });

      const rows = await ledger();
      assert.deepEqual(
        rows.map(({ name, application, sql_hash }) => ({ name, application, sql_hash })),
        [
          { name: '001_users', application: 'default', sql_hash: hashOf(users.sqls) },
          { name: '002_roles', application: 'default', sql_hash: hashOf(roles.sqls) },
        ],
      );
      assert.equal(
        rows[0].sql_hash,
        sha256(
          'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)\nINSERT INTO users (id, name) VALUES (1, "Ada\'s")',
        ),
        'the hash input is describe(): statements joined by newlines, parameters inlined as JSON',
      );
      assert.match(rows[0].sql_hash, /^[0-9a-f]{64}$/);
      assert.ok(rows.every((row) => row.timestamp !== null));
      assert.deepEqual((await pool.execute.query(SQL`SELECT name FROM users`)).rows, [{ name: "Ada's" }]);
      assert.equal(await tableExists('dmb_migrations'), true);
    });

    it('skips a migration already applied with the same hash', async () => {
      await runSQLMigrations(pool, [users]);
      const again = await runSQLMigrations(pool, [users, roles]);
      assert.deepEqual(again, { applied: [roles], skipped: [users] });
      assert.equal(await count(pool.execute.query(SQL`SELECT COUNT(*) AS count FROM users`)), 1, 'not re-run');
      assert.deepEqual((await ledger()).map((r) => r.name), ['001_users', '002_roles']);
    });

    it('rejects a changed migration with the upstream message and leaves everything unchanged', async () => {
      await runSQLMigrations(pool, [users]);
      const before = await ledger();
      const changed = sqlMigration('001_users', [SQL`CREATE TABLE users (id INTEGER PRIMARY KEY, extra TEXT)`]);
      await assert.rejects(runSQLMigrations(pool, [roles, changed]), expectInvalid(MISMATCH('001_users')));
      assert.deepEqual(await ledger(), before, 'ledger unchanged');
      assert.equal(await tableExists('roles'), false, 'the migration before it was rolled back');
    });

    it('ignoreMigrationHashMismatch skips a changed migration and stores its new hash', async () => {
      await runSQLMigrations(pool, [users]);
      const changed = sqlMigration('001_users', [SQL`CREATE TABLE users (id INTEGER PRIMARY KEY, extra TEXT)`]);
      const result = await runSQLMigrations(pool, [changed], { ignoreMigrationHashMismatch: true });
      assert.deepEqual(result, { applied: [], skipped: [changed] });
      const [row] = await ledger();
      assert.equal(row.sql_hash, hashOf(changed.sqls));
      assert.notEqual(row.sql_hash, hashOf(users.sqls));
    });

    it("a migration's ignoreHashMismatch skips it when changed and keeps the stored hash", async () => {
      const original = sqlMigration('003_flag', [SQL`CREATE TABLE flags (id INTEGER)`], { ignoreHashMismatch: true });
      await runSQLMigrations(pool, [original]);
      const changed = sqlMigration('003_flag', [SQL`CREATE TABLE flags (id INTEGER, v TEXT)`], { ignoreHashMismatch: true });
      assert.deepEqual(await runSQLMigrations(pool, [changed]), { applied: [], skipped: [changed] });
      assert.equal((await ledger())[0].sql_hash, hashOf(original.sqls));
    });

    it('accepts a 255-character name and rejects 256 before any database work', async () => {
      const ok = sqlMigration('a'.repeat(255), [SQL`CREATE TABLE long_ok (id INTEGER)`]);
      const tooLong = sqlMigration('b'.repeat(256), [SQL`CREATE TABLE long_bad (id INTEGER)`]);
      await assert.rejects(
        runSQLMigrations(pool, [ok, tooLong]),
        expectInvalid(`Migration name "${'b'.repeat(256)}" is 256 characters long, exceeding the maximum of 255 characters.`),
      );
      assert.equal(await tableExists('dmb_migrations'), false, 'no ledger was created');
      assert.equal(await tableExists('long_ok'), false);
      assert.deepEqual(await runSQLMigrations(pool, [ok]), { applied: [ok], skipped: [] });
      assert.equal((await ledger())[0].name.length, 255);
    });

    it('dryRun rolls back the SQL, the ledger table and its rows, yet reports what would apply', async () => {
      const dry = await runSQLMigrations(pool, [users, roles], { dryRun: true });
      assert.deepEqual(dry, { applied: [users, roles], skipped: [] });
      assert.equal(await tableExists('users'), false);
      assert.equal(await tableExists('dmb_migrations'), false);

      await runSQLMigrations(pool, [users]);
      const before = await ledger();
      assert.deepEqual(await runSQLMigrations(pool, [users, roles], { dryRun: true }), {
        applied: [roles],
        skipped: [users],
      });
      assert.deepEqual(await ledger(), before);
      assert.equal(await tableExists('roles'), false);
    });

    it('a failing migration rolls the whole run back: the ledger stays unchanged', async () => {
      await runSQLMigrations(pool, [users]);
      const before = await ledger();
      const broken = sqlMigration('004_broken', [SQL`CREATE TABLE ok_part (id INTEGER)`, SQL`INSERT INTO missing_table VALUES (1)`]);
      await assert.rejects(runSQLMigrations(pool, [roles, broken]), (error) => error?.name !== 'AssertionError');
      assert.deepEqual(await ledger(), before);
      assert.equal(await tableExists('roles'), false);
      assert.equal(await tableExists('ok_part'), false);
    });

    it('runs and hashes only the statements that render SQL; a migration with none is skipped, not recorded', async () => {
      const createSchema = SQL`${SQLCreateSchema.from({ databaseSchemaName: 'crm' })}`;
      const table = SQL`CREATE TABLE rendered (id INTEGER)`;
      const mixed = sqlMigration('005_mixed', [SQL.EMPTY, createSchema, table]);
      const nothing = sqlMigration('006_nothing', [SQL.EMPTY, SQL`   `]);
      assert.deepEqual(await runSQLMigrations(pool, [mixed, nothing]), { applied: [mixed], skipped: [nothing] });
      const [row, ...rest] = await ledger();
      assert.equal(rest.length, 0, '006_nothing is not recorded');
      assert.equal(
        row.sql_hash,
        isPg ? sha256('CREATE SCHEMA IF NOT EXISTS crm\nCREATE TABLE rendered (id INTEGER)') : sha256('CREATE TABLE rendered (id INTEGER)'),
      );
    });

    it('keeps the ledger in a custom schema and table', async () => {
      const migrationTable = { schemaName: 'infra', tableName: 'app_migrations' };
      assert.deepEqual(await runSQLMigrations(pool, [users], { migrationTable }), { applied: [users], skipped: [] });
      assert.deepEqual(await runSQLMigrations(pool, [users], { migrationTable }), { applied: [], skipped: [users] });
      // PostgreSQL: infra.app_migrations; SQLite folds the schema: "infra.app_migrations".
      const ledgerTable = isPg ? SQL.plain('infra.app_migrations') : SQL.identifier('infra.app_migrations');
      assert.deepEqual((await ledger(ledgerTable)).map((r) => r.name), ['001_users']);
      assert.equal(await tableExists('dmb_migrations'), false);
      if (!isPg) assert.equal(await tableExists('infra.app_migrations'), true);
      if (isPg) {
        const { rows } = await pool.execute.query(
          SQL`SELECT table_schema FROM information_schema.tables WHERE table_name = 'app_migrations'`,
        );
        assert.deepEqual(rows, [{ table_schema: 'infra' }]);
      }
    });

    it('applies schema components; a second run skips them all', async () => {
      const { Text, JSONB } = SQL.column.type;
      const usersTable = dumboSchema.table('users', {
        columns: {
          _id: dumboSchema.column('_id', Text, { primaryKey: true }),
          email: dumboSchema.column('email', Text, { notNull: true }),
          data: dumboSchema.column('data', JSONB()),
        },
        indexes: {
          email: dumboSchema.index('users_email_idx', ['email'], { unique: true }),
          document: dumboSchema.index('users_document_idx', ['data'], { target: jsonDocumentIndexTarget('data') }),
        },
      });
      const db = databaseComponent({
        databaseName: 'app',
        schemas: { crm: databaseSchemaComponent({ schemaName: 'crm', tables: { users: usersTable } }) },
      });
      const first = await runSQLMigrations(pool, db.migrations());
      const names = [
        'schema:crm:create',
        'table:crm:users:create',
        'index:crm:users:users_email_idx:create',
        'index:crm:users:users_document_idx:create',
      ];
      // CREATE SCHEMA renders nothing on SQLite: skipped there, not recorded.
      assert.deepEqual(first.applied.map((m) => m.name), isPg ? names : names.slice(1));
      assert.deepEqual((await ledger()).map((r) => r.name), isPg ? names : names.slice(1));
      const second = await runSQLMigrations(pool, db.migrations());
      assert.deepEqual(second.applied, []);

      if (isPg) {
        const { rows } = await pool.execute.query(
          SQL`SELECT c.relname AS name, am.amname AS method FROM pg_class c JOIN pg_am am ON am.oid = c.relam
              JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'crm' AND c.relkind = 'i' ORDER BY c.relname`,
        );
        assert.deepEqual(rows.filter((r) => r.name !== 'users_pkey'), [
          { name: 'users_document_idx', method: 'gin' },
          { name: 'users_email_idx', method: 'btree' },
        ]);
      } else {
        const { indexExists } = await import('@event-driven-io/dumbo/sqlite');
        assert.equal(await tableExists('crm.users'), true, 'the logical schema is folded into the table name');
        assert.equal(await indexExists(pool.execute, 'crm.users_email_idx'), true);
        assert.equal(await tableExists('users'), false);
      }
    });

    it('migrationTimeoutMs bounds each statement on PostgreSQL (SQLite runs statements in-process: no effect)', async () => {
      const slow = sqlMigration('007_slow', [isPg ? SQL`SELECT pg_sleep(5)` : SQL`CREATE TABLE slow (id INTEGER)`]);
      if (!isPg) {
        assert.deepEqual(await runSQLMigrations(pool, [slow], { migrationTimeoutMs: 50 }), { applied: [slow], skipped: [] });
        return;
      }
      await runSQLMigrations(pool, [users]);
      const before = await ledger();
      await assert.rejects(runSQLMigrations(pool, [roles, slow], { migrationTimeoutMs: 100 }), QueryCanceledError);
      assert.deepEqual(await ledger(), before);
      assert.equal(await tableExists('roles'), false);
      const { rows } = await pool.execute.query(SQL`SHOW statement_timeout`);
      assert.deepEqual(rows, [{ statement_timeout: '0' }], 'no statement_timeout left behind');
    });

    it('with an explicit execute: no transaction, so dryRun cannot roll back (upstream)', async () => {
      const result = await runSQLMigrations(pool, [roles], { execute: pool.execute, dryRun: true });
      assert.deepEqual(result, { applied: [roles], skipped: [] });
      assert.equal(await tableExists('roles'), true);
      assert.deepEqual((await ledger()).map((r) => r.name), ['002_roles']);
    });

    if (isPg) {
      it('holds the advisory lock on the migration transaction connection', async () => {
        const probe = sqlMigration('008_probe', [
          SQL`CREATE TABLE lock_probe AS SELECT COUNT(*)::int AS held FROM pg_locks
              WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND objid = 999956789`,
        ]);
        await runSQLMigrations(pool, [probe]);
        assert.deepEqual((await pool.execute.query(SQL`SELECT held FROM lock_probe`)).rows, [{ held: 1 }]);
        const { held } = await single(
          // Advisory locks are per database; other test files migrate other databases concurrently.
          pool.execute.query(
            SQL`SELECT COUNT(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objid = 999956789
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          ),
        );
        assert.equal(held, 0, 'released with the transaction');
      });
    }
  });
}

migrationsSuite(sqliteTarget());
migrationsSuite(postgresTarget('migrations'));
