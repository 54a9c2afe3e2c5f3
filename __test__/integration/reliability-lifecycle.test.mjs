// Reliability, lifecycle and isolation (PostgreSQL and what lifecycle.test.mjs does
// not cover): a process exits by itself after PostgreSQL work, with and without
// close(), after errors, after close({ force: true }) with work in flight; errors
// and unhandled rejections in user callbacks are surfaced, never swallowed; worker
// threads each with PostgreSQL, SQLite and JS-plugin pools, and a worker that exits
// mid-transaction does not crash the main thread or poison the shared pool; a Rust
// panic becomes a DumboError and the process goes on. See docs/reliability.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as pg from '@event-driven-io/dumbo/pg';
import * as sqlite from '@event-driven-io/dumbo/sqlite3';
import { SQL, single, DumboError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const require = createRequire(import.meta.url);
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const TAG = 'reliability_life';
const CHILD_TIMEOUT_MS = 20_000;
let url;
let dir;

before(async () => {
  url = await createTestDatabase(TAG);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-life-'));
  const pool = pg.dumbo({ connectionString: url });
  await pool.execute.command(SQL`CREATE TABLE notes (id serial PRIMARY KEY, who text NOT NULL)`);
  await pool.close();
});
after(async () => {
  await dropTestDatabase(TAG);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs an ESM snippet in a fresh `node` (cwd = the package); TARGET_URL is this file's database. */
function runModule(source) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: packageRoot,
    env: { ...process.env, TARGET_URL: url },
    timeout: CHILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
}

function assertExitedByItself(result, expectedStdout) {
  assert.equal(result.error, undefined, `did not exit by itself within ${CHILD_TIMEOUT_MS} ms: ${result.error}`);
  assert.equal(result.signal, null, `killed by ${result.signal}; stderr: ${result.stderr}`);
  assert.equal(result.status, 0, `exit ${result.status}; stderr: ${result.stderr}`);
  assert.equal(result.stdout.trim(), expectedStdout);
}

const IMPORTS = `import { dumbo } from '@event-driven-io/dumbo/pg'; import { SQL } from '@event-driven-io/dumbo';`;

describe('a process using PostgreSQL exits by itself', () => {
  for (const pooled of [true, false]) {
    for (const close of [true, false]) {
      it(`${pooled ? 'pooled' : 'pooled: false'}, ${close ? 'with' : 'without'} close(), after work, errors and a transaction left open`, () => {
        const result = runModule(`${IMPORTS}
          const pool = dumbo({ connectionString: process.env.TARGET_URL, pooled: ${pooled} });
          await pool.withTransaction((tx) => tx.execute.command(SQL\`INSERT INTO notes (who) VALUES ('exit test')\`));
          const syntax = await pool.execute.query(SQL\`SELEC 1\`).catch((e) => e.name);
          const down = dumbo({ connectionString: 'postgresql://u@127.0.0.1:1/db', pooled: ${pooled} });
          const refused = await down.execute.query(SQL\`SELECT 1\`).catch((e) => e.name);
          const open = pool.transaction();
          await open.begin();
          await open.execute.query(SQL\`SELECT 1\`);
          ${close ? 'await open.rollback(); await pool.close(); await down.close();' : ''}
          console.log(syntax, refused);`);
        assertExitedByItself(result, 'InvalidOperationError ConnectionError');
      });
    }
  }

  it('work that is not awaited finishes before the process exits', () => {
    const result = runModule(`${IMPORTS}
      const pool = dumbo({ connectionString: process.env.TARGET_URL });
      pool.execute.query(SQL\`SELECT 'query' AS s FROM pg_sleep(0.5)\`).then(({ rows }) => console.log(rows[0].s));
      pool.withTransaction(async (tx) => { await tx.execute.query(SQL\`SELECT pg_sleep(0.2)\`); return 'transaction'; }).then(console.log);`);
    assertExitedByItself(result, 'transaction\nquery');
  });

  it('close({ force: true }) with a 30 s statement in flight: the statement rejects and the process exits at once', () => {
    const result = runModule(`${IMPORTS}
      const pool = dumbo({ connectionString: process.env.TARGET_URL });
      const running = pool.execute.query(SQL\`SELECT pg_sleep(30)\`).catch((e) => e.name);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await pool.close({ force: true });
      console.log(await running);`);
    assertExitedByItself(result, 'QueryCanceledError');
  });
});

describe('errors in user callbacks are surfaced', () => {
  const targets = {
    SQLite: `import { dumbo } from '@event-driven-io/dumbo/sqlite3'; import { SQL } from '@event-driven-io/dumbo';
             const pool = dumbo({ connectionString: ':memory:' });`,
    PostgreSQL: `${IMPORTS} const pool = dumbo({ connectionString: process.env.TARGET_URL });`,
  };
  for (const [name, open] of Object.entries(targets)) {
    it(`${name}: a rejection nobody handles inside a transaction callback reaches the process (unhandledRejection), it is not swallowed`, () => {
      const result = runModule(`${open}
        await pool.withTransaction(async (tx) => {
          Promise.reject(new Error('forgotten rejection inside the callback'));
          await tx.execute.query(SQL\`SELECT 1\`);
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        console.log('not reached');`);
      assert.equal(result.error, undefined, String(result.error));
      assert.notEqual(result.status, 0, 'the process should have failed');
      assert.match(result.stderr, /forgotten rejection inside the callback/);
      assert.doesNotMatch(result.stdout, /not reached/);
    });
  }

  it('an error thrown by a callback rejects the call with that very error, after rolling back (SQLite and PostgreSQL)', async () => {
    const pools = [
      ['SQLite', sqlite.dumbo({ fileName: path.join(dir, 'callbacks.db') })],
      ['PostgreSQL', pg.dumbo({ connectionString: url })],
    ];
    for (const [name, pool] of pools) {
      try {
        await pool.execute.command(SQL`CREATE TABLE IF NOT EXISTS cb (v TEXT)`);
        const thrown = new Error(`user bug (${name})`);
        for (const run of [
          () => pool.withTransaction(async (tx) => { await tx.execute.command(SQL`INSERT INTO cb (v) VALUES ('rolled back')`); throw thrown; }),
          () => pool.withConnection(async () => { throw thrown; }),
        ]) {
          await assert.rejects(run(), (e) => e === thrown);
        }
        const serializer = { serialize: () => { throw thrown; }, deserialize: JSON.parse };
        const custom = name === 'SQLite' ? sqlite.dumbo({ connectionString: ':memory:', serializer }) : pg.dumbo({ connectionString: url, serializer });
        await assert.rejects(custom.execute.query(SQL`SELECT ${{ a: 1 }} AS v`), (e) => e === thrown);
        await custom.close();
        assert.deepEqual((await pool.execute.query(SQL`SELECT count(*) AS n FROM cb`)).rows.map((r) => Number(r.n)), [0]);
      } finally {
        await pool.close();
      }
    }
  });
});

describe('worker threads', () => {
  const rootCjs = require.resolve('@event-driven-io/dumbo');
  const pgCjs = require.resolve('@event-driven-io/dumbo/pg');
  const sqliteCjs = require.resolve('@event-driven-io/dumbo/sqlite3');
  const prelude = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { SQL, dumbo: rootDumbo, pluginRegistry } = require(${JSON.stringify(rootCjs)});
    const pg = require(${JSON.stringify(pgCjs)});
    const sqlite = require(${JSON.stringify(sqliteCjs)});
    // A JS plugin (lazily registered, as community plugins are) that wraps a SQLite pool.
    pluginRegistry.register('Reliability:wrapped', async () => ({
      connector: 'Reliability:wrapped',
      createPool: (options) => sqlite.dumbo({ connectionString: options.connectionString.replace(/^wrapped:/, '') }),
    }));`;

  function start(source, workerData) {
    const worker = new Worker(`${prelude}\n${source}`, { eval: true, workerData });
    const messages = [];
    const waiting = [];
    worker.on('message', (m) => (waiting.length ? waiting.shift()(m) : messages.push(m)));
    const failed = new Promise((_, reject) => worker.once('error', reject));
    failed.catch(() => {});
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const next = () => Promise.race([messages.length ? Promise.resolve(messages.shift()) : new Promise((r) => waiting.push(r)), failed]);
    return { worker, next, exited };
  }

  it('several workers, each with PostgreSQL, SQLite and JS-plugin pools, work at the same time', { timeout: 60_000 }, async (t) => {
    const workers = Array.from({ length: 3 }, (_, i) =>
      start(
        `(async () => {
          const p = pg.dumbo({ connectionString: workerData.url, max: 3 });
          const s = sqlite.dumbo({ connectionString: ':memory:' });
          const w = rootDumbo({ connector: 'Reliability:wrapped', connectionString: 'wrapped::memory:' });
          const results = [];
          for (let k = 0; k < 25; k++) {
            await p.withTransaction((tx) => tx.execute.command(SQL\`INSERT INTO notes (who) VALUES (\${'worker ' + workerData.i})\`));
            results.push((await s.execute.query(SQL\`SELECT \${k} * 2 AS v\`)).rows[0].v);
            results.push((await w.execute.query(SQL\`SELECT \${k} + 1 AS v\`)).rows[0].v);
          }
          const { rows } = await p.execute.query(SQL\`SELECT count(*)::int AS n FROM notes WHERE who = \${'worker ' + workerData.i}\`);
          parentPort.postMessage({ n: rows[0].n, sum: results.reduce((a, b) => a + b, 0), plugins: pluginRegistry.list() });
          await Promise.all([p.close(), s.close(), w.close()]);
        })();`,
        { url, i },
      ),
    );
    t.after(() => Promise.all(workers.map((w) => w.worker.terminate())));
    const replies = await Promise.all(workers.map((w) => w.next()));
    const expectedSum = Array.from({ length: 25 }, (_, k) => k * 2 + k + 1).reduce((a, b) => a + b, 0);
    for (const reply of replies) {
      assert.deepEqual(reply, { n: 25, sum: expectedSum, plugins: ['SQLite:sqlite3', 'PostgreSQL:pg', 'Reliability:wrapped'] });
    }
    assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0, 0]);
  });

  for (const how of ['process.exit()', 'terminate()']) {
    it(`a worker leaving by ${how} mid-transaction with statements in flight: no crash, and its session is not handed to anyone else`, { timeout: 60_000 }, async () => {
      // The main thread uses the same connection string: the native pool is shared.
      const shared = `${url}${url.includes('?') ? '&' : '?'}application_name=reliability_worker`;
      const main = pg.dumbo({ connectionString: shared, max: 1, connectionTimeoutMillis: 10_000 });
      try {
        const leaving = start(
          `(async () => {
            const pool = pg.dumbo({ connectionString: workerData.shared, max: 1 });
            const other = pg.dumbo({ connectionString: workerData.url });
            const tx = pool.transaction();
            await tx.begin();
            await tx.execute.command(SQL\`INSERT INTO notes (who) VALUES ('uncommitted worker row')\`);
            other.execute.query(SQL\`SELECT pg_sleep(0.5)\`).catch(() => {});
            parentPort.postMessage('in transaction');
            if (workerData.exit) process.exit(7);
            setInterval(() => {}, 1000);
          })();`,
          { url, shared, exit: how === 'process.exit()' },
        );
        assert.equal(await leaving.next(), 'in transaction');
        if (how === 'terminate()') await leaving.worker.terminate();
        const code = await leaving.exited;
        if (how === 'process.exit()') assert.equal(code, 7);
        await new Promise((resolve) => setTimeout(resolve, 700)); // the in-flight statement ends on a dead thread

        // The main thread's next connection is a clean session: it neither sees the
        // worker's uncommitted row nor writes into the worker's transaction.
        const seen = await main.execute.query(SQL`SELECT count(*)::int AS n FROM notes WHERE who = 'uncommitted worker row'`);
        assert.deepEqual(seen.rows, [{ n: 0 }]);
        await main.execute.command(SQL`INSERT INTO notes (who) VALUES ('main after worker')`);
        const observer = pg.dumbo({ connectionString: url });
        try {
          const { rows } = await observer.execute.query(SQL`SELECT who FROM notes WHERE who IN ('main after worker', 'uncommitted worker row')`);
          assert.deepEqual(rows, [{ who: 'main after worker' }], 'the main thread committed, the worker did not');
          await observer.execute.command(SQL`DELETE FROM notes WHERE who = 'main after worker'`);
        } finally {
          await observer.close();
        }
      } finally {
        await main.close();
      }
    });
  }
});

describe('Rust panics', () => {
  const binding = require('../../binding.cjs');

  it('a panic in async PostgreSQL work rejects with a DumboError, and the process goes on', async () => {
    for (let i = 0; i < 3; i++) {
      await assert.rejects(binding.__provokePgPanicForTests(), (e) => {
        assert.ok(e instanceof DumboError, `got ${e?.constructor?.name}: ${e?.message}`);
        assert.equal(e.errorCode, 500);
        assert.match(e.message, /^Internal error in the native driver \(Rust panic\): provoked panic in async PostgreSQL work \(test hook\)$/);
        return true;
      });
    }
    const pool = pg.dumbo({ connectionString: url });
    try {
      assert.equal((await single(pool.execute.query(SQL`SELECT ${20}::int + ${22}::int AS v`))).v, 42);
    } finally {
      await pool.close();
    }
  });

  it('a panic in a synchronous native call made by a driver surfaces from execute as a DumboError with the panic as cause', async () => {
    const { sqlExecutor } = require('../../lib/core/executor.cjs');
    const panicking = sqlExecutor(
      () => binding.__provokePanicForTests(),
      async () => binding.__provokePanicForTests(),
    );
    for (const call of [() => panicking.query(SQL`SELECT 1`), () => panicking.command(SQL`SELECT 1`)]) {
      await assert.rejects(call(), (e) => {
        assert.ok(e instanceof DumboError, `got ${e?.constructor?.name}: ${e?.message}`);
        assert.match(e.message, /^Internal error in the native driver \(Rust panic\): provoked panic \(test hook\)$/);
        assert.equal(e.cause?.code, 'GenericFailure');
        return true;
      });
    }
    const pool = sqlite.dumbo({ connectionString: ':memory:' });
    assert.deepEqual((await pool.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
    await pool.close();
  });
});
