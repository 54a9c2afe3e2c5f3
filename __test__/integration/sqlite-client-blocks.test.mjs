// Upstream's SQLite building blocks for JS drivers (sqliteClientConnection,
// sqliteTransaction, sqlitePool, ...), exported by /sqlite and /cloudflare, driven by a
// small SQLiteClient over better-sqlite3 on real SQLite files, as a plugin author writes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  SQL,
  JSONSerializer,
  InvalidOperationError,
  UniqueConstraintError,
  DumboError,
} from '@event-driven-io/dumbo';
import * as sqlite from '@event-driven-io/dumbo/sqlite';
import * as cloudflare from '@event-driven-io/dumbo/cloudflare';

const DRIVER = 'SQLite:blocks-test';
const BLOCKS = [
  'sqliteSQLExecutor',
  'sqliteExecute',
  'sqliteTransaction',
  'sqliteAmbientClientConnection',
  'sqliteClientConnection',
  'sqlitePoolClientConnection',
  'sqliteSingletonConnectionPool',
  'sqliteAlwaysNewConnectionPool',
  'toSqlitePoolOptions',
];

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-sqlite-blocks-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name) => path.join(dir, `${name}.db`);

/** A SQLiteClient: connect/close plus the four executor methods, SQL via sqliteFormatter. */
function betterSqliteClient(fileName, counters = { opened: 0, closed: 0 }) {
  let db = null;
  const run = (sql) => {
    const { query, params } = cloudflare.sqliteFormatter.format(sql);
    const statement = db.prepare(query);
    const values = params.map((v) => (typeof v === 'boolean' ? Number(v) : v));
    if (statement.reader) {
      const rows = statement.all(...values);
      return { rowCount: rows.length, rows };
    }
    return { rowCount: statement.run(...values).changes, rows: [] };
  };
  return {
    connect: async () => {
      db = new Database(fileName);
      counters.opened++;
    },
    close: async () => {
      db?.close();
      db = null;
      counters.closed++;
    },
    query: async (sql) => run(sql),
    batchQuery: async (sqls) => sqls.map(run),
    command: async (sql) => run(sql),
    batchCommand: async (sqls) => sqls.map(run),
  };
}

const clientConnectionFactory = (fileName, counters) => (connectionOptions) =>
  cloudflare.sqliteClientConnection({
    driverType: DRIVER,
    type: 'Client',
    sqliteClientFactory: () => betterSqliteClient(fileName, counters),
    connectionOptions,
    serializer: JSONSerializer,
  });

