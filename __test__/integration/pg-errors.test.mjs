// SQLSTATE → DumboError classes (reference 6.2) with the server's fields, on a
// real PostgreSQL, including transaction control statements.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dumbo } from '@event-driven-io/dumbo/pg';
import * as root from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const {
  SQL,
  DumboError,
  UniqueConstraintError,
  ForeignKeyViolationError,
  NotNullViolationError,
  CheckViolationError,
  ExclusionViolationError,
  IntegrityConstraintViolationError,
  InvalidOperationError,
  DataError,
  SerializationError,
  LockNotAvailableError,
  QueryCanceledError,
  DeadlockError,
} = root;

const TAG = 'pg_errors';
let pool;
let url;
before(async () => {
  url = await createTestDatabase(TAG);
  pool = dumbo({ connectionString: url, max: 4 });
  await pool.execute.command(SQL`CREATE EXTENSION IF NOT EXISTS btree_gist`);
  await pool.execute.command(
    SQL`CREATE TABLE parent (id int PRIMARY KEY, email text UNIQUE, name text NOT NULL DEFAULT 'n', age int CHECK (age >= 0))`,
  );
  await pool.execute.command(SQL`CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id))`);
  await pool.execute.command(SQL`CREATE TABLE booking (room int, during int4range, EXCLUDE USING gist (room WITH =, during WITH &&))`);
  await pool.execute.command(SQL`CREATE TABLE counter (id int PRIMARY KEY, n int)`);
  await pool.execute.command(SQL`INSERT INTO parent (id, email) VALUES (1, 'a@x')`);
  await pool.execute.command(SQL`INSERT INTO counter VALUES (1, 0), (2, 0)`);
});
after(async () => {
  await pool?.close();
  await dropTestDatabase(TAG);
});

async function rejectsWith(promise, ErrorClass, fields = {}) {
  const error = await promise.then(
    () => assert.fail(`expected ${ErrorClass.name}`),
    (e) => e,
  );
  assert.equal(error.constructor, ErrorClass, `expected ${ErrorClass.name}, got ${error?.constructor?.name}: ${error?.message}`);
  assert.ok(error instanceof DumboError);
  for (const [key, value] of Object.entries(fields)) assert.equal(error[key], value, `field ${key}`);
  return error;
}

