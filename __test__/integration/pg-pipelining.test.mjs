// Pipelining of the pool's own statements: when every connection is busy, an
// autocommit statement runs on a connection already carrying such statements instead
// of waiting (dumbo_pg pool/lanes.rs). Answers stay each caller's own, a failing
// statement fails alone, the server never sees more sessions than `max`, and a
// transaction waiting for a connection of its own is not starved by pipelined work.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as pg from '@event-driven-io/dumbo/pg';
import { SQL, single, DumboError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'pg_pipelining';
let url;
before(async () => {
  url = await createTestDatabase(TAG);
});
after(async () => {
  await dropTestDatabase(TAG);
});

describe('pipelined pool statements', () => {
  it('200 concurrent statements on a pool of 2: every answer is its own, failures stay alone, at most 2 sessions', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 2 });
    try {
      const calls = Array.from({ length: 200 }, (_, n) =>
        n % 7 === 3
          ? pool.execute.query(SQL`SELECT 1 / (${n}::int - ${n}::int) AS v`)
          : pool.execute.query(SQL`SELECT ${n}::int AS v, pg_backend_pid() AS pid`),
      );
      const settled = await Promise.allSettled(calls);
      const pids = new Set();
      settled.forEach((s, n) => {
        if (n % 7 === 3) {
          assert.equal(s.status, 'rejected', `statement ${n} should fail`);
          assert.ok(s.reason instanceof DumboError);
          assert.match(s.reason.message, /division by zero/);
        } else {
          assert.equal(s.status, 'fulfilled', `statement ${n}: ${s.reason}`);
          assert.equal(s.value.rows[0].v, n);
          pids.add(s.value.rows[0].pid);
        }
      });
      assert.ok(pids.size >= 1 && pids.size <= 2, `sessions used: ${pids.size}`);
    } finally {
      await pool.close();
    }
  });

  it('a transaction waiting for a connection gets one while pipelined statements keep coming', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 1 });
    try {
      let stop = false;
      let done = 0;
      const load = Array.from({ length: 8 }, async () => {
        while (!stop) {
          await pool.execute.query(SQL`SELECT pg_sleep(0.002)`);
          done++;
        }
      });
      await new Promise((r) => setTimeout(r, 50));
      const value = await pool.withTransaction(async (tx) =>
        (await single(tx.execute.query(SQL`SELECT 42 AS v`))).v,
      );
      stop = true;
      await Promise.all(load);
      assert.equal(value, 42);
      assert.ok(done > 0);
    } finally {
      await pool.close();
    }
  });

  it('a statement with timeoutMs runs alone on its connection: the timeout never reaches pipelined neighbours', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 1 });
    try {
      const slow = pool.execute.query(SQL`SELECT pg_sleep(0.3) AS slept`, { timeoutMs: 50 });
      const others = Array.from({ length: 20 }, (_, n) =>
        pool.execute.query(SQL`SELECT ${n}::int AS v, pg_sleep(0.01) AS s`),
      );
      await assert.rejects(slow, (e) => e.name === 'QueryCanceledError');
      const rows = await Promise.all(others);
      rows.forEach((r, n) => assert.equal(r.rows[0].v, n));
      const { rows: setting } = await pool.execute.query(SQL`SHOW statement_timeout`);
      assert.equal(setting[0].statement_timeout, '0');
    } finally {
      await pool.close();
    }
  });
});
