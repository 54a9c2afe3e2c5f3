// SQLite-only transaction behaviour on real SQLite pools: BEGIN modes (DEFERRED /
// IMMEDIATE / EXCLUSIVE), a locked BEGIN, and the single writer connection that a
// pool.withTransaction nested in a transaction joins. The database-independent cases
// (the { success, result } protocol, rollback on throw, nesting, savepoints) are in the
// shared suite: __test__/shared/behaviour.mjs, run by shared-sqlite.test.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';
import {
  SQL,
  count,
  InvalidOperationError,
  LockNotAvailableError,
} from '@event-driven-io/dumbo';

const NESTED_MESSAGE =
  'Cannot start a nested transaction: allowNestedTransactions is false. Set transactionOptions: { allowNestedTransactions: true } on your pool or connection.';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
const dbFile = () => path.join(dir, `tx-${++fileCounter}.db`);

async function memoryPool(options = {}) {
  const pool = dumbo({ connectionString: ':memory:', ...options });
  await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
  return pool;
}

const values = async (pool) =>
  (await pool.execute.query(SQL`SELECT v FROM t ORDER BY v`)).rows.map((row) => row.v);

const isNestedError = (error) => {
  assert.ok(error instanceof InvalidOperationError, `expected InvalidOperationError, got ${error}`);
  assert.equal(error.message, NESTED_MESSAGE);
  assert.equal(error.errorCode, 400);
  return true;
};

describe('SQLite transactions', () => {
  describe('one writer connection', () => {
    it('without allowNestedTransactions a pool.withTransaction nested in a transaction joins it and rejects', async () => {
      // Every SQLite write goes through the one writer connection, and work started
      // inside a transaction callback runs on it: a nested pool.withTransaction is a
      // nested transaction (on PostgreSQL it would take another connection).
      const pool = await memoryPool();
      await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
        await assert.rejects(pool.withTransaction(async () => 'never'), isNestedError);
        // Reads through the pool inside the callback run on the same connection.
        assert.deepEqual(await values(pool), [1]);
      });
      assert.deepEqual(await values(pool), [1]);
      await pool.close();
    });
  });

  describe('BEGIN mode', () => {
    // A second pool on the same file with busy_timeout 0 tries to write while the
    // first one holds a transaction: IMMEDIATE/EXCLUSIVE take the write lock at
    // BEGIN, DEFERRED does not.
    async function writerBlocked(file, blocker, run) {
      let outcome;
      await run(async () => {
        try {
          await blocker.execute.command(SQL`INSERT INTO t (v) VALUES (${100})`);
          outcome = 'wrote';
        } catch (error) {
          assert.ok(error instanceof LockNotAvailableError, `expected LockNotAvailableError, got ${error}`);
          assert.equal(error.code, 'SQLITE_BUSY');
          outcome = 'blocked';
        }
      });
      return outcome;
    }

    it('defaults to IMMEDIATE; the mode option and defaultTransactionMode choose others', async () => {
      const file = dbFile();
      const pool = dumbo({ fileName: file });
      await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
      const blocker = dumbo({ fileName: file, pragmaOptions: { busy_timeout: 0 } });
      const deferredPool = dumbo({ fileName: file, defaultTransactionMode: 'DEFERRED' });

      const inTx = (p, options) => (body) => p.withTransaction(body, options);
      assert.equal(await writerBlocked(file, blocker, inTx(pool)), 'blocked');
      assert.equal(await writerBlocked(file, blocker, inTx(pool, { mode: 'IMMEDIATE' })), 'blocked');
      assert.equal(await writerBlocked(file, blocker, inTx(pool, { mode: 'EXCLUSIVE' })), 'blocked');
      assert.equal(await writerBlocked(file, blocker, inTx(pool, { mode: 'DEFERRED' })), 'wrote');
      assert.equal(await writerBlocked(file, blocker, inTx(pool, { mode: 'deferred' })), 'wrote');
      assert.equal(await writerBlocked(file, blocker, inTx(deferredPool)), 'wrote');
      assert.equal(await writerBlocked(file, blocker, inTx(deferredPool, { mode: 'IMMEDIATE' })), 'blocked');

      // pool.transaction(options) uses the mode as well.
      const manual = pool.transaction({ mode: 'DEFERRED' });
      assert.equal(
        await writerBlocked(file, blocker, async (body) => {
          await manual.begin();
          await body();
          await manual.commit();
        }),
        'wrote',
      );
      assert.equal(await count(pool.execute.query(SQL`SELECT count(*) AS count FROM t`)), 4);
      await Promise.all([pool.close(), blocker.close(), deferredPool.close()]);
    });

    it('a BEGIN that fails (database locked) rejects with LockNotAvailableError and leaves the pool usable', async () => {
      const file = dbFile();
      const pool = dumbo({ fileName: file });
      await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
      const other = dumbo({ fileName: file, pragmaOptions: { busy_timeout: 0 } });
      await pool.withTransaction(async () => {
        await assert.rejects(other.withTransaction(async () => 'never'), (error) => {
          assert.ok(error instanceof LockNotAvailableError);
          assert.equal(error.message, 'database is locked');
          return true;
        });
      });
      assert.equal(
        await other.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`)).then(() => 'ok'),
        'ok',
      );
      assert.equal(await count(pool.execute.query(SQL`SELECT count(*) AS count FROM t`)), 1);
      await Promise.all([pool.close(), other.close()]);
    });

    it('an invalid mode gives a clear InvalidOperationError and the pool stays usable', async () => {
      const pool = await memoryPool();
      await assert.rejects(pool.withTransaction(async () => 'never', { mode: 'BOGUS' }), (error) => {
        assert.ok(error instanceof InvalidOperationError);
        assert.equal(error.message, 'Unsupported SQLite transaction mode: BOGUS');
        return true;
      });
      // The failed BEGIN must not leave a half-open transaction behind.
      assert.equal(
        await pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
          return 'after';
        }),
        'after',
      );
      const manual = pool.transaction({ mode: 'nope' });
      await assert.rejects(manual.begin(), { message: 'Unsupported SQLite transaction mode: nope' });
      await pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`));
      assert.deepEqual(await values(pool), [1, 2]);
      await pool.close();
    });

    it('an invalid defaultTransactionMode is rejected when the pool is created', () => {
      assert.throws(() => dumbo({ connectionString: ':memory:', defaultTransactionMode: 'SOMETIMES' }), {
        name: 'TypeError',
        message:
          "SQLite option 'defaultTransactionMode' must be one of DEFERRED, IMMEDIATE, EXCLUSIVE, got SOMETIMES",
      });
    });
  });
});