describe('SQLSTATE classes', () => {
  it('23505 unique violation carries code, constraint, table and detail', async () => {
    const e = await rejectsWith(
      pool.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${2}, ${'a@x'})`),
      UniqueConstraintError,
      { code: '23505', constraint: 'parent_email_key', table: 'parent', schema: 'public' },
    );
    assert.match(e.detail, /Key \(email\)=\(a@x\) already exists/);
    assert.equal(e.errorCode, 409);
    assert.match(e.message, /duplicate key value violates unique constraint "parent_email_key"/);
  });

  it('23503, 23502, 23514, 23P01 and the 23 class', async () => {
    await rejectsWith(pool.execute.command(SQL`INSERT INTO child VALUES (1, 99)`), ForeignKeyViolationError, {
      code: '23503',
      constraint: 'child_parent_id_fkey',
    });
    await rejectsWith(pool.execute.command(SQL`INSERT INTO parent (id, name) VALUES (3, NULL)`), NotNullViolationError, {
      code: '23502',
      column: 'name',
    });
    await rejectsWith(pool.execute.command(SQL`INSERT INTO parent (id, age) VALUES (4, -1)`), CheckViolationError, {
      code: '23514',
      constraint: 'parent_age_check',
    });
    await pool.execute.command(SQL`INSERT INTO booking VALUES (1, '[1,5)')`);
    await rejectsWith(pool.execute.command(SQL`INSERT INTO booking VALUES (1, '[3,8)')`), ExclusionViolationError, {
      code: '23P01',
    });
    assert.ok(new UniqueConstraintError() instanceof IntegrityConstraintViolationError);
  });

  it('42xxx (syntax, undefined table) → InvalidOperationError; 22xxx → DataError', async () => {
    await rejectsWith(pool.execute.query(SQL`SELEC 1`), InvalidOperationError, { code: '42601' });
    await rejectsWith(pool.execute.query(SQL`SELECT * FROM nope`), InvalidOperationError, { code: '42P01' });
    await rejectsWith(pool.execute.query(SQL`SELECT 1 / ${0}`), DataError, { code: '22012' });
    await rejectsWith(pool.execute.query(SQL`SELECT ${'not a number'}::int`), DataError, { code: '22P02' });
  });

  it('55P03 lock not available (NOWAIT) and 40001 serialization failure', async () => {
    const holder = await pool.connection();
    try {
      await holder.withTransaction(async (tx) => {
        await tx.execute.query(SQL`SELECT * FROM counter WHERE id = 1 FOR UPDATE`);
        await rejectsWith(
          pool.execute.query(SQL`SELECT * FROM counter WHERE id = 1 FOR UPDATE NOWAIT`),
          LockNotAvailableError,
          { code: '55P03' },
        );
      });
    } finally {
      await holder.close();
    }

    const a = await pool.connection();
    const b = await pool.connection();
    try {
      const txA = a.transaction({ isolationLevel: 'SERIALIZABLE' });
      const txB = b.transaction({ isolationLevel: 'SERIALIZABLE' });
      await txA.begin();
      await txB.begin();
      await txA.execute.query(SQL`SELECT n FROM counter WHERE id = 2`);
      await txB.execute.query(SQL`SELECT n FROM counter WHERE id = 2`);
      await txA.execute.command(SQL`UPDATE counter SET n = n + 1 WHERE id = 2`);
      await txA.commit();
      await rejectsWith(txB.execute.command(SQL`UPDATE counter SET n = n + 1 WHERE id = 2`), SerializationError, {
        code: '40001',
      });
      await txB.rollback();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('40P01 deadlock', async () => {
    const a = await pool.connection();
    const b = await pool.connection();
    try {
      const txA = a.transaction();
      const txB = b.transaction();
      await txA.begin();
      await txB.begin();
      await txA.execute.command(SQL`UPDATE counter SET n = n + 1 WHERE id = 1`);
      await txB.execute.command(SQL`UPDATE counter SET n = n + 1 WHERE id = 2`);
      const first = txA.execute.command(SQL`UPDATE counter SET n = n + 1 WHERE id = 2`);
      const second = txB.execute.command(SQL`UPDATE counter SET n = n + 1 WHERE id = 1`);
      const results = await Promise.allSettled([first, second]);
      const failed = results.filter((r) => r.status === 'rejected');
      assert.equal(failed.length, 1, 'the server breaks the deadlock by failing one side');
      assert.equal(failed[0].reason.constructor, DeadlockError);
      assert.equal(failed[0].reason.code, '40P01');
      await txA.rollback();
      await txB.rollback();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a statement in an aborted transaction, and transaction control errors, are mapped', async () => {
    const conn = await pool.connection();
    try {
      const tx = conn.transaction();
      await tx.begin();
      await assert.rejects(tx.execute.query(SQL`SELECT * FROM nope`), InvalidOperationError);
      // Class 25 (invalid transaction state) has no DumboError subclass: a plain
      // DumboError (500) with the SQLSTATE, as mapPostgresError gives for pg's errors.
      await rejectsWith(tx.execute.query(SQL`SELECT 1`), DumboError, { code: '25P02', errorCode: 500 });
      await tx.rollback();
      // A read-only transaction refuses writes with 25006.
      await rejectsWith(
        conn.withTransaction((t) => t.execute.command(SQL`INSERT INTO counter VALUES (9, 9)`), { readonly: true }),
        DumboError,
        { code: '25006', errorCode: 500 },
      );
    } finally {
      await conn.close();
    }
  });

  it('the pool keeps working after errors (20 failing statements, then a good one)', async () => {
    const failures = await Promise.allSettled(
      Array.from({ length: 20 }, () => pool.execute.query(SQL`SELECT * FROM nope`)),
    );
    assert.ok(failures.every((r) => r.status === 'rejected' && r.reason instanceof InvalidOperationError));
    const ok = await pool.execute.query(SQL`SELECT 1 AS one`);
    assert.deepEqual(ok.rows, [{ one: 1 }]);
  });

  it('timeoutMs cancels that statement only (QueryCanceledError) and does not leak into the session', async () => {
    const small = dumbo({ connectionString: url, database: undefined, max: 1, connectionTimeoutMillis: 5000 });
    try {
      await rejectsWith(small.execute.query(SQL`SELECT pg_sleep(5)`, { timeoutMs: 100 }), QueryCanceledError, {
        code: '57014',
      });
      // The one pooled session is reused: its statement_timeout is back to the default.
      const { rows } = await small.execute.query(SQL`SHOW statement_timeout`);
      assert.deepEqual(rows, [{ statement_timeout: '0' }]);
      const slept = await small.execute.query(SQL`SELECT true AS done FROM pg_sleep(0.3)`);
      assert.deepEqual(slept.rows, [{ done: true }]);
    } finally {
      await small.close();
    }
  });

  it('an abort signal cancels the running statement on the server', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = pool.execute.query(SQL`SELECT pg_sleep(10)`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await rejectsWith(running, QueryCanceledError, { code: '57014' });
    assert.ok(Date.now() - started < 8000, 'the server stopped the statement');
    // The backend reports itself idle just after it answers, so its row may still read
    // 'active' for a moment: poll briefly (the statement would otherwise stay for 10 s).
    let rows;
    for (let attempt = 0; attempt < 20; attempt++) {
      ({ rows } = await pool.execute.query(
        SQL`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(10)' AND state = 'active' AND datname = current_database()`,
      ));
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(rows, [{ n: 0 }]);
  });
});
