// Reliability, PostgreSQL faults that are quick to provoke on the run's server
// (a database of this file's own): backends killed with pg_terminate_backend (idle,
// mid-transaction, mid-statement), a server that refuses or never answers, pool
// exhaustion and the order of waiters, close() with work in flight. The server
// restart under load is in __test__/faults/pg-restart.fault.mjs (npm run test:faults).
// See docs/reliability.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { dumbo } from '@event-driven-io/dumbo/pg';
import {
  SQL,
  single,
  ConnectionError,
  AdminShutdownError,
  TransientDatabaseError,
  InvalidOperationError,
  QueryCanceledError,
} from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'reliability_faults';
let url;
let admin;

const withParam = (base, key, value) => {
  const u = new URL(base);
  u.searchParams.set(key, value);
  return u.toString();
};
/** A pool whose sessions are recognisable in pg_stat_activity by application_name. */
const named = (name, options = {}) => dumbo({ connectionString: withParam(url, 'application_name', name), ...options });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles `promise` or fails the test after `ms` ("did not hang" bound, not a timing assertion). */
async function bounded(promise, ms, what) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}
const rejection = (promise, what = 'the call') =>
  bounded(
    promise.then(
      () => assert.fail(`${what} should have rejected`),
      (e) => e,
    ),
    20_000,
    what,
  );

async function sessions(applicationName) {
  const { rows } = await admin.execute.query(
    SQL`SELECT pid, state FROM pg_stat_activity WHERE application_name = ${applicationName} AND datname = current_database()`,
  );
  return rows;
}
/** Polls (bounded) until no session of `applicationName` is left on the server. */
async function noSessionLeft(applicationName) {
  for (let i = 0; i < 100; i++) {
    if ((await sessions(applicationName)).length === 0) return;
    await sleep(50);
  }
  assert.deepEqual(await sessions(applicationName), [], `sessions of ${applicationName} left on the server`);
}
async function terminate(applicationName) {
  const { rows } = await admin.execute.query(
    SQL`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = ${applicationName} AND datname = current_database()`,
  );
  return rows[0].n;
}

const unhandled = [];
const onUnhandled = (error) => unhandled.push(error);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  url = await createTestDatabase(TAG);
  admin = named('reliability_admin');
  await admin.execute.command(SQL`CREATE TABLE ledger (id serial PRIMARY KEY, label text NOT NULL)`);
  await admin.execute.command(SQL`CREATE TABLE waiters (seq serial PRIMARY KEY, caller int NOT NULL)`);
});
after(async () => {
  await admin?.close();
  await dropTestDatabase(TAG);
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  assert.deepEqual(unhandled, [], 'no unhandled rejection or exception escaped the pools');
});