describe('SQLite building blocks for JS clients', () => {
  it('are exported by /sqlite and /cloudflare alike', () => {
    for (const name of BLOCKS) {
      assert.equal(typeof cloudflare[name], 'function', `/cloudflare ${name}`);
      assert.equal(sqlite[name], cloudflare[name], `/sqlite ${name}`);
    }
  });

  it('sqliteClientConnection connects lazily, maps errors and closes its client', async () => {
    const counters = { opened: 0, closed: 0 };
    const connection = clientConnectionFactory(file('client'), counters)({});
    assert.equal(counters.opened, 0);
    await connection.execute.command(SQL`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)`);
    await connection.execute.command(SQL`INSERT INTO t (name) VALUES (${'a'})`);
    await assert.rejects(connection.execute.command(SQL`INSERT INTO t (name) VALUES (${'a'})`), UniqueConstraintError);
    const { rows } = await connection.execute.query(SQL`SELECT name FROM t`, {
      mapping: { name: (value) => value.toUpperCase() },
    });
    assert.deepEqual(rows, [{ name: 'A' }]);
    assert.equal(counters.opened, 1);
    await connection.close();
    assert.equal(counters.closed, 1);
  });

  it('sqliteTransaction commits, rolls back, and with savepoints undoes only nested work', async () => {
    const connection = clientConnectionFactory(file('tx'))({
      transactionOptions: { allowNestedTransactions: true, useSavepoints: true },
    });
    await connection.execute.command(SQL`CREATE TABLE t (id INTEGER)`);
    await connection.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO t VALUES (1)`);
    });
    await assert.rejects(
      connection.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO t VALUES (99)`);
        throw new Error('undo');
      }),
      /undo/,
    );
    await connection.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO t VALUES (2)`);
      await tx.withTransaction(async (inner) => {
        await inner.execute.command(SQL`INSERT INTO t VALUES (3)`);
        return { success: false, result: undefined };
      });
      await tx.execute.command(SQL`INSERT INTO t VALUES (4)`);
    });
    const { rows } = await connection.execute.query(SQL`SELECT id FROM t ORDER BY id`);
    assert.deepEqual(rows.map((r) => r.id), [1, 2, 4]);
    await connection.close();
  });

  it('sqliteTransaction refuses nesting unless allowed', async () => {
    const connection = clientConnectionFactory(file('nest'))({});
    await assert.rejects(
      connection.withTransaction((tx) => tx.withTransaction(async () => {})),
      (error) => error instanceof InvalidOperationError && /nested transaction/.test(error.message),
    );
    await connection.close();
  });

  it('sqliteAmbientClientConnection runs on a caller-owned client and leaves it open', async () => {
    const counters = { opened: 0, closed: 0 };
    const client = betterSqliteClient(file('ambient'), counters);
    await client.connect();
    const connection = cloudflare.sqliteAmbientClientConnection({
      driverType: DRIVER,
      client,
      serializer: JSONSerializer,
      errorMapper: (error) => new DumboError({ errorCode: 418, message: `mapped: ${error.message}` }),
    });
    await connection.execute.command(SQL`CREATE TABLE t (id INTEGER UNIQUE)`);
    await connection.execute.command(SQL`INSERT INTO t VALUES (1)`);
    await assert.rejects(connection.execute.command(SQL`INSERT INTO t VALUES (1)`), (error) => error.errorCode === 418);
    await connection.close();
    assert.equal(counters.closed, 0);
    assert.deepEqual((await connection.execute.query(SQL`SELECT id FROM t`)).rows, [{ id: 1 }]);
    await client.close();
  });

  it('sqlitePool: singleton shares one connection, always-new opens one per use, ambient reuses the given one', async () => {
    const singletonCounters = { opened: 0, closed: 0 };
    const singleton = cloudflare.sqlitePool({
      driverType: DRIVER,
      singleton: true,
      sqliteConnectionFactory: clientConnectionFactory(file('singleton'), singletonCounters),
      connectionOptions: {},
    });
    await singleton.execute.command(SQL`CREATE TABLE t (id INTEGER)`);
    await singleton.execute.command(SQL`INSERT INTO t VALUES (1)`);
    assert.deepEqual((await singleton.execute.query(SQL`SELECT count(*) AS n FROM t`)).rows, [{ n: 1 }]);
    assert.equal(singletonCounters.opened, 1);
    await singleton.close();
    assert.equal(singletonCounters.closed, 1);

    const alwaysNewCounters = { opened: 0, closed: 0 };
    const alwaysNew = cloudflare.sqlitePool({
      driverType: DRIVER,
      sqliteConnectionFactory: clientConnectionFactory(file('always-new'), alwaysNewCounters),
      connectionOptions: {},
    });
    await alwaysNew.execute.command(SQL`CREATE TABLE t (id INTEGER)`);
    await alwaysNew.execute.query(SQL`SELECT * FROM t`);
    assert.equal(alwaysNewCounters.opened, 2);
    assert.equal(alwaysNewCounters.closed, 2);
    await alwaysNew.close();

    const connection = clientConnectionFactory(file('ambient-pool'))({});
    const ambient = cloudflare.sqlitePool({ driverType: DRIVER, connection });
    await ambient.execute.command(SQL`CREATE TABLE t (id INTEGER)`);
    await ambient.close();
    assert.deepEqual((await connection.execute.query(SQL`SELECT count(*) AS n FROM t`)).rows, [{ n: 0 }]);
    await connection.close();
  });

  it('toSqlitePoolOptions makes in-memory databases and given clients singletons', () => {
    assert.equal(cloudflare.toSqlitePoolOptions({ fileName: ':memory:' }).singleton, true);
    assert.equal(cloudflare.toSqlitePoolOptions({ fileName: 'x.db', client: {} }).singleton, true);
    assert.equal(cloudflare.toSqlitePoolOptions({ fileName: 'x.db', singleton: true }).singleton, true);
    assert.equal('singleton' in cloudflare.toSqlitePoolOptions({ fileName: 'x.db', singleton: false }), false);
  });

  it('sqliteExecute closes the client after the handler, also when it throws', async () => {
    const counters = { opened: 0, closed: 0 };
    const client = betterSqliteClient(file('execute'), counters);
    await client.connect();
    assert.deepEqual(await cloudflare.sqliteExecute(client, async (c) => (await c.query(SQL`SELECT 1 AS one`)).rows), [{ one: 1 }]);
    assert.equal(counters.closed, 1);
    await client.connect();
    await assert.rejects(cloudflare.sqliteExecute(client, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(counters.closed, 2);
  });
});
