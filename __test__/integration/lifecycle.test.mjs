// Process and thread lifecycle: a process exits on its own after using a pool
// (closed or not, automatic or direct mode), every worker thread has its own
// registry, and a worker exiting with an open pool does not hurt the main thread.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { SQL, pluginRegistry } from '@event-driven-io/dumbo';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';

const require = createRequire(import.meta.url);
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const rootCjs = require.resolve('@event-driven-io/dumbo');
const sqlite3Cjs = require.resolve('@event-driven-io/dumbo/sqlite3');

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
const dbFile = () => path.join(dir, `life-${++fileCounter}.db`);

/** Runs an ESM snippet in a fresh `node` process (cwd = the package, so its name resolves). */
function runModule(source) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: packageRoot,
    timeout: 10_000,
    encoding: 'utf8',
  });
  return { ...result, elapsed: Date.now() - started };
}

function assertExitedOnItsOwn(result, expectedStdout) {
  assert.equal(result.error, undefined, `spawn error (timeout = the process did not exit): ${result.error}`);
  assert.equal(result.signal, null, `killed by ${result.signal}; stderr: ${result.stderr}`);
  assert.equal(result.status, 0, `exit status ${result.status}; stderr: ${result.stderr}`);
  assert.equal(result.stdout, expectedStdout);
  assert.ok(result.elapsed < 10_000);
}

describe('process exit', () => {
  const modes = {
    automatic: `import { dumbo, SQL } from '@event-driven-io/dumbo';`,
    direct: `import { SQL } from '@event-driven-io/dumbo'; import { dumbo } from '@event-driven-io/dumbo/sqlite3';`,
  };

  for (const [mode, imports] of Object.entries(modes)) {
    for (const close of [true, false]) {
      it(`${mode} mode, file database, ${close ? 'with' : 'without'} close(): the process exits by itself`, () => {
        const file = dbFile();
        const result = runModule(`
          ${imports}
          const pool = dumbo({ connectionString: ${JSON.stringify(file)} });
          await pool.execute.command(SQL\`CREATE TABLE t (v INTEGER)\`);
          await pool.withTransaction((tx) => tx.execute.command(SQL\`INSERT INTO t (v) VALUES (\${1})\`));
          const { rows } = await pool.execute.query(SQL\`SELECT count(*) AS n FROM t\`);
          ${close ? 'await pool.close();' : ''}
          process.stdout.write('rows=' + rows[0].n);
        `);
        assertExitedOnItsOwn(result, 'rows=1');
      });
    }
  }

  it('automatic mode: an in-memory pool, an unused deferred pool and an open transaction do not keep the process alive', () => {
    const result = runModule(`
      import { dumbo, SQL } from '@event-driven-io/dumbo';
      const unused = dumbo({ connectionString: ${JSON.stringify(`file:${dbFile()}`)} });
      const memory = dumbo({ connectionString: ':memory:' });
      await memory.execute.command(SQL\`CREATE TABLE t (v INTEGER)\`);
      const tx = memory.transaction();
      await tx.begin();
      await tx.execute.command(SQL\`INSERT INTO t (v) VALUES (1)\`);
      process.stdout.write('loaded=' + unused.isLoaded);
    `);
    assertExitedOnItsOwn(result, 'loaded=false');
  });

  it('direct mode: a process that saw a database error exits by itself', () => {
    const result = runModule(`
      import { SQL } from '@event-driven-io/dumbo';
      import { dumbo } from '@event-driven-io/dumbo/sqlite3';
      const pool = dumbo({ fileName: ${JSON.stringify(dbFile())} });
      const error = await pool.execute.query(SQL\`SELECT * FROM missing\`).catch((e) => e);
      process.stdout.write(error.name);
    `);
    assertExitedOnItsOwn(result, 'InvalidOperationError');
  });
});

