// Reliability, load and data: 1,000 concurrent transactions append events to 20
// streams (a unique key on (stream, seq)) and increment a counter per stream,
// retrying on SerializationError and UniqueConstraintError, on PostgreSQL (READ
// COMMITTED and SERIALIZABLE mixed, pool of 10) and on SQLite (its single writer,
// optimistic appends). The final counts are exact: nothing lost, nothing duplicated,
// every sequence without gaps. The 60 s soak is __test__/faults/soak.fault.mjs.
// See docs/reliability.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pg from '@event-driven-io/dumbo/pg';
import * as sqlite from '@event-driven-io/dumbo/sqlite3';
import { SQL, single, SerializationError, UniqueConstraintError, DeadlockError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TRANSACTIONS = 1000;
const STREAMS = 20;
const MAX_ATTEMPTS = 500;
const TAG = 'reliability_load';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `work` on the errors a concurrent append may meet; counts them by class.
 * DeadlockError is retried too (PostgreSQL may pick a SERIALIZABLE victim that way).
 */
async function withRetries(work, tally) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retryable = error instanceof SerializationError || error instanceof UniqueConstraintError || error instanceof DeadlockError;
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
      tally[error.constructor.name] = (tally[error.constructor.name] ?? 0) + 1;
      await sleep(Math.random() * Math.min(2 ** attempt, 64)); // jittered backoff
    }
  }
}

async function createSchema(pool) {
  await pool.execute.command(SQL`CREATE TABLE events (stream INTEGER NOT NULL, seq INTEGER NOT NULL, task INTEGER NOT NULL UNIQUE, PRIMARY KEY (stream, seq))`);
  await pool.execute.command(SQL`CREATE TABLE counters (stream INTEGER PRIMARY KEY, n INTEGER NOT NULL)`);
  for (let s = 0; s < STREAMS; s++) await pool.execute.command(SQL`INSERT INTO counters (stream, n) VALUES (${s}, 0)`);
}

async function assertExact(pool, tally, label) {
  const perStream = TRANSACTIONS / STREAMS;
  const { rows: events } = await pool.execute.query(SQL`SELECT stream, seq, task FROM events ORDER BY stream, seq`);
  assert.equal(events.length, TRANSACTIONS, `${label}: one event per transaction`);
  assert.deepEqual(
    [...new Set(events.map((e) => Number(e.task)))].sort((a, b) => a - b),
    [...Array(TRANSACTIONS).keys()],
    `${label}: every transaction exactly once`,
  );
  for (let s = 0; s < STREAMS; s++) {
    const seqs = events.filter((e) => Number(e.stream) === s).map((e) => Number(e.seq));
    assert.deepEqual(seqs, Array.from({ length: perStream }, (_, i) => i + 1), `${label}: stream ${s} has no gap and no duplicate`);
    for (const e of events.filter((e) => Number(e.stream) === s)) assert.equal(Number(e.task) % STREAMS, s);
  }
  const { rows: counters } = await pool.execute.query(SQL`SELECT stream, n FROM counters ORDER BY stream`);
  assert.deepEqual(
    counters.map((c) => [Number(c.stream), Number(c.n)]),
    Array.from({ length: STREAMS }, (_, s) => [s, perStream]),
    `${label}: every counter incremented exactly once per committed transaction`,
  );
  const retried = Object.values(tally).reduce((a, b) => a + b, 0);
  assert.ok(retried > 0, `${label}: the load produced no conflict at all, so it tested nothing (${JSON.stringify(tally)})`);
}

describe('1,000 concurrent transactions on PostgreSQL', () => {
  let pool;
  before(async () => {
    pool = pg.dumbo({ connectionString: await createTestDatabase(TAG), max: 10, connectionTimeoutMillis: 60_000 });
    await createSchema(pool);
  });
  after(async () => {
    await pool?.close();
    await dropTestDatabase(TAG);
  });

  it('append + increment, READ COMMITTED and SERIALIZABLE mixed, retried on conflicts: counts exact', { timeout: 180_000 }, async () => {
    const tally = {};
    await Promise.all(
      Array.from({ length: TRANSACTIONS }, (_, task) =>
        withRetries(
          () =>
            pool.withTransaction(
              async (tx) => {
                const stream = task % STREAMS;
                const { seq } = await single(tx.execute.query(SQL`SELECT COALESCE(MAX(seq), 0)::int AS seq FROM events WHERE stream = ${stream}`));
                await tx.execute.command(SQL`INSERT INTO events (stream, seq, task) VALUES (${stream}, ${seq + 1}, ${task})`);
                await tx.execute.command(SQL`UPDATE counters SET n = n + 1 WHERE stream = ${stream}`);
              },
              { isolationLevel: task % 3 === 0 ? 'SERIALIZABLE' : 'READ COMMITTED' },
            ),
          tally,
        ),
      ),
    );
    await assertExact(pool, tally, 'PostgreSQL');
    console.log(`PostgreSQL: ${TRANSACTIONS} transactions committed; retried: ${JSON.stringify(tally)}`);
  });
});

describe('1,000 concurrent transactions on SQLite (single writer)', () => {
  let dir;
  let pool;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-load-'));
    pool = sqlite.dumbo({ fileName: path.join(dir, 'load.db') });
    await createSchema(pool);
  });
  after(async () => {
    await pool?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('optimistic appends (version read outside the transaction) + increment, retried on conflicts: counts exact', { timeout: 180_000 }, async () => {
    const tally = {};
    await Promise.all(
      Array.from({ length: TRANSACTIONS }, (_, task) =>
        withRetries(async () => {
          const stream = task % STREAMS;
          // Read the expected version first, as an event store does; a concurrent
          // append in between makes the insert hit the unique key.
          const { seq } = await single(pool.execute.query(SQL`SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE stream = ${stream}`));
          await pool.withTransaction(async (tx) => {
            await tx.execute.command(SQL`INSERT INTO events (stream, seq, task) VALUES (${stream}, ${Number(seq) + 1}, ${task})`);
            await tx.execute.command(SQL`UPDATE counters SET n = n + 1 WHERE stream = ${stream}`);
          });
        }, tally),
      ),
    );
    await assertExact(pool, tally, 'SQLite');
    console.log(`SQLite: ${TRANSACTIONS} transactions committed; retried: ${JSON.stringify(tally)}`);
  });
});
