// Fault test (npm run test:faults): a bounded soak, DUMBO_SOAK_SECONDS (default 60)
// of mixed reads and writes with errors mixed in (unique violations, syntax
// errors, statement timeouts, aborted calls, rolled-back transactions, large
// results), on PostgreSQL (a database of this file's own on the run's server) and
// SQLite (a file) at the same time.
//
// What users rely on: memory stays flat after warm-up (RSS, measured after a full
// GC), the server never sees more sessions than the pool's max, every error is one
// of the expected classes, and everything closes at the end. See docs/reliability.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as pg from '@event-driven-io/dumbo/pg';
import * as sqlite from '@event-driven-io/dumbo/sqlite3';
import {
  SQL,
  UniqueConstraintError,
  InvalidOperationError,
  QueryCanceledError,
} from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const SECONDS = Number(process.env.DUMBO_SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = Math.max(10, Math.round(SECONDS / 4));
const LOOPS = 12;
const MAX = 6;
/** Allowed RSS growth from the end of warm-up to the end (after full GCs). */
const RSS_GROWTH_LIMIT_MB = 48;
const TAG = 'reliability_soak';
const APP = 'dumbo_soak';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

let dir;
let pgUrl;
before(async () => {
  pgUrl = await createTestDatabase(TAG);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-soak-'));
});
after(async () => {
  await dropTestDatabase(TAG);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The expected errors of the workload; anything else fails the soak. */
const EXPECTED = [UniqueConstraintError, InvalidOperationError, QueryCanceledError];
class PlannedRollback extends Error {}

function workload(pool, dialect, tally) {
  const random = (n) => Math.floor(Math.random() * n);
  const big = dialect === 'pg' ? SQL`SELECT g AS n, md5(g::text) AS h FROM generate_series(1, 2000) AS g` : SQL`WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 2000) SELECT n, hex(n) AS h FROM s`;
  const steps = [
    // writes, some hitting the unique key
    () => pool.execute.command(SQL`INSERT INTO kv (k, v) VALUES (${random(5000)}, ${JSON.stringify({ at: Date.now(), pad: 'x'.repeat(random(200)) })})`),
    // point reads and a large result
    () => pool.execute.query(SQL`SELECT k, v FROM kv WHERE k = ${random(5000)}`),
    () => pool.execute.query(big),
    // a transaction that commits, one that rolls back from user code
    () =>
      pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`UPDATE counters SET n = n + 1 WHERE id = ${random(10)}`);
        await tx.execute.query(SQL`SELECT count(*) AS c FROM kv`);
      }),
    () =>
      pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`UPDATE counters SET n = n + 1000000 WHERE id = ${random(10)}`);
        throw new PlannedRollback('planned');
      }),
    // errors: syntax, a missing table
    () => pool.execute.query(SQL`SELEC broken`),
    () => pool.execute.query(SQL`SELECT * FROM missing_table`),
    // cancellations: a statement timeout and an abort signal (PostgreSQL)
    ...(dialect === 'pg'
      ? [
          () => pool.execute.query(SQL`SELECT pg_sleep(0.2)`, { timeoutMs: 20 }),
          () => {
            const controller = new AbortController();
            setTimeout(() => controller.abort(), 10);
            return pool.execute.query(SQL`SELECT pg_sleep(0.2)`, { signal: controller.signal });
          },
        ]
      : []),
  ];
  return async () => {
    const step = steps[random(steps.length)];
    try {
      await step();
      tally.ok++;
    } catch (error) {
      if (error instanceof PlannedRollback) {
        tally.rolledBack++;
        return;
      }
      if (error?.name === 'AbortError') {
        // Aborted before the statement started: the call rejects with the signal's reason.
        tally.errors.AbortError = (tally.errors.AbortError ?? 0) + 1;
        return;
      }
      if (!EXPECTED.some((E) => error instanceof E)) {
        tally.unexpected.push(`${error?.constructor?.name}: ${error?.message}`);
        return;
      }
      tally.errors[error.constructor.name] = (tally.errors[error.constructor.name] ?? 0) + 1;
    }
  };
}

