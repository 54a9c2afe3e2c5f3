// '@event-driven-io/dumbo/pg' over node-postgres objects the caller owns: dumbo({ client })
// and dumbo({ pool }) run their statements on that pg.Client, pool client or pg.Pool, so
// they join its session and transaction; closing the Dumbo pool leaves the object open.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as dumboPg from '@event-driven-io/dumbo/pg';
import {
  SQL,
  count,
  single,
  dumbo as rootDumbo,
  JSONSerializer,
  SQLFormatter,
  registerFormatter,
  InvalidOperationError,
  UniqueConstraintError,
  DumboError,
} from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const { dumbo } = dumboPg;
const TAG = 'pg_nodepg';
let url;
let native;

before(async () => {
  url = await createTestDatabase(TAG);
  native = dumbo({ connectionString: url });
  await native.execute.command(SQL`CREATE TABLE items (id serial PRIMARY KEY, v int UNIQUE, doc jsonb)`);
});
after(async () => {
  await native?.close();
  await dropTestDatabase(TAG);
});

/** Rows with v = value, read on the native driver's own session (committed data only). */
const committedCount = (value) => count(native.execute.query(SQL`SELECT count(*) AS count FROM items WHERE v = ${value}`));
const pidOf = async (executor) => (await single(executor.execute.query(SQL`SELECT pg_backend_pid() AS pid`))).pid;

async function withClient(fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('dumbo({ client }) with a pg.Client', () => {
  it("joins the client's transaction: rolled back on the client, the row is gone", async () => {
    await withClient(async (client) => {
      await client.query('BEGIN');
      const pool = dumbo({ connectionString: url, client });
      await pool.execute.command(SQL`INSERT INTO items (v) VALUES (${101})`);
      const seen = await client.query('SELECT count(*)::int AS n FROM items WHERE v = 101');
      assert.equal(seen.rows[0].n, 1, 'the insert is visible inside the client transaction');
      assert.equal(await committedCount(101), 0, 'not committed while the client transaction is open');
      await client.query('ROLLBACK');
      assert.equal(await committedCount(101), 0, 'the rollback on the client undid the insert made through Dumbo');
      await pool.close();
    });
  });

  it('runs every statement on that session; closing the Dumbo pool leaves the client usable', async () => {
    await withClient(async (client) => {
      const clientPid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const pool = dumbo({ connectionString: url, client });
      assert.equal(await pidOf(pool), clientPid);
      await pool.withConnection(async (connection) => assert.equal(await pidOf(connection), clientPid));
      await pool.close();
      assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'client still open after pool.close()');
    });
  });

  it('withTransaction commits on the client (BEGIN/COMMIT sent on it) and rolls back on error', async () => {
    await withClient(async (client) => {
      const pool = dumbo({ connectionString: url, client });
      await pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO items (v) VALUES (${102})`));
      assert.equal(await committedCount(102), 1);
      await assert.rejects(
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${103})`);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await committedCount(103), 0);
      const rolledBack = await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${104})`);
        return { success: false, result: 'kept' };
      });
      assert.equal(rolledBack, 'kept');
      assert.equal(await committedCount(104), 0);
      await pool.close();
    });
  });

  it('transactionOptions reach BEGIN: isolation level and read only', async () => {
    await withClient(async (client) => {
      const pool = dumbo({ connectionString: url, client, transactionOptions: { isolationLevel: 'SERIALIZABLE' } });
      const level = await pool.withTransaction(async (tx) =>
        (await single(tx.execute.query(SQL`SELECT current_setting('transaction_isolation') AS level`))).level,
      );
      assert.equal(level, 'serializable');
      await assert.rejects(
        pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO items (v) VALUES (${105})`), { readonly: true }),
        (error) => error instanceof DumboError && /read-only transaction/.test(error.message),
      );
      await pool.close();
    });
  });

  it('a formatter the user registered for PostgreSQL formats the statements, as on the native driver', async () => {
    await withClient(async (client) => {
      const pool = dumbo({ connectionString: url, client });
      const seen = [];
      registerFormatter(
        'PostgreSQL',
        SQLFormatter({
          format: (sql, options) => {
            const formatted = dumboPg.pgFormatter.format(sql, options);
            seen.push(formatted.query);
            return formatted;
          },
        }),
      );
      try {
        assert.deepEqual((await pool.execute.query(SQL`SELECT ${5}::int AS n`)).rows, [{ n: 5 }]);
        assert.deepEqual(seen, ['SELECT $1::int AS n']);
      } finally {
        registerFormatter('PostgreSQL', dumboPg.pgFormatter);
      }
      await pool.execute.query(SQL`SELECT 1`);
      assert.equal(seen.length, 1, 'the built-in formatter is back');
      await pool.close();
    });
  });

  it('maps errors to the DumboError family and keeps the pg error', async () => {
    await withClient(async (client) => {
      const pool = dumbo({ connectionString: url, client });
      await pool.execute.command(SQL`INSERT INTO items (v) VALUES (${106})`);
      await assert.rejects(pool.execute.command(SQL`INSERT INTO items (v) VALUES (${106})`), (error) => {
        assert.ok(error instanceof UniqueConstraintError);
        assert.equal(error.innerError.code, '23505');
        assert.ok(error.innerError instanceof pg.DatabaseError);
        return true;
      });
      await assert.rejects(
        pool.execute.query(SQL`SELECT * FROM no_such_table`),
        (error) => error instanceof InvalidOperationError && error.innerError.code === '42P01',
      );
      await pool.close();
    });
  });

  it("rows are node-postgres' (its type parsers); params are formatted by the PostgreSQL formatter", async () => {
    await withClient(async (client) => {
      const pool = dumbo({ connectionString: url, client });
      await pool.execute.command(SQL`INSERT INTO items (v, doc) VALUES (${107}, ${{ a: [1, 2], b: 'x' }})`);
      const row = await single(
        pool.execute.query(SQL`SELECT doc, count(*) OVER () AS total FROM items WHERE ${SQL.in('v', [107, 999])}`),
      );
      assert.deepEqual(row.doc, { a: [1, 2], b: 'x' });
      assert.equal(row.total, '1', 'int8 stays a string without setPgTypeParser (node-postgres default)');
      dumboPg.setPgTypeParser(client, { parseBigInts: true, serializer: JSONSerializer });
      const parsed = await single(pool.execute.query(SQL`SELECT count(*) AS total FROM items WHERE v = ${107}`));
      assert.equal(parsed.total, 1n);
      await pool.close();
    });
  });
});

