// '@event-driven-io/dumbo/pg' helpers for node-postgres objects (upstream's names):
// isPg*, pgExecute, setPgTypeParser, pgSQLExecutor, pgConnection / pgTransaction, the
// pgAmbient*Pool builders, and the getPgPool / endPgPool cache.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import * as dumboPg from '@event-driven-io/dumbo/pg';
import { SQL, count, single, JSONSerializer, InvalidOperationError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const { dumbo } = dumboPg;
const TAG = 'pg_nodepg_helpers';
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

describe('node-postgres helpers', () => {
  it('isPgClient, isPgNativePool, isPgPoolClient tell the objects apart', async () => {
    const pgPool = new pg.Pool({ connectionString: url });
    const client = new pg.Client({ connectionString: url });
    try {
      const poolClient = await pgPool.connect();
      assert.equal(dumboPg.isPgNativePool(pgPool), true);
      assert.equal(dumboPg.isPgNativePool(client), false);
      assert.equal(dumboPg.isPgClient(client), true);
      assert.equal(dumboPg.isPgClient(pgPool), false);
      assert.equal(dumboPg.isPgClient(poolClient), true, 'a pool client is a pg.Client too');
      assert.equal(dumboPg.isPgPoolClient(poolClient), true);
      assert.equal(dumboPg.isPgPoolClient(client), false);
      poolClient.release();
    } finally {
      await pgPool.end();
    }
  });

  it('pgExecute lends a pg.Pool client and returns it; a client is used as it is', async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const result = await dumboPg.pgExecute(pgPool, async (client) => {
        assert.equal(dumboPg.isPgPoolClient(client), true);
        assert.equal(pgPool.idleCount, 0);
        return (await client.query('SELECT 7 AS n')).rows[0].n;
      });
      assert.equal(result, 7);
      assert.equal(pgPool.idleCount, 1, 'released');
      await withClient(async (client) => {
        assert.equal(await dumboPg.pgExecute(client, async (c) => c === client), true);
      });
    } finally {
      await pgPool.end();
    }
  });

  it('setPgTypeParser: int8 as BigInt with parseBigInts, json/jsonb through the serializer', async () => {
    await withClient(async (client) => {
      const revived = [];
      dumboPg.setPgTypeParser(client, {
        serializer: { serialize: JSON.stringify, deserialize: (text) => (revived.push(text), JSON.parse(text)) },
      });
      const { rows } = await client.query(`SELECT 5::int8 AS big, '{"a":1}'::jsonb AS b, '[2]'::json AS j`);
      assert.deepEqual(rows, [{ big: '5', b: { a: 1 }, j: [2] }]);
      assert.deepEqual(revived.sort(), ['[2]', '{"a": 1}']);
      dumboPg.setPgTypeParser(client, { parseBigInts: true, serializer: JSONSerializer });
      assert.equal((await client.query('SELECT 5::int8 AS big')).rows[0].big, 5n);
    });
    assert.throws(() => dumboPg.setPgTypeParser({}, { parseBigInts: true }), TypeError);
  });

  it('pgSQLExecutor runs Dumbo SQL on a client: batches, mapping, assertChanges, errors', async () => {
    await withClient(async (client) => {
      const executor = dumboPg.pgSQLExecutor({ serializer: JSONSerializer });
      assert.equal(executor.driverType, 'PostgreSQL:pg');
      assert.equal(executor.formatter, dumboPg.pgFormatter);
      const [a, b] = await executor.batchQuery(client, [SQL`SELECT ${1}::int AS n`, SQL`SELECT ${'x'} AS s`]);
      assert.deepEqual([a.rows, b.rows], [[{ n: 1 }], [{ s: 'x' }]]);
      const mapped = await executor.query(client, SQL`SELECT ${2}::int AS n`, { mapping: { n: (v) => v * 10 } });
      assert.deepEqual(mapped.rows, [{ n: 20 }]);
      await assert.rejects(
        executor.batchCommand(client, [SQL`UPDATE items SET v = v WHERE v = ${-1}`], { assertChanges: true }),
        (error) => error.errorType === 'BatchCommandNoChangesError' && error.statementIndex === 0,
      );
      await assert.rejects(executor.query(client, SQL`SELEC 1`), InvalidOperationError);
    });
  });

  it('pgClientConnection and pgTransaction: a rolled-back transaction, nested savepoints', async () => {
    await withClient(async (client) => {
      let closed = 0;
      const connection = dumboPg.pgConnection({
        type: 'Client',
        connect: async () => client,
        close: async () => {
          closed++;
        },
        serializer: JSONSerializer,
        transactionOptions: { allowNestedTransactions: true, useSavepoints: true },
      });
      assert.equal(connection.driverType, 'PostgreSQL:pg');
      assert.equal(await connection.open(), client);
      await connection.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${501})`);
        await tx.withTransaction(async (nested) => {
          await nested.execute.command(SQL`INSERT INTO items (v) VALUES (${502})`);
          return { success: false, result: undefined };
        });
        await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${503})`);
      });
      const values = (await native.execute.query(SQL`SELECT v FROM items WHERE v BETWEEN 501 AND 503 ORDER BY v`)).rows;
      assert.deepEqual(values.map((r) => r.v), [501, 503], 'only the nested level was undone');
      await connection.close();
      assert.equal(closed, 1);

      const tx = dumboPg.pgTransaction(() => connection, JSONSerializer)(Promise.resolve(client));
      await tx.begin();
      await tx.execute.command(SQL`INSERT INTO items (v) VALUES (${504})`);
      await tx.rollback();
      assert.equal(await committedCount(504), 0);
      assert.equal(tx.connection, connection);
    });
  });

  it('pgAmbientNativePool and pgAmbientClientPool build the same pools as dumbo({ pool }) / ({ client })', async () => {
    const pgPool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const poolPid = (await pgPool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const overPool = dumboPg.pgAmbientNativePool({ pool: pgPool, serializer: JSONSerializer });
      assert.equal(await pidOf(overPool), poolPid);
      await overPool.close();
      await withClient(async (client) => {
        const clientPid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        const overClient = dumboPg.pgAmbientClientPool({ client, serializer: JSONSerializer });
        assert.equal(await pidOf(overClient), clientPid);
        await overClient.close();
      });
    } finally {
      await pgPool.end();
    }
  });

  // endAllPgPools ends the native pools too: this test stays the last one of the file.
  it('getPgPool shares one pg.Pool per connection string and database; endPgPool counts users out', async () => {
    const first = dumboPg.getPgPool(url);
    const second = dumboPg.getPgPool({ connectionString: url });
    assert.equal(first, second, 'one pg.Pool for both users');
    assert.equal(dumboPg.isPgNativePool(first), true);
    assert.deepEqual((await first.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    await dumboPg.endPgPool({ connectionString: url });
    assert.equal(first.ended, false, 'one user left');
    await dumboPg.endPgPool({ connectionString: url });
    assert.equal(first.ended, true, 'the last user ended it');
    const third = dumboPg.getPgPool(url);
    assert.notEqual(third, first, 'a new pg.Pool after the old one ended');
    const other = dumboPg.getPgPool({ connectionString: url, database: 'postgres' });
    assert.notEqual(other, third, 'another database is another pool');
    await dumboPg.endPgPool({ connectionString: url, force: true });
    assert.equal(third.ended, true, 'force ends it while users remain');
    await dumboPg.endAllPgPools();
    assert.equal(other.ended, true, 'endAllPgPools ends cached pg.Pools too');
  });
});
