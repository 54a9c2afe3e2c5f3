// The pool factories a plugin author builds a driver's pool on, pinned through a small
// driver over better-sqlite3 (real SQLite files) that counts the clients it opens and
// closes (__test__/support/factoryDriver.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  DumboError,
  InvalidOperationError,
  JSONSerializer,
  SQL,
  TransientDatabaseError,
  createAlwaysNewConnectionPool,
  createAmbientConnection,
  createAmbientConnectionPool,
  createBoundedConnectionPool,
  createConnectionPool,
  createSingletonClientConnectionPool,
  createSingletonConnectionPool,
} from '@event-driven-io/dumbo';
import { DRIVER, createTable, testDriver, testExecutor, testTransaction } from '../support/factoryDriver.mjs';

let dir;
let file;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-pool-factories-'));
  file = path.join(dir, 'pools.db');
  const setup = testDriver(file).newConnection();
  await setup.execute.command(createTable);
  await setup.close();
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const count = async (executor) => (await executor.query(SQL`SELECT count(*) AS n FROM items`)).rows[0].n;
const insert = (executor, name) => executor.command(SQL`INSERT INTO items (name) VALUES (${name})`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const closedWith = (message) => (error) => error instanceof InvalidOperationError && error.message === message;

describe('createConnectionPool / createAlwaysNewConnectionPool', () => {
  it('opens and closes a new connection for every statement, withConnection and transaction', async () => {
    const driver = testDriver(file);
    const pool = createConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection });
    await count(pool.execute);
    await pool.withConnection((connection) => count(connection.execute));
    await pool.withTransaction((tx) => insert(tx.execute, 'a'));
    const tx = pool.transaction();
    await tx.begin();
    await insert(tx.execute, 'b');
    await tx.commit();
    assert.deepEqual(driver.stats, { opened: 4, closed: 4 });
    const connection = await pool.connection();
    await count(connection.execute);
    assert.equal(driver.stats.closed, 4, 'connection() is the caller\'s to close');
    await connection.close();
    await pool.close();
  });

  it('keeps what the driver overrides', async () => {
    const driver = testDriver(file);
    let closed = false;
    const pool = createConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection, close: async () => void (closed = true) });
    await pool.close();
    assert.equal(closed, true);
  });

  it('passes connectionOptions to getConnection', async () => {
    const driver = testDriver(file);
    const seen = [];
    const pool = createAlwaysNewConnectionPool({
      driverType: DRIVER,
      connectionOptions: { tag: 'x' },
      getConnection: (options, context) => {
        seen.push([options, typeof context.abort.signal.aborted]);
        return driver.newConnection();
      },
    });
    await count(pool.execute);
    assert.deepEqual(seen, [[{ tag: 'x' }, 'boolean']]);
    assert.deepEqual(driver.stats, { opened: 1, closed: 1 });
  });
});

describe('createAmbientConnectionPool / createSingletonClientConnectionPool', () => {
  it('runs everything on the caller connection and never closes it', async () => {
    const driver = testDriver(file);
    const connection = driver.newConnection();
    const pool = createAmbientConnectionPool({ driverType: DRIVER, connection });
    assert.equal(await pool.connection(), connection);
    await pool.withConnection((c) => count(c.execute));
    await pool.withTransaction((tx) => insert(tx.execute, 'ambient'));
    await count(pool.execute);
    await pool.close();
    assert.deepEqual(driver.stats, { opened: 1, closed: 0 });
    await count(connection.execute); // still usable
    await connection.close();
  });

  it('createSingletonClientConnectionPool builds one connection over the given client', async () => {
    const db = new Database(file);
    const factoryCalls = [];
    const pool = createSingletonClientConnectionPool({
      driverType: DRIVER,
      dbClient: db,
      connectionFactory: ({ dbClient }) => {
        factoryCalls.push(dbClient);
        return createAmbientConnection({
          driverType: DRIVER,
          client: dbClient,
          initTransaction: testTransaction,
          executor: testExecutor,
          serializer: JSONSerializer,
        });
      },
    });
    await count(pool.execute);
    await pool.withTransaction((tx) => insert(tx.execute, 'client'));
    await pool.close();
    assert.deepEqual(factoryCalls, [db]);
    assert.equal(db.open, true);
    db.close();
  });
});

