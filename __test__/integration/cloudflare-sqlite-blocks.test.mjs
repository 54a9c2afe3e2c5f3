// The SQLite building blocks /cloudflare exports (upstream's, for JS drivers; the same
// values as /sqlite's, except sqlitePool, sqliteConnection and sqliteAmbientConnectionPool,
// which here are upstream's generic ones), driven by a small SQLiteClient over
// better-sqlite3 on real SQLite files, as a plugin author writes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  SQL,
  JSONSerializer,
  UniqueConstraintError,
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

  it("/cloudflare's sqliteConnection is upstream's: 'Client' or 'PoolClient'", async () => {
    const released = [];
    const client = { ...betterSqliteClient(file('pool-client')), release: () => released.push(true) };
    const connection = cloudflare.sqliteConnection({
      driverType: DRIVER,
      type: 'PoolClient',
      sqliteClientFactory: () => client,
      connectionOptions: {},
      serializer: JSONSerializer,
    });
    assert.deepEqual((await connection.execute.query(SQL`SELECT ${1} AS one`)).rows, [{ one: 1 }]);
    await connection.close();
    assert.deepEqual(released, [true]);
    await client.close();
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

});