describe('dumbo({ client }) with a pool client', () => {
  it("joins the pool client's transaction: rolled back on it, the row is gone", async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const poolClient = await pgPool.connect();
      assert.equal(dumboPg.isPgPoolClient(poolClient), true);
      await poolClient.query('BEGIN');
      const pool = dumbo({ connectionString: url, client: poolClient });
      await pool.execute.command(SQL`INSERT INTO items (v) VALUES (${201})`);
      await pool.close();
      await poolClient.query('ROLLBACK');
      assert.equal(await committedCount(201), 0);
      poolClient.release();
      assert.equal(pgPool.idleCount, 1, 'closing the Dumbo pool did not release or end the pool client');
    } finally {
      await pgPool.end();
    }
  });
});

describe('dumbo({ pool }) with a pg.Pool', () => {
  it("runs on the pg.Pool's clients and returns them; closing the Dumbo pool leaves the pg.Pool open", async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const poolPid = (await pgPool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const pool = dumbo({ connectionString: url, pool: pgPool });
      assert.equal(await pidOf(pool), poolPid, 'pool.execute borrows the pg.Pool client');
      assert.equal(pgPool.idleCount, 1, 'and gives it back');
      await pool.withConnection(async (connection) => assert.equal(await pidOf(connection), poolPid));
      assert.equal(pgPool.idleCount, 1);
      await pool.close();
      assert.equal(pgPool.ended, false);
      assert.deepEqual((await pgPool.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    } finally {
      await pgPool.end();
    }
  });

  it('many concurrent statements share a small pg.Pool; every client goes back', async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const pool = dumbo({ connectionString: url, pool: pgPool });
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => single(pool.execute.query(SQL`SELECT ${i}::int AS i, pg_sleep(0.005)`))),
      );
      assert.deepEqual(results.map((row) => row.i), Array.from({ length: 24 }, (_, i) => i));
      assert.ok(pgPool.totalCount <= 2);
      assert.equal(pgPool.idleCount, pgPool.totalCount);
      assert.equal(pgPool.waitingCount, 0);
      await pool.close();
    } finally {
      await pgPool.end();
    }
  });

  it('a transaction holds one pg.Pool client from BEGIN to COMMIT or ROLLBACK', async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const pool = dumbo({ connectionString: url, pool: pgPool });
      await assert.rejects(
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${301})`);
          assert.equal(pgPool.totalCount - pgPool.idleCount, 1, 'one client checked out for the transaction');
          assert.equal(await count(tx.execute.query(SQL`SELECT count(*) AS count FROM items WHERE v = ${301}`)), 1);
          throw new Error('undo');
        }),
        /undo/,
      );
      assert.equal(await committedCount(301), 0);
      assert.equal(pgPool.idleCount, pgPool.totalCount, 'the client went back after ROLLBACK');
      const tx = pool.transaction();
      await tx.begin();
      await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${302})`);
      await tx.commit();
      assert.equal(await committedCount(302), 1);
      assert.equal(pgPool.idleCount, pgPool.totalCount);
      await pool.close();
    } finally {
      await pgPool.end();
    }
  });

  it("root dumbo() with a pg.Pool uses it: by connection string, driverType, or driver as Pongo passes it", async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const poolPid = (await pgPool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const pool = rootDumbo({ connectionString: url, pool: pgPool });
      assert.equal(await pidOf(pool), poolPid);
      await pool.close();
      const byDriverType = rootDumbo({ driverType: 'PostgreSQL:pg', pool: pgPool });
      assert.equal(await pidOf(byDriverType), poolPid);
      await byDriverType.close();
      // What Pongo's PostgreSQL driver passes: the driver object, its connection options, a serializer.
      const asPongo = rootDumbo({
        connectionString: url,
        driver: dumboPg.pgDumboDriver,
        pool: pgPool,
        transactionOptions: { allowNestedTransactions: true },
        serialization: { serializer: undefined },
      });
      assert.equal(await pidOf(asPongo), poolPid);
      await asPongo.close();
    } finally {
      await pgPool.end();
    }
  });
});

