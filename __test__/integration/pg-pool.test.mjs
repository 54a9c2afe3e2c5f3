// PostgreSQL pools and connections: shared native pools, exhaustion, pooled: false,
// connection failures, checkConnection, transaction options.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as pg from '@event-driven-io/dumbo/pg';
import { SQL, single, ConnectionError, InvalidOperationError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase, testDatabaseName } from '../support/postgres.mjs';

const { dumbo, checkConnection } = pg;
const TAG = 'pg_pool';
let url;
before(async () => {
  url = await createTestDatabase(TAG);
  const setup = dumbo({ connectionString: url });
  await setup.execute.command(SQL`CREATE TABLE items (id serial PRIMARY KEY, v int)`);
  await setup.close();
});
after(async () => {
  await dropTestDatabase(TAG);
});

const withParam = (base, key, value) => {
  const u = new URL(base);
  u.searchParams.set(key, value);
  return u.toString();
};

const backendPids = async (pool, n) => {
  const pids = new Set();
  const conns = await Promise.all(Array.from({ length: n }, () => pool.connection()));
  for (const c of conns) pids.add((await single(c.execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid);
  await Promise.all(conns.map((c) => c.close()));
  return pids;
};

describe('shared native pools', () => {
  it('two dumbo() pools on one connection string share server sessions; the last close ends them', async () => {
    const a = dumbo({ connectionString: url, max: 2 });
    const b = dumbo({ connectionString: url, max: 2 });
    const fromA = await backendPids(a, 2);
    const fromB = await backendPids(b, 2);
    assert.deepEqual([...fromB].sort(), [...fromA].sort(), 'same two sessions serve both pools');
    await a.close();
    assert.deepEqual((await b.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }], 'b still works after a closed');
    await b.close();
    await assert.rejects(b.execute.query(SQL`SELECT 1`), (e) => e instanceof InvalidOperationError && e.message === 'Connection pool has been closed');
    const observer = dumbo({ connectionString: url, database: 'postgres' });
    try {
      const pids = [...fromA];
      // The sessions end when the server has processed their Terminate: a backend may
      // still be listed for a moment after close() returns, so poll (at most 2 s).
      let rows;
      for (let i = 0; i < 40; i++) {
        ({ rows } = await observer.execute.query(SQL`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE pid = ANY (${pids})`));
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(rows, [{ n: 0 }], 'the shared pool closed its sessions');
    } finally {
      await observer.close();
    }
  });

  it('an exhausted pool rejects after connectionTimeoutMillis with a ConnectionError, then recovers', async () => {
    const other = dumbo({ connectionString: withParam(url, 'application_name', 'exhaust'), max: 1, connectionTimeoutMillis: 200 });
    try {
      const held = await other.connection();
      await held.execute.query(SQL`SELECT 1`);
      const started = Date.now();
      const error = await other.execute.query(SQL`SELECT 1`).then(() => assert.fail('expected a rejection'), (e) => e);
      assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.match(error.message, /exhausted/);
      assert.ok(Date.now() - started < 5000);
      await held.close();
      assert.deepEqual((await other.execute.query(SQL`SELECT 2 AS two`)).rows, [{ two: 2 }]);
    } finally {
      await other.close();
    }
  });

  it('waiting calls proceed when a connection is released', async () => {
    const pool = dumbo({ connectionString: withParam(url, 'application_name', 'waiters'), max: 1, connectionTimeoutMillis: 5000 });
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => pool.execute.query(SQL`SELECT ${i}::int AS i, pg_sleep(0.01)`)),
      );
      assert.deepEqual(results.map((r) => r.rows[0].i), [...Array(10).keys()]);
    } finally {
      await pool.close();
    }
  });
});

