// Where the PostgreSQL driver does its socket I/O: on the JS thread's libuv loop under
// Node (the default), on napi's tokio runtime with DUMBO_PG_IO=threads (and under Bun
// and Deno, see __test__/runtimes/smoke.mjs). Both paths answer the same; a bad value
// of the variable is an error naming it; a worker's loop closes with the worker.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import * as pg from '@event-driven-io/dumbo/pg';
import { SQL, single, ConnectionError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const require = createRequire(import.meta.url);
const nativePath = require.resolve('../../lib/native.cjs');
const { binding } = require(nativePath);
const TAG = 'pg_io_paths';
let url;
before(async () => {
  url = await createTestDatabase(TAG);
});
after(async () => {
  await dropTestDatabase(TAG);
});

/** Runs `code` (an ES module body) in a child Node with `env` added. */
const child = (code, env) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    cwd: new URL('../..', import.meta.url),
    timeout: 60_000,
  });

const probe = (connectionString) => `
  import { createRequire } from 'node:module';
  import * as pg from '@event-driven-io/dumbo/pg';
  import { SQL, single } from '@event-driven-io/dumbo';
  const { binding } = createRequire(import.meta.url)(${JSON.stringify(nativePath)});
  const native = binding.PgPool.open(${JSON.stringify(connectionString)});
  const pool = pg.dumbo({ connectionString: ${JSON.stringify(connectionString)} });
  try {
    const rows = await Promise.all([1, 2, 3].map((n) => single(pool.execute.query(SQL\`SELECT \${n}::int * 2 AS v\`))));
    console.log(JSON.stringify({ io: native.ioPath, values: rows.map((r) => r.v) }));
  } catch (e) {
    console.log(JSON.stringify({ error: e.name, message: e.message }));
  } finally {
    native.close();
    await pool.close();
  }
`;

