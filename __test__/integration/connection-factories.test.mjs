// The connection, executor and transaction factories a plugin author builds a driver
// on, pinned through a small driver over better-sqlite3 (real SQLite files) that
// counts the clients it opens and closes (__test__/support/factoryDriver.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  InvalidOperationError,
  JSONSerializer,
  SQL,
  createAmbientConnection,
  createConnection,
  createSingletonConnection,
  createTransientConnection,
  databaseTransaction,
  executeInAmbientConnection,
  executeInNewConnection,
  executeInNewDbClient,
  sqlExecutor,
  sqlExecutorInAmbientConnection,
  sqlExecutorInNewConnection,
  transactionFactoryWithAmbientConnection,
  transactionFactoryWithNewConnection,
  transactionNestingCounter,
} from '@event-driven-io/dumbo';
import { DRIVER, createTable, testDriver, testExecutor, testTransaction } from '../support/factoryDriver.mjs';

let dir;
let file;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-factories-'));
  file = path.join(dir, 'factories.db');
  const setup = testDriver(file).newConnection();
  await setup.execute.command(createTable);
  await setup.close();
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = async (executor) =>
  (await executor.query(SQL`SELECT name FROM items ORDER BY id`)).rows.map((row) => row.name);
const insert = (executor, name) => executor.command(SQL`INSERT INTO items (name) VALUES (${name})`);
const clear = (executor) => executor.command(SQL`DELETE FROM items`);
const aborted = () => {
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  return { abort: { signal: controller.signal } };
};

describe('createConnection', () => {
  it('opens its client lazily, once, even for concurrent first uses', async () => {
    const driver = testDriver(file);
    const connection = driver.newConnection();
    assert.equal(connection.driverType, DRIVER);
    assert.equal(driver.stats.opened, 0);
    await Promise.all([names(connection.execute), names(connection.execute), connection.open()]);
    assert.equal(driver.stats.opened, 1);
    await connection.close();
    assert.deepEqual(driver.stats, { opened: 1, closed: 1 });
  });

  it('close() before any use closes nothing', async () => {
    const driver = testDriver(file);
    await driver.newConnection().close();
    assert.deepEqual(driver.stats, { opened: 0, closed: 0 });
  });

  it('rejects open() with an aborted context even once connected', async () => {
    const connection = testDriver(file).newConnection();
    await connection.open();
    await assert.rejects(connection.open(aborted()), /stop/);
    await connection.close();
  });

  it('once connected, still rejects (never throws) a statement with an aborted context or a throwing driver', async () => {
    const throwing = createConnection({
      driverType: DRIVER,
      connect: async () => new Database(file),
      close: async (db) => db.close(),
      initTransaction: testTransaction,
      executor: () => ({
        ...testExecutor(),
        query: () => {
          throw new Error('driver threw');
        },
      }),
      serializer: JSONSerializer,
    });
    await throwing.open();
    const thrown = throwing.execute.query(SQL`SELECT 1`);
    assert.ok(thrown instanceof Promise);
    await assert.rejects(thrown, /driver threw/);
    const stopped = throwing.execute.command(SQL`DELETE FROM items`, aborted());
    assert.ok(stopped instanceof Promise);
    await assert.rejects(stopped, /stop/);
    await throwing.close();
  });

  it('keeps one current transaction until it ends; connection.execute joins it', async () => {
    const connection = testDriver(file).newConnection();
    await clear(connection.execute);
    const tx = connection.transaction();
    assert.equal(connection.transaction(), tx);
    await tx.begin();
    await insert(connection.execute, 'joined');
    await tx.rollback();
    assert.notEqual(connection.transaction(), tx);
    assert.deepEqual(await names(connection.execute), []);
    await connection.close();
  });

  it('refuses a nested withTransaction unless allowNestedTransactions', async () => {
    const connection = testDriver(file).newConnection();
    await assert.rejects(
      connection.withTransaction((tx) => tx.withTransaction(async () => {})),
      (error) =>
        error instanceof InvalidOperationError &&
        error.message ===
          'Cannot start a nested transaction: allowNestedTransactions is false. Set transactionOptions: { allowNestedTransactions: true } on your pool or connection.',
    );
    await connection.close();
  });

  it('nests with savepoints (inner rollback undone) or without (inner rollback kept)', async () => {
    for (const [useSavepoints, expected] of [
      [true, ['1', '3']],
      [false, ['1', '2', '3']],
    ]) {
      const connection = testDriver(file).newConnection();
      await clear(connection.execute);
      const options = { allowNestedTransactions: true, useSavepoints };
      await connection.withTransaction(async (tx) => {
        await insert(tx.execute, '1');
        await tx.withTransaction(async (inner) => {
          await insert(inner.execute, '2');
          return { success: false, result: undefined };
        });
        await insert(tx.execute, '3');
      }, options);
      assert.deepEqual(await names(connection.execute), expected, `useSavepoints: ${useSavepoints}`);
      await connection.close();
    }
  });
});

