// upstream's SQLite building blocks in '/sqlite' and '/sqlite3' (sqlite3Client,
// sqlite3Connection, sqlite*Connection, sqliteTransaction, the pools) over this
// package's native SQLite driver, on real database files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  BatchCommandNoChangesError,
  DumboError,
  InvalidOperationError,
  JSONSerializer,
  SQL,
  UniqueConstraintError,
  sqlExecutor,
} from '@event-driven-io/dumbo';
import {
  sqliteAlwaysNewConnectionPool,
  sqliteAmbientClientConnection,
  sqliteClientConnection,
  sqliteConnection,
  sqliteExecute,
  sqliteFormatter,
  sqlitePool,
  sqlitePoolClientConnection,
  sqliteSQLExecutor,
  sqliteSingletonConnectionPool,
  sqliteTransaction,
  toSqlitePoolOptions,
} from '@event-driven-io/dumbo/sqlite';
import { sqlite3Client, sqlite3Connection } from '@event-driven-io/dumbo/sqlite3';

let dir;
let fileName;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-sqlite-factories-'));
  fileName = path.join(dir, 'f.db');
  const client = sqlite3Client({ fileName, serializer: JSONSerializer });
  await client.connect();
  await client.command(SQL`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE)`);
  await client.close();
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = async (executor) =>
  (await executor.query(SQL`SELECT name FROM items ORDER BY id`)).rows.map((row) => row.name);
const insert = (executor, name) => executor.command(SQL`INSERT INTO items (name) VALUES (${name})`);
const clear = (executor) => executor.command(SQL`DELETE FROM items`);

/** A SQLiteClient of another driver (better-sqlite3): the transaction sends its own SQL. */
function foreignClient(file, log = []) {
  let db;
  const run = async (sql) => {
    const { query, params } = sqliteFormatter.format(sql);
    log.push(query);
    const statement = db.prepare(query);
    if (statement.reader) {
      const rows = statement.all(...params);
      return { rowCount: rows.length, rows };
    }
    return { rowCount: statement.run(...params).changes, rows: [] };
  };
  return {
    log,
    connect: async () => void (db ??= new Database(file)),
    close: async () => db?.close(),
    release: () => log.push('released'),
    query: run,
    batchQuery: (sqls) => Promise.all(sqls.map(run)),
    command: run,
    batchCommand: (sqls) => Promise.all(sqls.map(run)),
    get open() {
      return db?.open ?? false;
    },
  };
}

describe('sqlite3Client', () => {
  it('runs statements on a native database and maps errors', async () => {
    const client = sqlite3Client({ fileName, serializer: JSONSerializer });
    await client.connect();
    await clear(client);
    assert.equal((await insert(client, 'a')).rowCount, 1);
    assert.equal((await client.command(SQL`UPDATE items SET name = 'a'`, { ignoreChangesCount: true })).rowCount, 0);
    await assert.rejects(insert(client, 'a'), UniqueConstraintError);
    await assert.rejects(
      client.batchCommand([SQL`UPDATE items SET name = 'b'`, SQL`DELETE FROM items WHERE id = -1`], { assertChanges: true }),
      (error) => error instanceof BatchCommandNoChangesError && error.statementIndex === 1,
    );
    assert.deepEqual(await names(client), ['b']);
    await client.close();
    await client.close();
  });
});

