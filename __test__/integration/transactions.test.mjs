// withTransaction semantics (reference 4.5) on real SQLite pools: the
// { success, result } protocol, rollback on throw, nesting, savepoints, BEGIN modes.
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

describe('withTransaction', () => {
  it('commits and returns the callback result', async () => {
    const pool = await memoryPool();
    const result = await pool.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
      return { id: 1 };
    });
    assert.deepEqual(result, { id: 1 });
    assert.equal(
      await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
        return { success: true, result: 'explicit' };
      }),
      'explicit',
    );
    assert.equal(await pool.withTransaction(async () => undefined), undefined);
    assert.deepEqual(await values(pool), [1, 2]);
    await pool.close();
  });

  it('{ success: false, result } rolls back and returns result without throwing', async () => {
    const pool = await memoryPool();
    const result = await pool.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
      return { success: false, result: 'rolled back' };
    });
    assert.equal(result, 'rolled back');
    assert.deepEqual(await values(pool), []);
    // The pool is usable afterwards.
    await pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO t (v) VALUES (${5})`));
    assert.deepEqual(await values(pool), [5]);
    await pool.close();
  });

  it('a throw rolls back and rethrows the same error object', async () => {
    const pool = await memoryPool();
    const failure = new TypeError('callback failed');
    failure.extra = { detail: 1 };
    await assert.rejects(
      pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
        throw failure;
      }),
      (error) => error === failure,
    );
    assert.deepEqual(await values(pool), []);
    // A database error inside the callback: rolled back, rethrown as mapped.
    await pool.execute.command(SQL`CREATE TABLE u (id INTEGER PRIMARY KEY)`);
    await assert.rejects(
      pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
        await tx.execute.command(SQL`INSERT INTO u (id) VALUES (1), (1)`);
      }),
      { name: 'UniqueConstraintError' },
    );
    assert.deepEqual(await values(pool), []);
    await pool.close();
  });

  describe('nesting', () => {
    it('without allowNestedTransactions a nested tx.withTransaction rejects with the upstream message', async () => {
      const pool = await memoryPool();
      await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
        await assert.rejects(
          tx.withTransaction(async (inner) => {
            await inner.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
          }),
          isNestedError,
        );
        // The outer transaction is unaffected and can go on.
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${3})`);
      });
      assert.deepEqual(await values(pool), [1, 3]);
      await pool.close();
    });

    it('without allowNestedTransactions a nested pool.withTransaction and a second begin() reject too', async () => {
      const pool = await memoryPool();
      await pool.withTransaction(async (tx) => {
        await assert.rejects(pool.withTransaction(async () => 'never'), isNestedError);
        await assert.rejects(tx.begin(), isNestedError);
      });
      const manual = pool.transaction();
      await manual.begin();
      await assert.rejects(manual.begin(), isNestedError);
      await manual.rollback();
      await pool.close();
    });

    it('with allowNestedTransactions and no savepoints, an inner rollback is a no-op: rows [1, 2, 3]', async () => {
      const pool = await memoryPool();
      await pool.withTransaction(
        async (tx) => {
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
          const inner = await tx.withTransaction(async (nested) => {
            await nested.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
            return { success: false, result: 'inner' };
          });
          assert.equal(inner, 'inner');
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${3})`);
        },
        { allowNestedTransactions: true },
      );
      assert.deepEqual(await values(pool), [1, 2, 3]);
      await pool.close();
    });

    it('with useSavepoints only the nested work is undone: rows [1, 3]', async () => {
      const pool = await memoryPool();
      await pool.withTransaction(
        async (tx) => {
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
          await tx.withTransaction(async (nested) => {
            await nested.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
            return { success: false, result: undefined };
          });
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${3})`);
        },
        { allowNestedTransactions: true, useSavepoints: true },
      );
      assert.deepEqual(await values(pool), [1, 3]);
      await pool.close();
    });

    it('with useSavepoints a throwing nested transaction is rolled back to its savepoint and rethrown', async () => {
      const pool = await memoryPool({
        transactionOptions: { allowNestedTransactions: true, useSavepoints: true },
      });
      const failure = new Error('nested failure');
      await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
        await assert.rejects(
          tx.withTransaction(async (nested) => {
            await nested.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
            throw failure;
          }),
          (error) => error === failure,
        );
        // A committed nested level keeps its work.
        await tx.withTransaction((nested) => nested.execute.command(SQL`INSERT INTO t (v) VALUES (${3})`));
        assert.deepEqual(await values(pool), [1, 3]);
      });
      assert.deepEqual(await values(pool), [1, 3]);
      await pool.close();
    });

    it('an outer rollback undoes committed nested levels too', async () => {
      const pool = await memoryPool({
        transactionOptions: { allowNestedTransactions: true, useSavepoints: true },
      });
      const result = await pool.withTransaction(async (tx) => {
        await tx.withTransaction((nested) => nested.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`));
        return { success: false, result: 'outer rolled back' };
      });
      assert.equal(result, 'outer rolled back');
      assert.deepEqual(await values(pool), []);
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