describe('createSingletonConnection, createAmbientConnection, createTransientConnection', () => {
  const options = { driverType: DRIVER, initTransaction: testTransaction, executor: testExecutor, serializer: JSONSerializer };

  it('createSingletonConnection connects lazily and once', async () => {
    const driver = testDriver(file);
    const connection = createSingletonConnection({ ...options, connect: driver.connect, close: driver.close });
    assert.equal(driver.stats.opened, 0);
    await names(connection.execute);
    await names(connection.execute);
    await connection.close();
    assert.deepEqual(driver.stats, { opened: 1, closed: 1 });
  });

  it('createAmbientConnection runs on the caller client and never closes it', async () => {
    const db = new Database(file);
    const connection = createAmbientConnection({ ...options, client: db });
    assert.equal(await connection.open(), db);
    await connection.withTransaction((tx) => insert(tx.execute, 'ambient'));
    await connection.close();
    assert.equal(db.open, true);
    assert.ok(db.prepare('SELECT name FROM items').all().some((row) => row.name === 'ambient'));
    assert.throws(() => connection.open(aborted()), /stop/); // synchronously
    db.close();
  });

  it('createTransientConnection asks the driver on every open', async () => {
    const driver = testDriver(file);
    let closes = 0;
    const connection = createTransientConnection({ ...options, open: driver.connect, close: async () => void closes++ });
    await connection.open();
    await connection.open();
    await names(connection.execute);
    assert.equal(driver.stats.opened, 3);
    await connection.close();
    assert.equal(closes, 1);
  });
});

describe('executors', () => {
  it('sqlExecutorInNewConnection opens and closes a connection per statement', async () => {
    const driver = testDriver(file);
    const executor = sqlExecutorInNewConnection({ driverType: DRIVER, connection: async () => driver.newConnection() });
    await names(executor);
    await executor.batchQuery([SQL`SELECT 1`, SQL`SELECT 2`]);
    assert.deepEqual(driver.stats, { opened: 2, closed: 2 });
  });

  it('sqlExecutorInAmbientConnection reuses the connection and leaves it open', async () => {
    const driver = testDriver(file);
    const connection = driver.newConnection();
    const executor = sqlExecutorInAmbientConnection({ driverType: DRIVER, connection: async () => connection });
    await names(executor);
    await names(executor);
    assert.deepEqual(driver.stats, { opened: 1, closed: 0 });
    await connection.close();
  });

  it('executeInNewConnection closes on success and on error; executeInAmbientConnection never', async () => {
    const driver = testDriver(file);
    const connection = async () => driver.newConnection();
    assert.equal(await executeInNewConnection(async (c) => (await names(c.execute), 'ok'), { connection }), 'ok');
    await assert.rejects(
      executeInNewConnection(async (c) => c.execute.query(SQL`SELECT * FROM missing_table`), { connection }),
      /no such table/,
    );
    assert.deepEqual(driver.stats, { opened: 2, closed: 2 });
    const ambient = driver.newConnection();
    await executeInAmbientConnection((c) => names(c.execute), { connection: async () => ambient });
    assert.equal(driver.stats.closed, 2);
    await ambient.close();
    await assert.rejects(executeInNewConnection(async () => {}, { connection, ...aborted() }), /stop/);
  });

  it('executeInNewDbClient closes the client only when the handler fails', async () => {
    const driver = testDriver(file);
    const client = await executeInNewDbClient(async (db) => db, { connect: driver.connect, close: driver.close });
    assert.equal(driver.stats.closed, 0);
    client.close();
    await assert.rejects(
      executeInNewDbClient(async () => {
        throw new Error('boom');
      }, { connect: driver.connect, close: driver.close }),
      /boom/,
    );
    assert.deepEqual(driver.stats, { opened: 2, closed: 1 });
  });

  it('sqlExecutor(dbExecutor, { connect }) runs the driver executor on the connected client', async () => {
    const db = new Database(file);
    const executor = sqlExecutor(testExecutor(), { connect: async () => db });
    assert.ok(Array.isArray(await names(executor)));
    db.close();
  });
});

describe('transaction factories', () => {
  it('transactionFactoryWithNewConnection closes the connection after commit and after rollback', async () => {
    const driver = testDriver(file);
    const factory = transactionFactoryWithNewConnection(() => driver.newConnection());
    const tx = factory.transaction();
    await tx.begin();
    await insert(tx.execute, 'new');
    await tx.commit();
    await factory.withTransaction(async (t) => (await insert(t.execute, 'new2'), { success: false, result: 1 }));
    assert.deepEqual(driver.stats, { opened: 2, closed: 2 });
  });

  it('transactionFactoryWithAmbientConnection leaves the connection open', async () => {
    const driver = testDriver(file);
    const connection = driver.newConnection();
    const factory = transactionFactoryWithAmbientConnection(() => connection);
    assert.equal(await factory.withTransaction(async () => 42), 42);
    const tx = factory.transaction();
    await tx.begin();
    await tx.rollback();
    assert.deepEqual(driver.stats, { opened: 1, closed: 0 });
    await connection.close();
  });

  it('transactionNestingCounter counts levels and refuses to go below zero', () => {
    const counter = transactionNestingCounter();
    counter.increment();
    counter.increment();
    assert.equal(counter.level, 2);
    counter.decrement();
    counter.reset();
    assert.equal(counter.level, 0);
    assert.throws(
      () => counter.decrement(),
      (error) => error instanceof InvalidOperationError && error.message === 'Transaction level is out of bounds',
    );
  });

  it("databaseTransaction(backend, options) counts nesting as upstream's", async () => {
    const calls = [];
    const step = (name) => async (level) => void calls.push(level === undefined ? name : `${name}${level}`);
    const backend = {
      begin: step('begin'),
      commit: step('commit'),
      rollback: step('rollback'),
      savepoint: step('savepoint'),
      releaseSavepoint: step('release'),
      rollbackToSavepoint: step('rollbackTo'),
    };
    const tx = databaseTransaction(backend, { allowNestedTransactions: true, useSavepoints: true });
    await tx.begin();
    await tx.begin();
    await tx.rollback();
    await tx.commit();
    assert.deepEqual(calls, ['begin', 'savepoint2', 'rollbackTo2', 'commit']);
    const flat = databaseTransaction(backend);
    await flat.begin();
    await assert.rejects(flat.begin(), InvalidOperationError);
  });
});