describe('pg_terminate_backend', () => {
  it('idle pooled sessions killed by the server: the pool heals by itself, no error reaches anyone', async () => {
    const pool = named('faults_idle', { max: 4 });
    try {
      // Open four sessions, then let them go idle in the pool.
      await Promise.all(Array.from({ length: 4 }, () => pool.execute.query(SQL`SELECT pg_sleep(0.05)`)));
      const before = (await sessions('faults_idle')).map((s) => s.pid);
      assert.ok(before.length >= 1);
      assert.equal(await terminate('faults_idle'), before.length);
      await sleep(200); // the connections see the server close their sockets
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => pool.execute.query(SQL`SELECT ${i}::int AS i, pg_backend_pid() AS pid`)),
      );
      assert.deepEqual(results.map((r) => r.rows[0].i), [...Array(20).keys()]);
      for (const { rows } of results) assert.ok(!before.includes(rows[0].pid), 'a killed session was handed out again');
    } finally {
      await pool.close();
    }
  });

  it('killed between two statements of a transaction: the transaction rejects with ConnectionError, nothing of it is committed, the pool goes on', async () => {
    const pool = named('faults_tx', { max: 2 });
    try {
      let killedPid;
      const error = await rejection(
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO ledger (label) VALUES ('tx-between-1')`);
          killedPid = (await single(tx.execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid;
          await admin.execute.query(SQL`SELECT pg_terminate_backend(${killedPid})`);
          await sleep(100);
          await tx.execute.command(SQL`INSERT INTO ledger (label) VALUES ('tx-between-2')`);
        }),
        'the transaction',
      );
      assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.code, 'ECONNRESET');
      const { rows } = await admin.execute.query(SQL`SELECT count(*)::int AS n FROM ledger WHERE label LIKE 'tx-between-%'`);
      assert.deepEqual(rows, [{ n: 0 }], 'nothing of the killed transaction is committed');
      // The pool recovers: a new transaction commits, on another session.
      const pid = await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO ledger (label) VALUES ('tx-after-kill')`);
        return (await single(tx.execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid;
      });
      assert.notEqual(pid, killedPid);
      assert.deepEqual(
        (await admin.execute.query(SQL`SELECT count(*)::int AS n FROM ledger WHERE label = 'tx-after-kill'`)).rows,
        [{ n: 1 }],
      );
    } finally {
      await pool.close();
    }
  });

  it('killed during a statement of a transaction: the statement rejects (AdminShutdownError, a TransientDatabaseError), nothing is committed', async () => {
    const pool = named('faults_stmt', { max: 2 });
    try {
      const error = await rejection(
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO ledger (label) VALUES ('tx-during')`);
          const { pid } = await single(tx.execute.query(SQL`SELECT pg_backend_pid() AS pid`));
          setTimeout(() => admin.execute.query(SQL`SELECT pg_terminate_backend(${pid})`).catch(onUnhandled), 200);
          await tx.execute.query(SQL`SELECT pg_sleep(30)`);
        }),
        'the transaction',
      );
      // The server says why (57P01, upstream maps it to AdminShutdownError); a kill
      // that lands between messages is a ConnectionError. Both are transient.
      assert.ok(error instanceof AdminShutdownError || error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.ok(error instanceof TransientDatabaseError);
      assert.deepEqual(
        (await admin.execute.query(SQL`SELECT count(*)::int AS n FROM ledger WHERE label = 'tx-during'`)).rows,
        [{ n: 0 }],
      );
      assert.deepEqual((await pool.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
    } finally {
      await pool.close();
    }
  });

  it('killed during a pool-level statement: that call rejects, the next calls succeed on fresh sessions', async () => {
    const pool = named('faults_poolstmt', { max: 1 });
    try {
      const running = rejection(pool.execute.query(SQL`SELECT pg_sleep(30)`));
      await sleep(300);
      assert.equal(await terminate('faults_poolstmt'), 1);
      const error = await running;
      assert.ok(error instanceof TransientDatabaseError, `got ${error?.constructor?.name}: ${error?.message}`);
      for (let i = 0; i < 5; i++) assert.deepEqual((await pool.execute.query(SQL`SELECT ${i}::int AS i`)).rows, [{ i }]);
    } finally {
      await pool.close();
    }
  });
});

describe('a server that is not reachable', () => {
  it('a refused port: ConnectionError (ECONNREFUSED) at once, for pooled and unpooled pools', async () => {
    for (const pooled of [true, false]) {
      const pool = dumbo({ connectionString: 'postgresql://app:pw-never-shown@127.0.0.1:1/db', pooled, connectTimeoutMillis: 5000 });
      try {
        const error = await rejection(pool.execute.query(SQL`SELECT 1`));
        assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
        assert.equal(error.code, 'ECONNREFUSED');
        assert.doesNotMatch(`${error.message} ${error.stack}`, /pw-never-shown/);
      } finally {
        await pool.close();
      }
    }
  });

  it('a server that accepts TCP and never answers: ConnectionError (ETIMEDOUT) after connectTimeoutMillis, for pooled and unpooled pools and transactions', async () => {
    const sockets = new Set();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address();
    try {
      for (const pooled of [true, false]) {
        const pool = dumbo({ connectionString: `postgresql://app:pw-never-shown@127.0.0.1:${port}/db`, pooled, connectTimeoutMillis: 300 });
        try {
          for (const call of [() => pool.execute.query(SQL`SELECT 1`), () => pool.withTransaction(() => 1)]) {
            const error = await rejection(call());
            assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
            assert.equal(error.code, 'ETIMEDOUT');
            assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}: timed out after 300 ms`));
            assert.doesNotMatch(error.message, /pw-never-shown/);
          }
        } finally {
          await pool.close();
        }
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('pool exhaustion', () => {
  it('with every connection held, a call waits connectionTimeoutMillis, then a ConnectionError says the pool is exhausted (not that the server is down)', async () => {
    const pool = named('faults_exhaust', { max: 2, connectionTimeoutMillis: 300 });
    try {
      const held = [await pool.connection(), await pool.connection()];
      for (const c of held) await c.execute.query(SQL`SELECT 1`);
      for (const call of [() => pool.execute.query(SQL`SELECT 1`), () => pool.withTransaction(() => 1)]) {
        const error = await rejection(call());
        assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
        assert.equal(error.message, 'Connection pool exhausted: no connection became free within 300 ms (max 2 connections)');
        assert.equal(error.code, undefined, 'no transport code: the server is fine');
      }
      assert.ok((await sessions('faults_exhaust')).length <= 2);
      await Promise.all(held.map((c) => c.close()));
      assert.deepEqual((await pool.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
    } finally {
      await pool.close();
    }
  });

  it('waiting calls proceed in the order they were made when connections are released', async () => {
    const pool = named('faults_order', { max: 1, connectionTimeoutMillis: 20_000 });
    try {
      for (let round = 0; round < 3; round++) {
        await pool.execute.command(SQL`TRUNCATE waiters RESTART IDENTITY`);
        const held = await pool.connection();
        await held.execute.query(SQL`SELECT 1`);
        const calls = Array.from({ length: 40 }, (_, caller) =>
          pool.execute.command(SQL`INSERT INTO waiters (caller) VALUES (${caller})`),
        );
        await sleep(100);
        await held.close();
        await bounded(Promise.all(calls), 20_000, 'the waiting calls');
        const { rows } = await pool.execute.query(SQL`SELECT caller FROM waiters ORDER BY seq`);
        assert.deepEqual(rows.map((r) => r.caller), [...Array(40).keys()], `round ${round}: served out of order`);
      }
    } finally {
      await pool.close();
    }
  });
});

describe('close() with work in flight', () => {
  it('a graceful close waits for running statements and transactions, then no session is left', async () => {
    const pool = named('faults_graceful', { max: 3 });
    const statement = pool.execute.query(SQL`SELECT 'done' AS s FROM pg_sleep(0.5)`);
    const transaction = pool.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO ledger (label) VALUES ('graceful')`);
      await tx.execute.query(SQL`SELECT pg_sleep(0.3)`);
      return 'committed';
    });
    await sleep(100);
    await bounded(pool.close(), 20_000, 'close()');
    assert.deepEqual((await statement).rows, [{ s: 'done' }]);
    assert.equal(await transaction, 'committed');
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), (e) => e instanceof InvalidOperationError && e.message === 'Connection pool has been closed');
    await noSessionLeft('faults_graceful');
  });

  for (const pooled of [true, false]) {
    it(`close({ force: true }) aborts running statements and held transactions (${pooled ? 'pooled' : 'pooled: false'}); nothing hangs, nothing is committed, no session is left`, async () => {
      const name = `faults_force_${pooled ? 'pooled' : 'direct'}`;
      const pool = named(name, { max: 3, pooled });
      // rejection(): the outcome is caught from the start, as the work rejects while
      // the test awaits other things.
      const statement = rejection(pool.execute.query(SQL`SELECT pg_sleep(30)`));
      let inserted = false;
      const transaction = rejection(
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO ledger (label) VALUES (${name})`);
          inserted = true;
          await sleep(400); // user code between statements while the pool closes
          await tx.execute.query(SQL`SELECT 1`);
        }),
      );
      const cancelled = rejection(pool.withConnection((c) => c.execute.query(SQL`SELECT pg_sleep(30)`)));
      await sleep(300);
      assert.ok(inserted);
      await bounded(pool.close({ force: true }), 10_000, 'close({ force: true })');
      const errors = await Promise.all([statement, transaction, cancelled]);
      for (const error of [errors[0], errors[2]]) {
        assert.ok(error instanceof QueryCanceledError, `got ${error?.constructor?.name}: ${error?.message}`);
      }
      if (pooled) assert.equal(errors[0].message, 'Statement canceled: the connection pool was closed with force');
      assert.ok(errors[1] instanceof InvalidOperationError, `got ${errors[1]?.constructor?.name}: ${errors[1]?.message}`);
      await noSessionLeft(name);
      assert.deepEqual(
        (await admin.execute.query(SQL`SELECT count(*)::int AS n FROM ledger WHERE label = ${name}`)).rows,
        [{ n: 0 }],
      );
    });
  }

  it('a closed pool rejects new work with InvalidOperationError, also calls that were waiting for a connection', async () => {
    const pool = named('faults_waiting_close', { max: 1, connectionTimeoutMillis: 20_000 });
    const held = await pool.connection();
    await held.execute.query(SQL`SELECT 1`);
    const waiting = rejection(pool.execute.query(SQL`SELECT 1`));
    await sleep(100);
    await bounded(pool.close({ force: true }), 10_000, 'close({ force: true })');
    const error = await waiting;
    assert.ok(error instanceof InvalidOperationError, `got ${error?.constructor?.name}: ${error?.message}`);
    await held.close();
    await noSessionLeft('faults_waiting_close');
  });
});