describe('sqlite3Connection / sqliteClientConnection', () => {
  it('opens its client lazily and closes it with the connection', async () => {
    let created = 0;
    const connection = sqliteClientConnection({
      type: 'Client',
      driverType: 'SQLite:sqlite3',
      connectionOptions: { fileName },
      serializer: JSONSerializer,
      sqliteClientFactory: (options) => (created++, sqlite3Client({ ...options, serializer: JSONSerializer })),
    });
    assert.equal(created, 0);
    await clear(connection.execute);
    await names(connection.execute);
    assert.equal(created, 1);
    await connection.close();
  });

  it('commits, rolls back and nests with savepoints on the native client', async () => {
    const connection = sqlite3Connection({ fileName, transactionOptions: { allowNestedTransactions: true, useSavepoints: true } });
    assert.equal(connection.driverType, 'SQLite:sqlite3');
    await clear(connection.execute);
    await connection.withTransaction(async (tx) => {
      await insert(tx.execute, '1');
      await tx.withTransaction(async (inner) => {
        await insert(inner.execute, '2');
        return { success: false, result: undefined };
      });
      await insert(tx.execute, '3');
    });
    await assert.rejects(
      connection.withTransaction(async (tx) => {
        await insert(tx.execute, '4');
        throw new Error('undo');
      }),
      /undo/,
    );
    assert.deepEqual(await names(connection.execute), ['1', '3']);
    await connection.close();
  });

  it('refuses nesting by default and rejects an unknown transaction mode', async () => {
    const connection = sqlite3Connection({ fileName });
    await assert.rejects(connection.withTransaction((tx) => tx.withTransaction(async () => {})), InvalidOperationError);
    await assert.rejects(connection.withTransaction(async () => {}, { mode: 'SOMETIMES' }), DumboError);
    await connection.close();
  });

  it('sends SQLite transaction statements through a client of another driver', async () => {
    const client = foreignClient(fileName);
    const connection = sqliteConnection({
      type: 'Client',
      driverType: 'SQLite:better-sqlite3',
      connectionOptions: { defaultTransactionMode: 'DEFERRED' },
      serializer: JSONSerializer,
      sqliteClientFactory: () => client,
    });
    await clear(connection.execute);
    await connection.withTransaction((tx) => insert(tx.execute, 'x'));
    assert.deepEqual(await names(connection.execute), ['x']);
    assert.ok(client.log.includes('BEGIN DEFERRED TRANSACTION'));
    assert.ok(client.log.includes('COMMIT'));
    await connection.close();
    assert.equal(client.open, false);
  });

  it("a client of another driver gets the native driver's default mode, savepoints and mode check", async () => {
    const client = foreignClient(fileName);
    const connection = sqliteConnection({
      type: 'Client',
      driverType: 'SQLite:better-sqlite3',
      connectionOptions: { transactionOptions: { allowNestedTransactions: true, useSavepoints: true } },
      serializer: JSONSerializer,
      sqliteClientFactory: () => client,
    });
    await clear(connection.execute);
    await connection.withTransaction((tx) => tx.withTransaction((nested) => insert(nested.execute, 'n')));
    assert.deepEqual(client.log.slice(1), [
      'BEGIN IMMEDIATE TRANSACTION',
      'SAVEPOINT transaction2',
      'INSERT INTO items (name) VALUES (?)',
      'RELEASE transaction2',
      'COMMIT',
    ]);
    const sent = client.log.length;
    await assert.rejects(
      connection.withTransaction(async () => {}, { mode: 'SOMETIMES' }),
      (error) => error instanceof InvalidOperationError && error.message === 'Unsupported SQLite transaction mode: SOMETIMES',
    );
    assert.ok(!client.log.slice(sent).some((q) => q.startsWith('BEGIN')), 'nothing was begun');
    await connection.close();
  });

  it('sqlitePoolClientConnection releases its client on close', async () => {
    const client = foreignClient(fileName);
    const connection = sqlitePoolClientConnection({
      type: 'PoolClient',
      driverType: 'SQLite:better-sqlite3',
      connectionOptions: {},
      serializer: JSONSerializer,
      sqliteClientFactory: () => client,
    });
    await names(connection.execute);
    await connection.close();
    assert.equal(client.log.at(-1), 'released');
    assert.equal(client.open, true);
    await client.close();
  });

  it('sqliteAmbientClientConnection leaves the caller client open', async () => {
    const client = sqlite3Client({ fileName, serializer: JSONSerializer });
    await client.connect();
    const connection = sqliteAmbientClientConnection({ driverType: 'SQLite:sqlite3', client, serializer: JSONSerializer });
    await clear(connection.execute);
    await connection.withTransaction((tx) => insert(tx.execute, 'ambient'));
    await connection.close();
    assert.deepEqual(await names(client), ['ambient']);
    await client.close();
  });
});