describe('createSingletonConnectionPool', () => {
  it('opens one connection lazily and shares it; connection().close() keeps it', async () => {
    const driver = testDriver(file);
    const pool = createSingletonConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection });
    assert.equal(driver.stats.opened, 0);
    await Promise.all([count(pool.execute), count(pool.execute)]);
    const connection = await pool.connection();
    await connection.close();
    await pool.withConnection((c) => count(c.execute));
    await pool.withTransaction((tx) => insert(tx.execute, 's'));
    assert.deepEqual(driver.stats, { opened: 1, closed: 0 });
    await pool.close();
    await pool.close();
    assert.deepEqual(driver.stats, { opened: 1, closed: 1 });
  });

  it('once its connection is made, statements still honour an aborted context and still count as work in flight', async () => {
    const driver = testDriver(file);
    const pool = createSingletonConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection });
    assert.equal(await count(pool.execute), await count(pool.execute));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(pool.execute.query(SQL`SELECT 1`, { abort: { signal: controller.signal } }), /stop/);
    const inFlight = pool.execute.batchQuery([SQL`SELECT 1 AS one`, SQL`SELECT 2 AS two`]);
    const closing = pool.close();
    assert.deepEqual((await inFlight).map((result) => result.rows[0]), [{ one: 1 }, { two: 2 }]);
    await closing;
    assert.deepEqual(driver.stats, { opened: 1, closed: 1 });
  });

  it('statements of a driver that runs them inline leave nothing in flight; work that waits is still drained by close()', async () => {
    const driver = testDriver(file, { inline: true });
    const pool = createSingletonConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection });
    const initial = await count(pool.execute);
    await insert(pool.execute, 'inline');
    assert.equal(await count(pool.execute), initial + 1);
    await assert.rejects(pool.execute.query(SQL`SELECT * FROM no_such_table`), /no such table/);
    let finished = false;
    const waiting = pool.withConnection(async (connection) => {
      await sleep(30);
      finished = true;
      return count(connection.execute);
    });
    assert.equal(await count(pool.execute), initial + 1);
    await pool.close();
    assert.equal(finished, true);
    assert.equal(await waiting, initial + 1);
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), closedWith('Singleton connection pool has been closed'));
    assert.deepEqual(driver.stats, { opened: 1, closed: 1 });
  });

  it('rejects work after close (transaction() throws synchronously)', async () => {
    const pool = createSingletonConnectionPool({ driverType: DRIVER, getConnection: testDriver(file).newConnection });
    await pool.close();
    const closed = closedWith('Singleton connection pool has been closed');
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), closed);
    await assert.rejects(pool.connection(), closed);
    await assert.rejects(pool.withConnection(async () => {}), closed);
    await assert.rejects(pool.withTransaction(async () => {}), closed);
    assert.throws(() => pool.transaction(), closed);
  });

  it('close() waits for work in flight; force aborts it', async () => {
    const pool = createSingletonConnectionPool({ driverType: DRIVER, getConnection: testDriver(file).newConnection });
    let finished = false;
    const running = pool.withConnection(async () => {
      await sleep(50);
      finished = true;
    });
    await sleep(5);
    await pool.close();
    assert.equal(finished, true);
    await running;

    const forced = createSingletonConnectionPool({ driverType: DRIVER, getConnection: testDriver(file).newConnection });
    let reason;
    const stuck = forced.withConnection(
      (connection, context) =>
        new Promise((_, reject) => {
          context.abort.signal.addEventListener('abort', () => {
            reason = context.abort.signal.reason;
            reject(reason);
          });
        }),
    );
    await sleep(5);
    await forced.close({ force: true });
    await assert.rejects(stuck, /TaskProcessor has been stopped/);
    assert.ok(reason instanceof DumboError);
  });

  it('transaction(): connection acquired on begin, handed to closeConnection after commit', async () => {
    const driver = testDriver(file);
    const handedBack = [];
    const pool = createSingletonConnectionPool({
      driverType: DRIVER,
      getConnection: driver.newConnection,
      closeConnection: (connection) => void handedBack.push(connection),
    });
    const tx = pool.transaction();
    assert.throws(() => tx.connection, closedWith('Transaction not started - call begin() first'));
    await assert.rejects(tx.commit(), closedWith('Transaction not started'));
    await tx.begin();
    await insert(tx.execute, 'tx');
    await tx.commit();
    assert.equal(handedBack.length, 1);
    assert.equal(handedBack[0], tx.connection);
    await pool.close();
  });
});

