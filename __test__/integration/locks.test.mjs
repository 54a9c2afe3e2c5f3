// PostgreSQL advisory locks (reference 8.1) and the migration lock: transaction-scoped
// vs session locks ('Session' is a real session lock here; upstream took a transaction
// lock), timeouts that return false or throw LockNotAvailableError with the upstream
// message without leaving a statement_timeout behind, withAcquire releasing session
// locks, and runSQLMigrations waiting for / giving up on the lock.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SQL, single, LockNotAvailableError, runSQLMigrations, sqlMigration, NoDatabaseLock } from '@event-driven-io/dumbo';
import { postgresTarget } from '../support/databases.mjs';

const LOCK_MESSAGE = 'Failed to acquire advisory lock within the specified timeout. Migration aborted.';
const target = postgresTarget('locks');
let pg;
let pool;

/** pids holding (granted) or waiting for advisory lock `id` (a 32-bit id: objid). */
const lockState = async (id) => {
  const { rows } = await pool.execute.query(
    SQL`SELECT pid, granted FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ${id} AND objsubid = 1`,
  );
  return { holders: rows.filter((r) => r.granted).map((r) => r.pid), waiting: rows.filter((r) => !r.granted).length };
};
const pidOf = async (execute) => (await single(execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid;
const statementTimeout = async (execute) =>
  (await single(execute.query(SQL`SHOW statement_timeout`))).statement_timeout;

/** Runs `fn(connection)` on a connection of its own, closed afterwards. */
const onConnection = async (fn) => {
  const connection = await pool.connection();
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
};

describe('PostgreSQL advisory locks', { timeout: 120_000 }, () => {
  before(async () => {
    await target.setup();
    pg = await import('@event-driven-io/dumbo/postgresql');
    pool = target.dumbo({ max: 6 });
  });
  after(async () => {
    await pool?.close();
    await target.teardown();
  });

  it('the default (transaction) lock is held until the transaction ends', async () => {
    await pool.withTransaction(async (tx) => {
      assert.equal(await pg.tryAcquireAdvisoryLock(tx.execute, { lockId: 101 }), true);
      const pid = await pidOf(tx.execute);
      assert.deepEqual((await lockState(101)).holders, [pid]);
      const other = await onConnection((c) => pg.tryAcquireAdvisoryLock(c.execute, { lockId: 101, timeoutMs: 100 }));
      assert.equal(other, false, 'another session times out');
    });
    assert.deepEqual((await lockState(101)).holders, [], 'released by COMMIT');
  });

  it("'Session' takes a session lock that outlives the transaction until released (upstream took a transaction lock)", async () => {
    await onConnection(async (connection) => {
      const pid = await pidOf(connection.execute);
      await connection.withTransaction(async (tx) => {
        await pg.acquireAdvisoryLock(tx.execute, { lockId: 102, mode: 'Session' });
      });
      assert.deepEqual((await lockState(102)).holders, [pid], 'still held after COMMIT');
      const other = await onConnection((c) => pg.tryAcquireAdvisoryLock(c.execute, { lockId: 102, timeoutMs: 100, mode: 'Session' }));
      assert.equal(other, false);
      assert.equal(await pg.releaseAdvisoryLock(connection.execute, { lockId: 102 }), true);
      assert.equal(await pg.releaseAdvisoryLock(connection.execute, { lockId: 102 }), false, 'not held any more');
      assert.deepEqual((await lockState(102)).holders, []);
      // 'Permanent' is the same session lock.
      await pg.acquireAdvisoryLock(connection.execute, { lockId: 102, mode: 'Permanent' });
      assert.deepEqual((await lockState(102)).holders, [pid]);
      assert.equal(await pg.releaseAdvisoryLock(connection.execute, { lockId: 102 }), true);
    });
  });

  it('a timeout returns false from tryAcquire, throws LockNotAvailableError from acquire, and leaves no statement_timeout', async () => {
    await onConnection(async (holder) => {
      await pg.acquireAdvisoryLock(holder.execute, { lockId: 103, mode: 'Session' });
      try {
        await onConnection(async (waiter) => {
          assert.equal(await pg.tryAcquireAdvisoryLock(waiter.execute, { lockId: 103, timeoutMs: 100, mode: 'Session' }), false);
          assert.equal(await statementTimeout(waiter.execute), '0', 'the per-statement timeout was reset');
          const error = await pg
            .acquireAdvisoryLock(waiter.execute, { lockId: 103, timeoutMs: 100 })
            .then(() => assert.fail('expected LockNotAvailableError'), (e) => e);
          assert.ok(error instanceof LockNotAvailableError, `got ${error?.constructor?.name}`);
          assert.equal(error.message, LOCK_MESSAGE);
          assert.equal(await statementTimeout(waiter.execute), '0');
        });
      } finally {
        await pg.releaseAdvisoryLock(holder.execute, { lockId: 103 });
      }
    });
  });

  it('AdvisoryLock.withAcquire releases a session lock after the handle, also when it throws', async () => {
    await onConnection(async (connection) => {
      const pid = await pidOf(connection.execute);
      const seen = await pg.AdvisoryLock.withAcquire(
        connection.execute,
        async () => (await lockState(104)).holders,
        { lockId: 104, mode: 'Session' },
      );
      assert.deepEqual(seen, [pid]);
      assert.deepEqual((await lockState(104)).holders, []);
      await assert.rejects(
        pg.AdvisoryLock.withAcquire(connection.execute, async () => assert.fail('boom'), { lockId: 104, mode: 'Session' }),
        /boom/,
      );
      assert.deepEqual((await lockState(104)).holders, []);
    });
  });

  it('AdvisoryLock.withAcquire keeps a transaction lock until the transaction ends', async () => {
    await pool.withTransaction(async (tx) => {
      const pid = await pidOf(tx.execute);
      await pg.AdvisoryLock.withAcquire(tx.execute, async () => undefined, { lockId: 105 });
      assert.deepEqual((await lockState(105)).holders, [pid]);
      await pg.AdvisoryLock.withAcquire(tx.execute, async () => undefined, { lockId: 108, mode: 'Transaction' });
      assert.deepEqual((await lockState(108)).holders, [pid], "'Transaction' is the default mode, spelled out");
    });
    assert.deepEqual((await lockState(105)).holders, []);
    assert.deepEqual((await lockState(108)).holders, []);
  });

  it('advisoryLock(execute, options) binds the executor and lock id', async () => {
    await onConnection(async (connection) => {
      const lock = pg.advisoryLock(connection.execute, { lockId: 106, timeoutMs: 1000 });
      assert.equal(await lock.tryAcquire({ mode: 'Session' }), true);
      assert.equal(await lock.release(), true);
      await lock.acquire({ mode: 'Session' });
      assert.equal(await lock.release(), true);
      assert.equal(await lock.withAcquire(async () => 'done', { mode: 'Session' }), 'done');
      assert.deepEqual((await lockState(106)).holders, []);
    });
  });

  it('the migrator gives up with LockNotAvailableError when another session holds the migration lock', async () => {
    await onConnection(async (holder) => {
      await pg.acquireAdvisoryLock(holder.execute, { lockId: 999956789, mode: 'Session' });
      try {
        const migration = sqlMigration('locked_out', [SQL`CREATE TABLE locked_out (id INT)`]);
        const error = await runSQLMigrations(pool, [migration], { lock: { options: { timeoutMs: 200 } } }).then(
          () => assert.fail('expected LockNotAvailableError'),
          (e) => e,
        );
        assert.ok(error instanceof LockNotAvailableError);
        assert.equal(error.message, LOCK_MESSAGE);
        assert.equal(await pg.tableExists(pool.execute, 'locked_out'), false);
        assert.equal(await pg.tableExists(pool.execute, 'dmb_migrations'), false, 'the ledger comes after the lock');
      } finally {
        await pg.releaseAdvisoryLock(holder.execute, { lockId: 999956789 });
      }
    });
  });

  it('the migrator waits for the lock and proceeds once it is released; lockId is configurable', async () => {
    await onConnection(async (holder) => {
      await pg.acquireAdvisoryLock(holder.execute, { lockId: 107, mode: 'Session' });
      const migration = sqlMigration('waited', [SQL`CREATE TABLE waited (id INT)`]);
      const running = runSQLMigrations(pool, [migration], { lock: { options: { lockId: 107, timeoutMs: 30_000 } } });
      // Release only once the migrator is seen waiting on the lock (bounded polling).
      for (let i = 0; i < 300 && (await lockState(107)).waiting === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal((await lockState(107)).waiting, 1, 'the migrator waits for the lock');
      await pg.releaseAdvisoryLock(holder.execute, { lockId: 107 });
      assert.deepEqual(await running, { applied: [migration], skipped: [] });
    });
  });

  it('NoDatabaseLock lets migrations run without the advisory lock', async () => {
    await onConnection(async (holder) => {
      await pg.acquireAdvisoryLock(holder.execute, { lockId: 999956789, mode: 'Session' });
      try {
        const migration = sqlMigration('unlocked', [SQL`CREATE TABLE unlocked (id INT)`]);
        const result = await runSQLMigrations(pool, [migration], { lock: { databaseLock: NoDatabaseLock } });
        assert.deepEqual(result.applied, [migration]);
      } finally {
        await pg.releaseAdvisoryLock(holder.execute, { lockId: 999956789 });
      }
    });
  });
});