describe('PostgreSQL I/O paths', () => {
  it('under Node on this platform pools do their I/O on the JS event loop', async () => {
    const native = binding.PgPool.open(url);
    try {
      assert.equal(native.ioPath, process.platform === 'win32' ? 'threads' : 'event-loop');
    } finally {
      native.close();
    }
  });

  it('results that arrive in many reads and after pauses come back whole, beside quick statements', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 2 });
    try {
      // Rows larger than the server's output buffer go out as they are made, with a
      // pause before each: the client's reads find the socket empty in between.
      const trickle = pool.execute.query(
        SQL`SELECT g, repeat(chr(64 + g), 100000) AS body, pg_sleep(0.02)::text AS slept FROM generate_series(1, 8) g`,
      );
      const bulk = pool.execute.query(
        SQL`SELECT g, md5(g::text) AS h, repeat('y', 300) AS pad FROM generate_series(1, 20000) g`,
      );
      const quick = await Promise.all(Array.from({ length: 20 }, (_, i) => single(pool.execute.query(SQL`SELECT ${i}::int AS i`))));
      assert.deepEqual(quick.map((r) => r.i), Array.from({ length: 20 }, (_, i) => i));
      const slow = await trickle;
      assert.equal(slow.rows.length, 8);
      slow.rows.forEach((row, i) => {
        assert.equal(row.g, i + 1);
        assert.equal(row.body, String.fromCharCode(65 + i).repeat(100000));
      });
      const big = await bulk;
      assert.equal(big.rows.length, 20000);
      assert.equal(big.rows[19999].g, 20000);
      assert.equal(big.rows[19999].pad.length, 300);
      assert.match(big.rows[12345].h, /^[0-9a-f]{32}$/);
    } finally {
      await pool.close();
    }
  });

  it('DUMBO_PG_IO=threads takes the threaded path, with the same answers', () => {
    for (const [value, io] of [['threads', 'threads'], ['event-loop', 'event-loop']]) {
      const r = child(probe(url), { DUMBO_PG_IO: value });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout.trim().split('\n').at(-1));
      assert.deepEqual(out, { io: process.platform === 'win32' ? 'threads' : io, values: [2, 4, 6] });
    }
  });

  it('an unknown DUMBO_PG_IO value is an InvalidOperationError naming the variable', () => {
    const r = child(
      `import * as pg from '@event-driven-io/dumbo/pg';
       import { SQL } from '@event-driven-io/dumbo';
       try {
         const pool = pg.dumbo({ connectionString: ${JSON.stringify(url)} });
         await pool.execute.query(SQL\`SELECT 1\`);
         console.log('no error');
       }
       catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`,
      { DUMBO_PG_IO: 'fibers' },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1));
    assert.equal(out.name, 'InvalidOperationError');
    assert.match(out.message, /DUMBO_PG_IO must be 'event-loop' or 'threads', got 'fibers'/);
  });

  it('a worker runs statements on its own loop; its sessions end when it exits, mid-transaction too', async () => {
    const app = `dumbo_io_worker_${process.pid}`;
    const connectionString = `${url}${url.includes('?') ? '&' : '?'}application_name=${app}`;
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       (async () => {
         const pg = require('@event-driven-io/dumbo/pg');
         const { SQL, single } = require('@event-driven-io/dumbo');
         const pool = pg.dumbo({ connectionString: workerData });
         const sums = await Promise.all([1, 2, 3, 4].map((n) => single(pool.execute.query(SQL\`SELECT \${n}::int + 1 AS v\`))));
         const conn = await pool.connection();
         await conn.execute.command(SQL\`BEGIN\`);
         await conn.execute.command(SQL\`CREATE TEMP TABLE t (v int)\`);
         parentPort.postMessage(sums.map((r) => r.v));
       })().catch((e) => parentPort.postMessage(String(e)));`,
      { eval: true, workerData: connectionString, env: process.env },
    );
    const values = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    assert.deepEqual(values, [2, 3, 4, 5]);
    await worker.terminate();
    const admin = pg.dumbo({ connectionString: url });
    try {
      let left = -1;
      for (let i = 0; i < 50 && left !== 0; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        const row = await single(
          admin.execute.query(SQL`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${app}`),
        );
        left = row.n;
      }
      assert.equal(left, 0, 'the worker left sessions open');
      // The main thread's own pools are unaffected.
      assert.equal((await single(admin.execute.query(SQL`SELECT 41 + 1 AS v`))).v, 42);
    } finally {
      await admin.close();
    }
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('connecting on the event loop', () => {
  const withHosts = (hosts) => url.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)[^/?#]*/, `$1${hosts}`);
  const serverPort = () => new URL(url).port || '5432';
  const answer = async (connectionString) => {
    const pool = pg.dumbo({ connectionString });
    try {
      return (await single(pool.execute.query(SQL`SELECT 6 * 7 AS v`))).v;
    } finally {
      await pool.close();
    }
  };

  it('connects by IP address and by host name (each address the name has is tried in turn)', async () => {
    const port = serverPort();
    // `localhost` may list ::1 first, where this server need not listen.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      assert.equal(await answer(withHosts(host)), 42, host);
    }
  });

  it('a refused connection is a ConnectionError naming the endpoint', async () => {
    const port = await closedPort();
    await assert.rejects(answer(withHosts(`127.0.0.1:${port}`)), (error) => {
      assert.ok(error instanceof ConnectionError, `${error?.name}: ${error?.message}`);
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      return true;
    });
  });

  it('a host list skips a refused host and connects to the next', async () => {
    const refused = await closedPort();
    assert.equal(await answer(withHosts(`127.0.0.1:${refused},127.0.0.1:${serverPort()}`)), 42);
  });
});

describe('a connection reset on the event loop', () => {
  // A TCP proxy to the test server, in the same process as the pool: once armed, it
  // passes the first bytes of the server's next answer and resets the client's
  // connection in the same turn, so the client finds data and the reset pending
  // together. In a child process, so that a hang fails the test instead of the run.
  const code = (target) => `
    import { createServer, connect } from 'node:net';
    import * as pg from '@event-driven-io/dumbo/pg';
    import { SQL, single, ConnectionError } from '@event-driven-io/dumbo';
    const target = new URL(${JSON.stringify(target)});
    let armed = false;
    const server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream);
      upstream.on('data', (chunk) => {
        if (!armed) return void client.write(chunk);
        armed = false;
        client.write(chunk.subarray(0, 3));
        client.resetAndDestroy();
        upstream.destroy();
      });
      for (const s of [client, upstream]) s.on('error', () => {});
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const viaProxy = new URL(target);
    viaProxy.host = '127.0.0.1:' + server.address().port;
    const pool = pg.dumbo({ connectionString: viaProxy.href, max: 1 });
    const seen = [(await single(pool.execute.query(SQL\`SELECT 1 AS v\`))).v];
    for (let round = 0; round < 3; round++) {
      armed = true;
      const error = await pool.execute.query(SQL\`SELECT 2 AS v\`).then(() => null, (e) => e);
      seen.push(error instanceof ConnectionError ? 'ConnectionError' : String(error?.name ?? error));
      seen.push((await single(pool.execute.query(SQL\`SELECT 3 AS v\`))).v);
    }
    await pool.close();
    server.close();
    console.log(JSON.stringify(seen));
  `;

  it('a statement whose answer is cut by a reset rejects with ConnectionError (no hang); the next one succeeds', () => {
    const r = child(code(url), {});
    assert.equal(r.error, undefined, `the child did not finish: ${r.error?.message}`);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').at(-1)), [1, 'ConnectionError', 3, 'ConnectionError', 3, 'ConnectionError', 3]);
  });
});

describe('closing a pool on the event loop', () => {
  it('waits for its connections to end, one still checked out when it is released', async () => {
    const native = binding.PgPool.open(`${url}${url.includes('?') ? '&' : '?'}application_name=dumbo_io_close`);
    const idle = await native.connect();
    const held = await native.connect();
    await Promise.all([idle, held].map((c) => c.execute('SELECT 1', null, [])));
    idle.release(false);
    assert.equal(native.close(), true, 'the last user closes the shared pool');
    let ended = false;
    const terminated = native.terminated().then(() => {
      ended = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(ended, false, 'a connection is still checked out');
    held.release(false);
    await terminated;
    assert.equal(native.status().size, 0);
  });

  it('the wait is bounded when a connection is never released (the process exits)', () => {
    const code = `
      import { createRequire } from 'node:module';
      const { binding } = createRequire(import.meta.url)(${JSON.stringify(nativePath)});
      const native = binding.PgPool.open(${JSON.stringify(url)});
      const held = await native.connect();
      await held.execute('SELECT 1', null, []);
      native.close();
      native.terminated().then(() => console.log('terminated'));
      console.log('closed');
    `;
    const r = child(code, {});
    assert.equal(r.error, undefined, `the process did not exit by itself: ${r.error?.message}`);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['closed', 'terminated']);
  });
});
