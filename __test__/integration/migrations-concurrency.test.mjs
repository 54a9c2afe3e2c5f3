// Two processes run the same migrations against the same database at the same moment:
// each migration is applied exactly once (reference 7.1, 8.1). PostgreSQL serialises
// the runners with the transaction-scoped advisory lock; SQLite with its single writer
// (BEGIN IMMEDIATE, busy_timeout). The runners are real `node` processes
// (support/migrate-worker.mjs), released together once both are connected.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SQL } from '@event-driven-io/dumbo';
import { sqliteTarget, postgresTarget } from '../support/databases.mjs';

const WORKER = fileURLToPath(new URL('../support/migrate-worker.mjs', import.meta.url));
const WORKER_TIMEOUT_MS = 60_000;
const COUNT = 5;
const NAMES = Array.from({ length: COUNT }, (_, i) => `concurrent_${String(i).padStart(2, '0')}`);

/** Starts a worker; resolves `ready` once connected, `done` with its exit code and last JSON line. */
function startWorker(kind, connectionString) {
  const child = spawn(process.execPath, [WORKER, kind, connectionString, String(COUNT)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
  let stdout = '';
  let stderr = '';
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (stdout.includes('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      onReady();
      const last = stdout.trim().split('\n').pop();
      let result;
      try {
        result = JSON.parse(last);
      } catch {
        result = { error: `no result (exit ${code ?? signal}): ${stdout} ${stderr}` };
      }
      resolve({ code, result, stderr });
    });
  });
  return { child, ready, done, go: () => child.stdin.end('go\n') };
}

function concurrencySuite(target, kind) {
  describe(`two processes migrating ${target.label} at once`, { timeout: 120_000 }, () => {
    before(async () => {
      await target.setup();
      // Create the database (file, WAL) before the workers open it.
      const pool = target.dumbo();
      await pool.execute.query(SQL`SELECT 1`);
      await pool.close();
    });
    after(() => target.teardown());

    it('applies every migration exactly once', async () => {
      const workers = [startWorker(kind, target.connectionString), startWorker(kind, target.connectionString)];
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.go();
      const [a, b] = await Promise.all(workers.map((w) => w.done));

      for (const { code, result, stderr } of [a, b]) {
        assert.equal(result.error, undefined, `worker failed: ${result.error} ${stderr}`);
        assert.equal(code, 0);
      }
      assert.deepEqual([...a.result.applied, ...b.result.applied].sort(), NAMES, 'each migration applied by exactly one process');
      assert.deepEqual([...a.result.applied, ...a.result.skipped].sort(), NAMES);
      assert.deepEqual([...b.result.applied, ...b.result.skipped].sort(), NAMES);

      const pool = target.dumbo();
      try {
        const ledger = await pool.execute.query(SQL`SELECT name FROM dmb_migrations ORDER BY name`);
        assert.deepEqual(ledger.rows.map((r) => r.name), NAMES);
        const effects = await pool.execute.query(SQL`SELECT migration FROM effects ORDER BY migration`);
        assert.deepEqual(effects.rows.map((r) => r.migration), NAMES, 'each effect happened once');
      } finally {
        await pool.close();
      }
    });
  });
}

concurrencySuite(sqliteTarget(), 'sqlite');
concurrencySuite(postgresTarget('migrations_concurrency'), 'postgresql');