describe(`soak: ${SECONDS} s of mixed work with errors on PostgreSQL and SQLite`, () => {
  it('RSS flat after warm-up, sessions within the pool size, only expected errors, clean close', { timeout: (SECONDS + 120) * 1000 }, async () => {
    const pgPool = pg.dumbo({ connectionString: `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}application_name=${APP}`, max: MAX });
    const litePool = sqlite.dumbo({ fileName: path.join(dir, 'soak.db') });
    const observer = pg.dumbo({ connectionString: pgUrl, max: 1 });
    for (const pool of [pgPool, litePool]) {
      await pool.execute.command(SQL`CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`);
      await pool.execute.command(SQL`CREATE TABLE counters (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)`);
      for (let i = 0; i < 10; i++) await pool.execute.command(SQL`INSERT INTO counters (id, n) VALUES (${i}, 0)`);
    }
    const tallies = {
      pg: { ok: 0, rolledBack: 0, errors: {}, unexpected: [] },
      sqlite: { ok: 0, rolledBack: 0, errors: {}, unexpected: [] },
    };
    const runs = { pg: workload(pgPool, 'pg', tallies.pg), sqlite: workload(litePool, 'sqlite', tallies.sqlite) };

    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    const loops = Array.from({ length: LOOPS }, async (_, i) => {
      const run = i % 3 === 2 ? runs.sqlite : runs.pg;
      while (Date.now() < deadline) {
        await run();
        if (i % 3 === 2) await sleep(0); // SQLite runs inline: let the other loops in
      }
    });

    // Samples: RSS after a full GC every 2 s; server sessions of the pool every second.
    const rss = [];
    const sessions = [];
    const sampling = (async () => {
      let tick = 0;
      while (Date.now() < deadline) {
        await sleep(1000);
        tick++;
        const { rows } = await observer.execute.query(SQL`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${APP}`);
        sessions.push(rows[0].n);
        if (tick % 2 === 0) {
          gc();
          rss.push({ at: (Date.now() - started) / 1000, rss: process.memoryUsage().rss });
        }
      }
    })();
    await Promise.all([...loops, sampling]);

    const afterWarmup = rss.filter((s) => s.at >= WARMUP_SECONDS);
    assert.ok(afterWarmup.length >= 3, `too few samples after warm-up: ${afterWarmup.length}`);
    const baseline = median(afterWarmup.slice(0, 3).map((s) => s.rss));
    const end = median(afterWarmup.slice(-3).map((s) => s.rss));
    const growth = end - baseline;
    const total = (t) => t.ok + t.rolledBack + Object.values(t.errors).reduce((a, b) => a + b, 0) + t.unexpected.length;
    console.log(
      `soak ${SECONDS} s: PostgreSQL ${total(tallies.pg)} calls ${JSON.stringify({ ...tallies.pg, unexpected: tallies.pg.unexpected.length })}; ` +
        `SQLite ${total(tallies.sqlite)} calls ${JSON.stringify({ ...tallies.sqlite, unexpected: tallies.sqlite.unexpected.length })}`,
    );
    console.log(
      `RSS after warm-up ${mb(baseline)} MB -> end ${mb(end)} MB (growth ${mb(growth)} MB, limit ${RSS_GROWTH_LIMIT_MB} MB); ` +
        `samples ${rss.map((s) => mb(s.rss)).join(' ')}; max server sessions ${Math.max(...sessions)} (pool max ${MAX})`,
    );

    for (const [name, t] of Object.entries(tallies)) {
      assert.deepEqual(t.unexpected.slice(0, 10), [], `${name}: unexpected errors`);
      assert.ok(t.ok > 100, `${name}: the workload barely ran (${t.ok} calls)`);
      assert.ok(Object.keys(t.errors).length >= 2, `${name}: errors were mixed in (${JSON.stringify(t.errors)})`);
    }
    assert.ok(Math.max(...sessions) <= MAX, `server sessions ${Math.max(...sessions)} > pool max ${MAX}`);
    assert.ok(growth < RSS_GROWTH_LIMIT_MB * 1024 * 1024, `RSS grew ${mb(growth)} MB after warm-up`);

    // The transactions that rolled back left nothing behind; the others all counted.
    for (const pool of [pgPool, litePool]) {
      const { rows } = await pool.execute.query(SQL`SELECT max(n) AS m FROM counters`);
      assert.ok(Number(rows[0].m) < 1_000_000, 'a rolled-back increment was committed');
    }
    await Promise.all([pgPool.close(), litePool.close()]);
    for (let i = 0; i < 100; i++) {
      const { rows } = await observer.execute.query(SQL`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${APP}`);
      if (rows[0].n === 0) break;
      await sleep(50);
    }
    const { rows } = await observer.execute.query(SQL`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${APP}`);
    assert.deepEqual(rows, [{ n: 0 }], 'sessions left after close()');
    await observer.close();
  });
});