describe('pooled: false', () => {
  it('every connection is its own session, closed with it', async () => {
    const pool = dumbo({ connectionString: url, pooled: false });
    try {
      const a = await pool.connection();
      const b = await pool.connection();
      const pa = (await single(a.execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid;
      const pb = (await single(b.execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid;
      assert.notEqual(pa, pb);
      await a.close();
      await b.close();
      await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${7})`);
      });
      assert.equal((await single(pool.execute.query(SQL`SELECT COUNT(*)::int AS n FROM items WHERE v = 7`))).n, 1);
    } finally {
      await pool.close();
    }
  });
});

describe('connecting', () => {
  it('a server that is not there: ConnectionError naming host and port, never the password', async () => {
    const pool = dumbo({ connectionString: 'postgresql://someone:s3cr3t-pw@127.0.0.1:1/db', connectTimeoutMillis: 3000 });
    try {
      const error = await pool.execute.query(SQL`SELECT 1`).then(() => assert.fail('expected a rejection'), (e) => e);
      assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.match(error.message, /127\.0\.0\.1:1/);
      assert.doesNotMatch(error.message, /s3cr3t/);
      assert.doesNotMatch(String(error.stack), /s3cr3t/);
    } finally {
      await pool.close();
    }
  });

  it('an unknown database is a ConnectionError with code 3D000', async () => {
    const pool = dumbo({ connectionString: url, database: 'dumbo_no_such_database' });
    try {
      const error = await pool.execute.query(SQL`SELECT 1`).then(() => assert.fail('expected a rejection'), (e) => e);
      assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.code, '3D000');
    } finally {
      await pool.close();
    }
  });

  it('several hosts: an unreachable first host falls over to the next (target_session_attrs=any)', async () => {
    const u = new URL(url);
    const hosts = `127.0.0.1:1,${u.hostname}:${u.port || 5432}`;
    const multi = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${hosts}${u.pathname}?target_session_attrs=any&connect_timeout=5`;
    const pool = dumbo({ connectionString: multi });
    try {
      assert.deepEqual((await pool.execute.query(SQL`SELECT current_database() AS db`)).rows, [{ db: testDatabaseName(TAG) }]);
    } finally {
      await pool.close();
    }
  });

  it('the database option overrides the path of the connection string', async () => {
    const pool = dumbo({ connectionString: url.replace(/\/[^/?]+(\?|$)/, '/postgres$1'), database: testDatabaseName(TAG) });
    try {
      assert.deepEqual((await pool.execute.query(SQL`SELECT current_database() AS db`)).rows, [{ db: testDatabaseName(TAG) }]);
    } finally {
      await pool.close();
    }
  });

  it('checkConnection reports success, refusal, and never throws', async () => {
    assert.deepEqual(await checkConnection(url), { successful: true });
    const refused = await checkConnection('postgresql://postgres:pw@127.0.0.1:1/x');
    assert.equal(refused.successful, false);
    assert.equal(refused.errorType, 'ConnectionRefused');
    assert.ok(refused.error instanceof ConnectionError);
  });

  it('bad options are TypeErrors naming the option; bad strings are InvalidOperationErrors without the password', () => {
    assert.throws(() => dumbo({ connectionString: url, max: 0 }), (e) => e instanceof TypeError && /'max'/.test(e.message));
    assert.throws(() => dumbo({ connectionString: url, pooled: 'yes' }), (e) => e instanceof TypeError && /'pooled'/.test(e.message));
    assert.throws(
      () => dumbo({ connectionString: url, transactionOptions: { isolationLevel: 'SOMETIMES' } }),
      (e) => e instanceof TypeError && /SOMETIMES/.test(e.message),
    );
    assert.throws(
      () => dumbo({ connectionString: 'mysql://u:hunter2@h/db' }),
      (e) => e instanceof InvalidOperationError && !/hunter2/.test(e.message) && /mysql:\/\/u:\*\*\*@h\/db/.test(e.message),
    );
    assert.throws(
      () => dumbo({ connectionString: 'postgresql://u:hunter2@h/db?sslmode=sometimes' }),
      (e) => e instanceof InvalidOperationError && !/hunter2/.test(e.message),
    );
  });
});

describe('transactionOptions', () => {
  it('isolationLevel and readonly from the pool apply to every transaction; per call overrides', async () => {
    const pool = dumbo({ connectionString: url, transactionOptions: { isolationLevel: 'REPEATABLE READ' } });
    try {
      const level = await pool.withTransaction(async (tx) =>
        (await single(tx.execute.query(SQL`SHOW transaction_isolation`))).transaction_isolation,
      );
      assert.equal(level, 'repeatable read');
      const ro = await pool.withTransaction(
        async (tx) => (await single(tx.execute.query(SQL`SHOW transaction_read_only`))).transaction_read_only,
        { readonly: true, isolationLevel: 'SERIALIZABLE' },
      );
      assert.equal(ro, 'on');
    } finally {
      await pool.close();
    }
  });
});

describe('process lifecycle', () => {
  it('an open pool and a checked-out connection do not keep the process alive', () => {
    const source = `
      import { dumbo } from '@event-driven-io/dumbo/pg';
      import { SQL } from '@event-driven-io/dumbo';
      const pool = dumbo({ connectionString: process.env.TARGET_URL });
      const held = await pool.connection();
      await held.execute.query(SQL\`SELECT 1\`);
      const { rows } = await pool.execute.query(SQL\`SELECT 2 AS two\`);
      console.log(JSON.stringify(rows));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
      cwd: new URL('../../', import.meta.url),
      env: { ...process.env, TARGET_URL: url },
      encoding: 'utf8',
      timeout: 15_000,
    });
    assert.equal(result.error, undefined, `the process did not exit by itself: ${result.error}`);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), '[{"two":2}]');
  });
});