describe('SQLite pools and helpers', () => {
  it('sqliteSingletonConnectionPool shares one connection; sqliteAlwaysNewConnectionPool opens one per call', async () => {
    const calls = { singleton: 0, alwaysNew: 0 };
    const factory = (kind) => (options) => (calls[kind]++, sqlite3Connection(options));
    const singleton = sqliteSingletonConnectionPool({
      driverType: 'SQLite:sqlite3',
      singleton: true,
      sqliteConnectionFactory: factory('singleton'),
      connectionOptions: { fileName },
    });
    const alwaysNew = sqliteAlwaysNewConnectionPool({
      driverType: 'SQLite:sqlite3',
      sqliteConnectionFactory: factory('alwaysNew'),
      connectionOptions: { fileName },
    });
    for (const pool of [singleton, alwaysNew]) {
      await names(pool.execute);
      await pool.withTransaction((tx) => names(tx.execute));
      await pool.close();
    }
    assert.deepEqual(calls, { singleton: 1, alwaysNew: 2 });
  });

  it("sqlitePool with a sqliteConnectionFactory is upstream's: singleton or a new connection per call", async () => {
    let made = 0;
    const factory = (options) => (made++, sqlite3Connection(options));
    for (const singleton of [true, false]) {
      made = 0;
      const pool = sqlitePool({ driverType: 'SQLite:sqlite3', singleton, sqliteConnectionFactory: factory, connectionOptions: { fileName } });
      await names(pool.execute);
      await names(pool.execute);
      await pool.close();
      assert.equal(made, singleton ? 1 : 2, `singleton: ${singleton}`);
    }
  });

  it('toSqlitePoolOptions makes a client, :memory: or singleton: true a singleton pool', () => {
    assert.equal(toSqlitePoolOptions({ fileName: ':memory:' }).singleton, true);
    assert.equal(toSqlitePoolOptions({ fileName, client: {} }).singleton, true);
    assert.equal(toSqlitePoolOptions({ fileName, singleton: true }).singleton, true);
    assert.deepEqual(toSqlitePoolOptions({ fileName, singleton: false }), { fileName });
  });

  it('sqliteExecute closes the client after the handler, also when it fails', async () => {
    const client = sqlite3Client({ fileName, serializer: JSONSerializer });
    assert.ok(Array.isArray(await sqliteExecute(client, (c) => names(c))));
    await assert.rejects(client.query(SQL`SELECT 1`));
    const failing = foreignClient(fileName);
    await failing.connect();
    await assert.rejects(sqliteExecute(failing, async () => { throw new Error('boom'); }), /boom/);
    assert.equal(failing.open, false);
  });

  it('sqliteSQLExecutor applies mapping and the given error mapper', async () => {
    const client = sqlite3Client({ fileName, serializer: JSONSerializer });
    class Mapped extends Error {}
    const executor = sqlExecutor(sqliteSQLExecutor('SQLite:sqlite3', JSONSerializer, undefined, (e) => new Mapped(e.message)), {
      connect: async () => client,
    });
    const { rows } = await executor.query(SQL`SELECT 21 AS n`, { mapping: { n: (v) => v * 2 } });
    assert.deepEqual(rows, [{ n: 42 }]);
    await assert.rejects(executor.query(SQL`SELECT * FROM missing_table`), Mapped);
    await client.close();
  });

  it('sqliteTransaction takes its default options as a boolean or an object', async () => {
    const client = sqlite3Client({ fileName, serializer: JSONSerializer });
    const init = sqliteTransaction('SQLite:sqlite3', () => null, true, JSONSerializer);
    const tx = init(Promise.resolve(client));
    assert.equal(tx._transactionOptions.allowNestedTransactions, true);
    await tx.begin();
    await tx.begin();
    await tx.commit();
    await tx.commit();
    await client.close();
  });
});
