// The generic factories over PostgreSQL: a small driver on node-postgres ('pg') built
// only on the public factories, as a plugin author would, against the run's server
// (a database of its own). Pins what needs a server with sessions: an ambient
// connection joins the caller's transaction, a bounded pool never holds more than
// maxConnections sessions, a singleton pool is one session, close ends them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  JSONSerializer,
  SQL,
  createAmbientConnection,
  createAmbientConnectionPool,
  createBoundedConnectionPool,
  createConnection,
  createSingletonConnectionPool,
  databaseTransaction,
  executeInNestedTransaction,
  sqlExecutor,
} from '@event-driven-io/dumbo';
import { pgFormatter } from '@event-driven-io/dumbo/postgresql';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'factories_pg';
const DRIVER = 'PostgreSQL:factory-test';
let url;

const run = async (client, sql) => {
  const { query, params } = pgFormatter.format(sql);
  const result = await client.query(query, params);
  return { rowCount: result.rowCount ?? 0, rows: result.rows };
};
const executor = () => ({
  driverType: DRIVER,
  formatter: pgFormatter,
  query: run,
  command: run,
  batchQuery: (client, sqls) => Promise.all(sqls.map((sql) => run(client, sql))),
  batchCommand: async (client, sqls) => {
    const results = [];
    for (const sql of sqls) results.push(await run(client, sql));
    return results;
  },
});
const initTransaction = (connection) => (clientPromise, options) => {
  const step = (text, end) => async (error) => {
    const client = await clientPromise;
    try {
      await client.query(text);
    } finally {
      if (end) await options?.close?.(client, error);
    }
  };
  const transaction = {
    driverType: DRIVER,
    connection: connection(),
    ...databaseTransaction({ begin: step('BEGIN'), commit: step('COMMIT', true), rollback: step('ROLLBACK', true) }, options),
    execute: sqlExecutor(executor(), { connect: () => clientPromise }),
    withTransaction: (handle, nested) => executeInNestedTransaction(transaction, handle, nested),
    _transactionOptions: options ?? {},
  };
  return transaction;
};
const parts = { driverType: DRIVER, initTransaction, executor, serializer: JSONSerializer };
const sessions = { opened: 0, ended: 0 };
const newConnection = () =>
  createConnection({
    ...parts,
    connect: async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'dumbo_factories_test' });
      await client.connect();
      sessions.opened++;
      return client;
    },
    close: async (client) => {
      sessions.ended++;
      await client.end();
    },
  });
const pid = async (executor) => (await executor.query(SQL`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
const names = async (executor) => (await executor.query(SQL`SELECT name FROM items ORDER BY name`)).rows.map((r) => r.name);

before(async () => {
  url = await createTestDatabase(TAG);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE items (name TEXT PRIMARY KEY)');
  await client.end();
});
after(() => dropTestDatabase(TAG));

describe('generic factories on PostgreSQL (node-postgres)', () => {
  it("an ambient connection over the caller's client joins the caller's transaction", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const pool = createAmbientConnectionPool({ driverType: DRIVER, connection: createAmbientConnection({ ...parts, client }) });
      await pool.execute.command(SQL`INSERT INTO items (name) VALUES (${'ambient'})`);
      await pool.withConnection((connection) => connection.execute.command(SQL`INSERT INTO items (name) VALUES (${'ambient2'})`));
      await pool.close();
      assert.equal(await pid(pool.execute), (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      await client.query('ROLLBACK');
      assert.deepEqual((await client.query('SELECT name FROM items')).rows, []);
    } finally {
      await client.end();
    }
  });

  it('a bounded pool uses at most maxConnections sessions, reuses them and ends them on close', async () => {
    const before = { ...sessions };
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection: newConnection, maxConnections: 2 });
    const pids = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO items (name) VALUES (${`b${i}`})`);
          await tx.execute.query(SQL`SELECT pg_sleep(0.02)`);
          return pid(tx.execute);
        }),
      ),
    );
    assert.ok(new Set(pids).size <= 2, `sessions used: ${new Set(pids).size}`);
    assert.deepEqual(await names(pool.execute), ['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
    assert.equal(sessions.opened - before.opened, 2);
    await pool.close();
    assert.equal(sessions.ended - before.ended, 2);
    await pool.close();
  });

  it('a singleton pool runs everything on one session; a rolled back transaction keeps nothing', async () => {
    const pool = createSingletonConnectionPool({ driverType: DRIVER, getConnection: newConnection });
    const first = await pid(pool.execute);
    await pool.withTransaction(async (tx) => {
      assert.equal(await pid(tx.execute), first);
      await tx.execute.command(SQL`INSERT INTO items (name) VALUES (${'undone'})`);
      return { success: false, result: undefined };
    });
    const tx = pool.transaction();
    await tx.begin();
    assert.equal(await pid(tx.execute), first);
    await tx.execute.command(SQL`INSERT INTO items (name) VALUES (${'manual'})`);
    await tx.rollback();
    await pool.withConnection(async (connection) => assert.equal(await pid(connection.execute), first));
    assert.ok(!(await names(pool.execute)).includes('undone'));
    assert.ok(!(await names(pool.execute)).includes('manual'));
    await pool.close();
  });
});