describe('worker threads', () => {
  function startWorker(source, workerData) {
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { SQL, pluginRegistry, dumbo: rootDumbo } = require(${JSON.stringify(rootCjs)});
       const { dumbo } = require(${JSON.stringify(sqlite3Cjs)});
       ${source}`,
      { eval: true, workerData },
    );
    const queued = []; // messages nobody waited for yet
    const waiters = [];
    worker.on('message', (message) => {
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queued.push(message);
    });
    const errored = new Promise((_, reject) => worker.once('error', reject));
    errored.catch(() => {});
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    return {
      worker,
      exited,
      /** The next message, or the worker's uncaught error. */
      next: () =>
        Promise.race([
          queued.length > 0 ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiters.push(resolve)),
          errored,
        ]),
    };
  }

  it('each worker has its own registry and runs its own SQLite queries', { timeout: 10_000 }, async (t) => {
    const file = dbFile();
    const registering = startWorker(
      `(async () => {
         pluginRegistry.register('Fake:worker', { connector: 'Fake:worker', createPool: () => ({}) });
         const pool = rootDumbo({ connectionString: workerData.file });
         await pool.execute.command(SQL\`CREATE TABLE IF NOT EXISTS t (v TEXT)\`);
         await pool.execute.command(SQL\`INSERT INTO t (v) VALUES (\${'from A'})\`);
         const { rows } = await pool.execute.query(SQL\`SELECT \${20} + \${1} AS v\`);
         parentPort.postMessage({ has: pluginRegistry.has('Fake:worker'), list: pluginRegistry.list(), v: rows[0].v });
         await new Promise((resolve) => parentPort.once('message', resolve));
         await pool.close();
       })();`,
      { file },
    );
    // A failed assertion must not leave a worker waiting forever (the file would hang).
    t.after(() => registering.worker.terminate());
    const a = await registering.next();
    assert.deepEqual(a, { has: true, list: ['SQLite:sqlite3', 'PostgreSQL:pg', 'Fake:worker'], v: 21 });

    // Registered in worker A: unknown to the main thread and to worker B.
    assert.equal(pluginRegistry.has('Fake:worker'), false);
    const other = startWorker(
      `(async () => {
         const pool = dumbo({ connectionString: ':memory:' });
         const { rows } = await pool.execute.query(SQL\`SELECT \${40} + \${2} AS v\`);
         const filePool = dumbo({ fileName: workerData.file });
         const { rows: fromA } = await filePool.execute.query(SQL\`SELECT v FROM t\`);
         parentPort.postMessage({ has: pluginRegistry.has('Fake:worker'), list: pluginRegistry.list(), v: rows[0].v, fromA });
         await pool.close();
         await filePool.close();
       })();`,
      { file },
    );
    t.after(() => other.worker.terminate());
    const b = await other.next();
    assert.deepEqual(b, { has: false, list: ['SQLite:sqlite3', 'PostgreSQL:pg'], v: 42, fromA: [{ v: 'from A' }] });

    registering.worker.postMessage('done');
    assert.equal(await registering.exited, 0);
    assert.equal(await other.exited, 0);
    assert.equal(pluginRegistry.has('Fake:worker'), false);
  });

  for (const how of ['process.exit()', 'terminate()']) {
    it(`a worker leaving by ${how} with an open pool and transaction does not crash the main thread`, { timeout: 10_000 }, async () => {
      const file = dbFile();
      const main = dumbo({ fileName: file });
      await main.execute.command(SQL`CREATE TABLE t (v TEXT)`);

      const leaving = startWorker(
        `(async () => {
           const pool = dumbo({ fileName: workerData.file });
           await pool.execute.command(SQL\`INSERT INTO t (v) VALUES ('committed')\`);
           const tx = pool.transaction();
           await tx.begin();
           await tx.execute.command(SQL\`INSERT INTO t (v) VALUES ('uncommitted')\`);
           parentPort.postMessage('in transaction');
           if (workerData.exit) process.exit(7);
           setInterval(() => {}, 1000); // keep running until terminated
         })();`,
        { file, exit: how === 'process.exit()' },
      );
      assert.equal(await leaving.next(), 'in transaction');
      if (how === 'terminate()') await leaving.worker.terminate();
      const code = await leaving.exited;
      if (how === 'process.exit()') assert.equal(code, 7);

      // The main thread goes on: the worker's connection is gone, its open
      // transaction rolled back, and the database is writable again.
      const { rows } = await main.execute.query(SQL`SELECT v FROM t ORDER BY rowid`);
      assert.deepEqual(rows, [{ v: 'committed' }]);
      await main.execute.command(SQL`INSERT INTO t (v) VALUES ('main')`);
      assert.deepEqual(
        (await main.execute.query(SQL`SELECT v FROM t ORDER BY rowid`)).rows,
        [{ v: 'committed' }, { v: 'main' }],
      );
      await main.close();
    });
  }
});