describe('createBoundedConnectionPool', () => {
  it('uses at most maxConnections at once, queues the rest FIFO and reuses connections', async () => {
    const driver = testDriver(file);
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection, maxConnections: 2 });
    let active = 0;
    let peak = 0;
    const order = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        pool.withConnection(async (connection) => {
          active++;
          peak = Math.max(peak, active);
          order.push(i);
          await count(connection.execute);
          await sleep(10);
          active--;
        }),
      ),
    );
    assert.equal(peak, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
    assert.equal(driver.stats.opened, 2);
    await Promise.all([count(pool.execute), pool.withTransaction((tx) => insert(tx.execute, 'bounded'))]);
    assert.equal(driver.stats.opened, 2);
    await pool.close();
    assert.deepEqual(driver.stats, { opened: 2, closed: 2 });
  });

  it('connection() holds a slot until its close() releases it', async () => {
    const driver = testDriver(file);
    let created = 0;
    const getConnection = () => (created++, driver.newConnection());
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection, maxConnections: 1 });
    const held = await pool.connection();
    const heldClient = await held.open();
    let second = false;
    const waiting = pool.connection().then((connection) => {
      second = true;
      return connection;
    });
    await sleep(20);
    assert.equal(second, false);
    await held.close();
    const next = await waiting;
    assert.equal(created, 1, 'the released connection is reused');
    assert.equal(await next.open(), heldClient);
    await next.close();
    await pool.close();
  });

  it('transaction() holds a connection from begin until commit', async () => {
    const driver = testDriver(file);
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection: driver.newConnection, maxConnections: 1 });
    const tx = pool.transaction();
    await tx.begin();
    let ran = false;
    const other = pool.withConnection(async () => void (ran = true));
    await sleep(20);
    assert.equal(ran, false);
    await tx.commit();
    await other;
    assert.equal(ran, true);
    await pool.close();
  });

  it('a nested level ending keeps the connection until the outermost commit', async () => {
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection: testDriver(file).newConnection, maxConnections: 1 });
    const tx = pool.transaction({ allowNestedTransactions: true, useSavepoints: true });
    await tx.begin();
    await insert(tx.execute, 'outer');
    await tx.withTransaction((nested) => insert(nested.execute, 'nested'));
    let ran = false;
    const other = pool.withConnection(async () => void (ran = true));
    await sleep(20);
    assert.equal(ran, false, 'the nested commit did not release the connection');
    await tx.commit();
    await other;
    assert.equal(ran, true);
    await pool.close();
  });

  it('a transaction begun again after it ended holds a connection again', async () => {
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection: testDriver(file).newConnection, maxConnections: 1 });
    const tx = pool.transaction();
    await tx.begin();
    await tx.commit();
    await tx.begin();
    let ran = false;
    const other = pool.withConnection(async () => void (ran = true));
    await sleep(20);
    assert.equal(ran, false, 'the second begin took the connection again');
    await tx.rollback();
    await other;
    assert.equal(ran, true);
    await pool.close();
  });

  it('rejects after close and when more than 1000 callers wait', async () => {
    const pool = createBoundedConnectionPool({ driverType: DRIVER, getConnection: testDriver(file).newConnection, maxConnections: 1 });
    const held = await pool.connection();
    const waiting = Array.from({ length: 1000 }, () => pool.connection().then((c) => c.close(), () => {}));
    await assert.rejects(
      pool.connection(),
      (error) => error instanceof TransientDatabaseError && error.message === 'Too many pending connections. Please try again later.',
    );
    await held.close();
    await Promise.all(waiting);
    await pool.close();
    const closed = closedWith('Bounded connection pool has been closed');
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), closed);
    await assert.rejects(pool.connection(), closed);
    assert.throws(() => pool.transaction(), closed);
  });
});
