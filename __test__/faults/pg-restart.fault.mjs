// Fault test (npm run test:faults): PostgreSQL stopped and started again under a
// steady load, on a throwaway server of this file's own (never the run's shared
// server or the machine's cluster). Twice: a fast shutdown (SIGINT: sessions get
// 57P01 and close) and an immediate one (SIGQUIT: sockets just close).
//
// What users rely on: in-flight calls reject with a transient error
// (ConnectionError, or AdminShutdownError when the server says why), never hang;
// calls made while the server is down reject with ConnectionError at once; broken
// connections are never handed out again; within a few seconds of the restart new
// calls succeed with no user action; a transaction cut by the restart commits
// nothing of itself. See docs/reliability.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dumbo } from '@event-driven-io/dumbo/pg';
import { SQL, ConnectionError, AdminShutdownError, TransientDatabaseError } from '@event-driven-io/dumbo';
import { startThrowawayPostgres } from '../support/throwaway-postgres.mjs';

const WORKERS = 8;
const MAX = 5;
const CALL_LIMIT_MS = 15_000; // a call that takes longer is a hang
const RECOVERY_LIMIT_MS = 15_000; // "a few seconds", bounded

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let server;
let pool;
let batch = 0; // batch numbers, unique across the tests of this file
let observer;
before(async () => {
  server = await startThrowawayPostgres();
  const setup = dumbo({ connectionString: server.url });
  await setup.execute.command(SQL`CREATE TABLE ledger (batch int NOT NULL, part int NOT NULL, PRIMARY KEY (batch, part))`);
  await setup.close();
});
after(async () => {
  await pool?.close({ force: true });
  await observer?.close();
  await server?.close();
});

/** A steady load: WORKERS loops of small transactions (two rows per batch) and reads. */
function steadyLoad(target) {
  const log = []; // { at, phase, ok | error }
  let phase = 'before';
  let stopping = false;
  const hangs = [];
  const call = async (work) => {
    const started = Date.now();
    let timer;
    const watchdog = new Promise((resolve) => {
      timer = setTimeout(() => {
        hangs.push(phase);
        resolve({ hang: true });
      }, CALL_LIMIT_MS);
    });
    const outcome = await Promise.race([work().then(() => ({ ok: true }), (error) => ({ error })), watchdog]);
    clearTimeout(timer);
    log.push({ at: started, phase, ...outcome });
    if (outcome.error) await sleep(20);
  };
  const loops = Array.from({ length: WORKERS }, async (_, w) => {
    while (!stopping) {
      if (w % 2 === 0) {
        const b = ++batch;
        await call(() =>
          target.withTransaction(async (tx) => {
            await tx.execute.command(SQL`INSERT INTO ledger (batch, part) VALUES (${b}, 1)`);
            await tx.execute.query(SQL`SELECT pg_sleep(0.01)`);
            await tx.execute.command(SQL`INSERT INTO ledger (batch, part) VALUES (${b}, 2)`);
          }),
        );
      } else {
        await call(() => target.execute.query(SQL`SELECT count(*)::int AS n FROM ledger WHERE batch > 0 AND pg_sleep(0.01) IS NOT NULL`));
      }
    }
  });
  return {
    log,
    hangs,
    setPhase: (p) => {
      phase = p;
    },
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}

describe('PostgreSQL restarted under a steady load (throwaway server)', () => {
  for (const mode of ['fast', 'immediate']) {
    it(`${mode} shutdown: in-flight calls reject with transient errors, none hangs, the pool recovers by itself`, { timeout: 180_000 }, async () => {
      pool = dumbo({ connectionString: server.url, max: MAX, connectTimeoutMillis: 3_000, connectionTimeoutMillis: 10_000 });
      const load = steadyLoad(pool);
      try {
        await sleep(1_000);
        const okBefore = load.log.filter((e) => e.ok).length;
        assert.ok(okBefore > 0, 'the load ran before the restart');

        load.setPhase('stopping');
        await server.stop(mode);
        load.setPhase('down');
        await sleep(1_500);
        load.setPhase('starting');
        await server.start();
        const restarted = Date.now();
        load.setPhase('after');

        // New calls succeed within a few seconds, with no user action.
        let recoveredAt = null;
        while (Date.now() - restarted < RECOVERY_LIMIT_MS) {
          const ok = await pool.execute.query(SQL`SELECT 1 AS one`).then(() => true, () => false);
          if (ok) {
            recoveredAt = Date.now();
            break;
          }
          await sleep(100);
        }
        assert.ok(recoveredAt, `no call succeeded within ${RECOVERY_LIMIT_MS} ms of the restart`);
        load.setPhase('recovered');
        const recoveredFrom = load.log.length;
        await sleep(2_000);
        await load.stop();

        assert.deepEqual(load.hangs, [], 'calls that did not settle');
        const errors = load.log.filter((e) => e.error);
        assert.ok(errors.length > 0, 'the restart should have failed some calls');
        for (const { error, phase } of errors) {
          assert.ok(error instanceof TransientDatabaseError, `${phase}: ${error?.constructor?.name}: ${error?.message}`);
          assert.ok(error instanceof ConnectionError || error instanceof AdminShutdownError, `${phase}: ${error?.constructor?.name}: ${error?.message}`);
        }
        // While the server was down: ConnectionError (refused, or the server starting up).
        for (const { error } of errors.filter((e) => e.phase === 'down')) {
          assert.ok(error instanceof ConnectionError, `down: ${error?.constructor?.name}: ${error?.message}`);
        }
        // Broken connections are never handed out again: once a call succeeded after
        // the restart, no call of the load failed.
        const afterRecovery = load.log.slice(recoveredFrom);
        assert.ok(afterRecovery.length > 0);
        assert.deepEqual(
          afterRecovery.filter((e) => e.error).map((e) => `${e.error.constructor.name}: ${e.error.message}`),
          [],
          'calls failed after the pool had recovered',
        );

        // A transaction cut by the restart committed nothing of itself: every batch
        // has both of its rows or none.
        observer ??= dumbo({ connectionString: server.url });
        const { rows } = await observer.execute.query(SQL`SELECT batch, count(*)::int AS parts FROM ledger GROUP BY batch HAVING count(*) <> 2`);
        assert.deepEqual(rows, [], 'half-committed transactions');
        // The pool holds at most MAX sessions on the server.
        const { rows: sessions } = await observer.execute.query(
          SQL`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        assert.ok(sessions[0].n <= MAX, `${sessions[0].n} sessions for a pool of ${MAX}`);
        const byClass = {};
        for (const { error } of errors) byClass[error.constructor.name] = (byClass[error.constructor.name] ?? 0) + 1;
        console.log(
          `${mode} restart: ${load.log.length} calls, ${errors.length} failed during the outage ${JSON.stringify(byClass)}, ` +
            `recovered ${recoveredAt - restarted} ms after the restart, ${afterRecovery.length} calls after recovery all succeeded`,
        );
      } finally {
        await load.stop();
        await pool.close();
        pool = undefined;
      }
    });
  }
});