describe('options with node-postgres objects', () => {
  it('an option the caller object makes meaningless is an InvalidOperationError naming it', async () => {
    const pgPool = new pg.Pool({ connectionString: url });
    try {
      const refused = (pattern) => (error) => error instanceof InvalidOperationError && pattern.test(error.message);
      assert.throws(() => dumbo({ connectionString: url, pool: pgPool, max: 3 }), refused(/'max'/));
      assert.throws(
        () => dumbo({ connectionString: url, pool: pgPool, connectionTimeoutMillis: 10 }),
        refused(/'connectionTimeoutMillis'/),
      );
      assert.throws(() => dumbo({ connectionString: url, pool: pgPool, pooled: false }), refused(/'pooled: false'/));
      assert.throws(() => dumbo({ client: new pg.Client(), pool: pgPool }), refused(/'client' and 'pool'/));
      assert.throws(
        () => dumbo({ connectionString: url, pool: pgPool, database: 'another_db' }),
        refused(/'database' \('another_db'\) differs/),
      );
      assert.throws(() => dumbo({ connectionString: url, client: { query: 1 } }), TypeError);
      assert.throws(() => dumbo({ connectionString: url, pool: {} }), TypeError);
    } finally {
      await pgPool.end();
    }
  });

  it("is upstream's PgPoolOptions otherwise: connectionString, database, pooled: true, serialization", async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const database = new URL(url).pathname.slice(1);
      const seen = [];
      const serializer = {
        serialize: (value) => {
          seen.push(value);
          return JSONSerializer.serialize(value);
        },
        deserialize: (text) => JSONSerializer.deserialize(text),
      };
      const pool = dumbo({ connectionString: url, database, pool: pgPool, pooled: true, serialization: { serializer } });
      await pool.execute.command(SQL`INSERT INTO items (v, doc) VALUES (${401}, ${{ via: 'custom' }})`);
      assert.deepEqual(seen, [{ via: 'custom' }], "the pool's serializer formats JSON params");
      await pool.close();
    } finally {
      await pgPool.end();
    }
  });
});
