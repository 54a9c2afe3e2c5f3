// SQLite pools in direct mode ('@event-driven-io/dumbo/sqlite3'): databases,
// rowCount, value round-trips, pragmas, isolation, reentrancy, serialisation, close.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';
import { SQL, single, count, InvalidOperationError } from '@event-driven-io/dumbo';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
const dbFile = (name = 'db') => path.join(dir, `${name}-${++fileCounter}.db`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const pragma = async (pool, name) => {
  const { rows } = await pool.execute.query(SQL`PRAGMA ${SQL.plain(name)}`);
  assert.equal(rows.length, 1, `PRAGMA ${name} returns one row`);
  return Object.values(rows[0])[0];
};

describe('SQLite pool (direct mode)', () => {
  it('runs the README example flow', async () => {
    const pool = dumbo({ fileName: dbFile('readme') });
    await pool.execute.command(
      SQL`CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)`,
    );
    await pool.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO users (name) VALUES (${'Ada'})`);
    });
    const user = await single(pool.execute.query(SQL`SELECT * FROM users WHERE name = ${'Ada'}`));
    assert.deepEqual(user, { id: 1, name: 'Ada' });
    await pool.close();
  });

  it('has the SQLite connector as driverType', async () => {
    const pool = dumbo({ connectionString: ':memory:' });
    assert.equal(pool.driverType, 'SQLite:sqlite3');
    await pool.close();
  });

  it('in-memory: one database per pool, shared by every call of that pool', async () => {
    const a = dumbo({ connectionString: ':memory:' });
    const b = dumbo({ connectionString: ':memory:' });
    await a.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
    await a.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
    assert.equal(await count(a.execute.query(SQL`SELECT count(*) AS count FROM t`)), 1);
    await a.withConnection(async (connection) => {
      assert.equal(await count(connection.execute.query(SQL`SELECT count(*) AS count FROM t`)), 1);
    });
    await assert.rejects(b.execute.query(SQL`SELECT * FROM t`), {
      name: 'InvalidOperationError',
      message: 'no such table: t',
    });
    assert.equal(await pragma(a, 'journal_mode'), 'memory');
    await a.close();
    await b.close();
  });

  it('file: data survives closing and reopening; the database is in WAL mode', async () => {
    const file = dbFile('persist');
    const first = dumbo({ fileName: file });
    await first.execute.command(SQL`CREATE TABLE t (v TEXT)`);
    await first.execute.command(SQL`INSERT INTO t (v) VALUES (${'kept'})`);
    assert.equal(await pragma(first, 'journal_mode'), 'wal');
    await first.close();
    assert.ok(fs.existsSync(file));

    for (const options of [{ fileName: file }, { connectionString: file }, { connectionString: `file:${file}` }]) {
      const again = dumbo(options);
      const { rows } = await again.execute.query(SQL`SELECT v FROM t`);
      assert.deepEqual(rows, [{ v: 'kept' }]);
      assert.equal(await pragma(again, 'journal_mode'), 'wal');
      await again.close();
    }
  });

  describe('rowCount', () => {
    let pool;
    before(async () => {
      pool = dumbo({ connectionString: ':memory:' });
    });
    after(() => pool.close());

    it('is 0 for DDL, the number of changed rows for INSERT/UPDATE/DELETE', async () => {
      assert.deepEqual(
        await pool.execute.command(SQL`CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)`),
        { rowCount: 0, rows: [] },
      );
      assert.deepEqual(
        await pool.execute.command(SQL`INSERT INTO t (v) VALUES (${1}), (${2}), (${3})`),
        { rowCount: 3, rows: [] },
      );
      // DDL right after an INSERT must not report the INSERT's changes.
      assert.deepEqual(await pool.execute.command(SQL`CREATE TABLE t2 (x)`), { rowCount: 0, rows: [] });
      assert.deepEqual(await pool.execute.command(SQL`INSERT INTO t2 (x) VALUES (1)`), { rowCount: 1, rows: [] });
      assert.deepEqual(await pool.execute.command(SQL`CREATE INDEX t_v ON t (v)`), { rowCount: 0, rows: [] });
      assert.deepEqual(await pool.execute.command(SQL`UPDATE t SET v = v + 10 WHERE v >= ${2}`), {
        rowCount: 2,
        rows: [],
      });
      assert.deepEqual(await pool.execute.command(SQL`UPDATE t SET v = 0 WHERE v = ${999}`), {
        rowCount: 0,
        rows: [],
      });
      assert.deepEqual(await pool.execute.command(SQL`DELETE FROM t WHERE v = ${1}`), {
        rowCount: 1,
        rows: [],
      });
      assert.deepEqual(await pool.execute.command(SQL`DROP TABLE t2`), { rowCount: 0, rows: [] });
    });

    it('is the number of returned rows with RETURNING, and the rows come back', async () => {
      await pool.execute.command(SQL`CREATE TABLE r (id INTEGER PRIMARY KEY, name TEXT)`);
      const inserted = await pool.execute.command(
        SQL`INSERT INTO r (name) VALUES (${'a'}), (${'b'}) RETURNING id, name`,
      );
      assert.deepEqual(inserted, {
        rowCount: 2,
        rows: [
          { id: 1, name: 'a' },
          { id: 2, name: 'b' },
        ],
      });
      const deleted = await pool.execute.command(SQL`DELETE FROM r WHERE id = ${2} RETURNING name`);
      assert.deepEqual(deleted, { rowCount: 1, rows: [{ name: 'b' }] });
    });

    it('is the number of rows for queries', async () => {
      const result = await pool.execute.query(SQL`SELECT 1 AS a UNION ALL SELECT 2 UNION ALL SELECT 3`);
      assert.deepEqual(result, { rowCount: 3, rows: [{ a: 1 }, { a: 2 }, { a: 3 }] });
      assert.deepEqual(await pool.execute.query(SQL`SELECT 1 AS a WHERE 0`), { rowCount: 0, rows: [] });
    });
  });

  describe('values', () => {
    let pool;
    before(async () => {
      pool = dumbo({ connectionString: ':memory:' });
      await pool.execute.command(
        SQL`CREATE TABLE v (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, n ANY)`,
      );
    });
    after(() => pool.close());

    const roundTrip = async (column, value) => {
      const { rows } = await pool.execute.command(
        SQL`INSERT INTO v (${SQL.identifier(column)}) VALUES (${value}) RETURNING id`,
      );
      const { rows: read } = await pool.execute.query(
        SQL`SELECT ${SQL.identifier(column)} AS value, typeof(${SQL.identifier(column)}) AS type FROM v WHERE id = ${rows[0].id}`,
      );
      return read[0];
    };

    it('integers stay numbers within the safe range', async () => {
      assert.deepEqual(await roundTrip('i', 42), { value: 42, type: 'integer' });
      assert.deepEqual(await roundTrip('i', -7), { value: -7, type: 'integer' });
      assert.deepEqual(await roundTrip('i', Number.MAX_SAFE_INTEGER), {
        value: Number.MAX_SAFE_INTEGER,
        type: 'integer',
      });
    });

    it('BigInt parameters bind as integers; values beyond 2^53 come back as BigInt', async () => {
      const big = 2n ** 60n + 1n;
      assert.deepEqual(await roundTrip('i', big), { value: big, type: 'integer' });
      assert.deepEqual(await roundTrip('i', -(2n ** 62n)), { value: -(2n ** 62n), type: 'integer' });
      // A small BigInt is an integer; it reads back as a number.
      assert.deepEqual(await roundTrip('i', 5n), { value: 5, type: 'integer' });
      await assert.rejects(roundTrip('i', 2n ** 63n), {
        name: 'DataError',
        message: 'BigInt value 9223372036854775808 is out of range for a SQLite INTEGER',
      });
      assert.deepEqual(await roundTrip('i', -(2n ** 63n)), { value: -(2n ** 63n), type: 'integer' });
      const { rows } = await pool.execute.query(SQL`SELECT 9007199254740993 AS beyond, ${2n ** 53n} + 1 AS sum`);
      assert.deepEqual(rows, [{ beyond: 9007199254740993n, sum: 9007199254740993n }]);
    });

    it('REAL, TEXT with unicode and NULL', async () => {
      assert.deepEqual(await roundTrip('r', 1.5), { value: 1.5, type: 'real' });
      assert.deepEqual(await roundTrip('r', -0.000123), { value: -0.000123, type: 'real' });
      const text = 'héllo wörld 🌍 — 日本語 \u{1F600} "quoted" \'single\'';
      assert.deepEqual(await roundTrip('s', text), { value: text, type: 'text' });
      assert.deepEqual(await roundTrip('n', null), { value: null, type: 'null' });
      assert.deepEqual(await roundTrip('n', undefined), { value: null, type: 'null' });
    });

    it('Buffer BLOBs round-trip as Buffers', async () => {
      const bytes = Buffer.from([0, 1, 2, 127, 128, 254, 255]);
      const { value, type } = await roundTrip('b', bytes);
      assert.equal(type, 'blob');
      assert.ok(Buffer.isBuffer(value));
      assert.deepEqual(value, bytes);
      const empty = await roundTrip('b', Buffer.alloc(0));
      assert.equal(empty.type, 'blob');
      assert.deepEqual(empty.value, Buffer.alloc(0));
      const typed = await roundTrip('b', new Uint8Array([9, 8, 7]));
      assert.deepEqual(typed.value, Buffer.from([9, 8, 7]));
    });

    it('booleans bind as 1/0, Dates as ISO text, plain objects as JSON text', async () => {
      assert.deepEqual(await roundTrip('n', true), { value: 1, type: 'integer' });
      assert.deepEqual(await roundTrip('n', false), { value: 0, type: 'integer' });
      assert.deepEqual(await roundTrip('n', new Date('2024-02-29T12:34:56.789Z')), {
        value: '2024-02-29T12:34:56.789Z',
        type: 'text',
      });
      const object = { a: 1, b: ['x', null], c: { d: "it's" } };
      const stored = await roundTrip('n', object);
      assert.equal(stored.type, 'text');
      assert.equal(stored.value, JSON.stringify(object));
      const { rows } = await pool.execute.query(SQL`SELECT json_extract(${object}, '$.c.d') AS d`);
      assert.deepEqual(rows, [{ d: "it's" }]);
    });
  });

  describe('pragmas', () => {
    it('applies the defaults on a file database', async () => {
      const pool = dumbo({ fileName: dbFile('defaults') });
      assert.equal(await pragma(pool, 'journal_mode'), 'wal');
      assert.equal(await pragma(pool, 'busy_timeout'), 5000);
      assert.equal(await pragma(pool, 'synchronous'), 1); // NORMAL
      assert.equal(await pragma(pool, 'cache_size'), -1000000);
      assert.equal(await pragma(pool, 'foreign_keys'), 1);
      assert.equal(await pragma(pool, 'temp_store'), 2); // MEMORY
      assert.equal(await pragma(pool, 'mmap_size'), 268435456);
      await pool.close();
    });

    it('file: URI parameters override the defaults and pragmaOptions override both', async () => {
      const file = dbFile('uri');
      const pool = dumbo({
        connectionString: `file:${file}?busy_timeout=1234&synchronous=FULL&cache_size=-2000&foreign_keys=off`,
        pragmaOptions: { cache_size: -3000 },
      });
      assert.equal(await pragma(pool, 'busy_timeout'), 1234);
      assert.equal(await pragma(pool, 'synchronous'), 2); // FULL
      assert.equal(await pragma(pool, 'cache_size'), -3000);
      assert.equal(await pragma(pool, 'foreign_keys'), 0);
      assert.equal(await pragma(pool, 'journal_mode'), 'wal');
      await pool.close();
      assert.ok(fs.existsSync(file), 'the URI path is the database file');
    });

    it('pragmaOptions apply on their own (busy_timeout, journal_mode, foreign_keys)', async () => {
      const pool = dumbo({
        fileName: dbFile('options'),
        pragmaOptions: { busy_timeout: 77, journal_mode: 'DELETE', foreign_keys: false },
      });
      assert.equal(await pragma(pool, 'busy_timeout'), 77);
      assert.equal(await pragma(pool, 'journal_mode'), 'delete');
      assert.equal(await pragma(pool, 'foreign_keys'), 0);
      await pool.close();
    });
  });

  it('reads outside a running transaction do not see its uncommitted rows (file database)', async () => {
    const pool = dumbo({ fileName: dbFile('isolation') });
    await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
    const countRows = () => count(pool.execute.query(SQL`SELECT count(*) AS count FROM t`));

    let release;
    const gate = new Promise((resolve) => {
      release = resolve;
    });
    // Started outside the transaction's async context.
    const outside = (async () => {
      await gate;
      return countRows();
    })();

    await pool.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO t (v) VALUES (1), (2)`);
      assert.equal(await countRows(), 2, 'inside the transaction its rows are visible');
      release();
      assert.equal(await outside, 0, 'outside the transaction they are not');
    });
    assert.equal(await countRows(), 2, 'visible to everyone after commit');
    await pool.close();
  });

  for (const kind of ['in-memory', 'file']) {
    it(`${kind}: pool.execute.*, withConnection and withTransaction inside withTransaction run on its connection without deadlock`, { timeout: 5000 }, async () => {
      const pool = dumbo({
        ...(kind === 'file' ? { fileName: dbFile('reentrant') } : { connectionString: ':memory:' }),
        transactionOptions: { allowNestedTransactions: true },
      });
      await pool.execute.command(SQL`CREATE TABLE t (v TEXT)`);
      const failure = new Error('undo everything');
      await assert.rejects(
        pool.withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES ('tx')`);
          await pool.execute.command(SQL`INSERT INTO t (v) VALUES ('pool.command')`);
          await pool.execute.batchCommand([SQL`INSERT INTO t (v) VALUES ('pool.batchCommand')`]);
          const seen = await pool.execute.query(SQL`SELECT v FROM t ORDER BY rowid`);
          assert.deepEqual(seen.rows.map((r) => r.v), ['tx', 'pool.command', 'pool.batchCommand']);
          const [batch] = await pool.execute.batchQuery([SQL`SELECT count(*) AS count FROM t`]);
          assert.deepEqual(batch.rows, [{ count: 3 }]);
          await pool.withConnection(async (connection) => {
            assert.equal(connection, tx.connection);
            await connection.execute.command(SQL`INSERT INTO t (v) VALUES ('withConnection')`);
          });
          assert.equal(await pool.connection(), tx.connection);
          const nested = await pool.withTransaction(async (inner) => {
            await inner.execute.command(SQL`INSERT INTO t (v) VALUES ('nested')`);
            return 'nested result';
          });
          assert.equal(nested, 'nested result');
          assert.equal(await count(pool.execute.query(SQL`SELECT count(*) AS count FROM t`)), 5);
          throw failure;
        }),
        (error) => error === failure,
      );
      // Everything ran inside the outer transaction, so everything was rolled back.
      assert.equal(await count(pool.execute.query(SQL`SELECT count(*) AS count FROM t`)), 0);
      await pool.close();
    });
  }

  for (const kind of ['in-memory', 'file']) {
    it(`${kind}: a command issued outside a running transaction waits for it and is not part of it`, { timeout: 5000 }, async () => {
      const pool = dumbo(kind === 'file' ? { fileName: dbFile('outside-write') } : { connectionString: ':memory:' });
      await pool.execute.command(SQL`CREATE TABLE t (v TEXT)`);
      const events = [];
      let release;
      const gate = new Promise((resolve) => {
        release = resolve;
      });
      let markStarted;
      const started = new Promise((resolve) => {
        markStarted = resolve;
      });
      const failure = new Error('roll the transaction back');
      const transaction = pool
        .withTransaction(async (tx) => {
          await tx.execute.command(SQL`INSERT INTO t (v) VALUES ('tx')`);
          markStarted();
          await gate;
          events.push('transaction ends');
          throw failure;
        })
        .catch((error) => error);
      await started;
      const outside = pool.execute
        .command(SQL`INSERT INTO t (v) VALUES ('outside')`)
        .then((result) => events.push(`outside done: ${result.rowCount}`));
      await sleep(10);
      events.push('released');
      release();
      await outside;
      assert.equal(await transaction, failure);
      assert.deepEqual(events, ['released', 'transaction ends', 'outside done: 1']);
      assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM t`)).rows, [{ v: 'outside' }]);
      await pool.close();
    });
  }

  for (const kind of ['in-memory', 'file']) {
    it(`${kind}: concurrent withTransaction calls are serialised`, { timeout: 10000 }, async () => {
      const pool = dumbo(kind === 'file' ? { fileName: dbFile('serial') } : { connectionString: ':memory:' });
      await pool.execute.command(SQL`CREATE TABLE counter (n INTEGER)`);
      await pool.execute.command(SQL`INSERT INTO counter (n) VALUES (0)`);
      const order = [];
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          pool.withTransaction(async (tx) => {
            order.push(`start ${i}`);
            const { n } = await single(tx.execute.query(SQL`SELECT n FROM counter`));
            await sleep(2); // a lost update would show if two ran at once
            await tx.execute.command(SQL`UPDATE counter SET n = ${n + 1}`);
            order.push(`end ${i}`);
          }),
        ),
      );
      const { n } = await single(pool.execute.query(SQL`SELECT n FROM counter`));
      assert.equal(n, 10);
      // Strictly one after another.
      assert.deepEqual(
        order,
        Array.from({ length: 10 }, (_, i) => [`start ${i}`, `end ${i}`]).flat(),
      );
      await pool.close();
    });
  }

  it('close() is idempotent and every call after it rejects with InvalidOperationError', async () => {
    const pool = dumbo({ fileName: dbFile('close') });
    await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
    await Promise.all([pool.close(), pool.close()]);
    await pool.close();
    const closed = (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(error.message, 'Connection pool has been closed');
      return true;
    };
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), closed);
    await assert.rejects(pool.execute.command(SQL`INSERT INTO t VALUES (1)`), closed);
    await assert.rejects(pool.execute.batchQuery([SQL`SELECT 1`]), closed);
    await assert.rejects(pool.execute.batchCommand([SQL`SELECT 1`]), closed);
    await assert.rejects(pool.connection(), closed);
    await assert.rejects(pool.withConnection(async () => 1), closed);
    await assert.rejects(pool.withTransaction(async () => 1), closed);
    assert.throws(() => pool.transaction(), closed);
  });

  it('close() waits for a running transaction to finish', async () => {
    const file = dbFile('close-wait');
    const pool = dumbo({ fileName: file });
    await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
    let inserted = false;
    const running = pool.withTransaction(async (tx) => {
      await sleep(20);
      await tx.execute.command(SQL`INSERT INTO t VALUES (1)`);
      inserted = true;
      return 'done';
    });
    await sleep(1);
    await pool.close();
    assert.equal(inserted, true, 'close() resolved only after the callback finished');
    assert.equal(await running, 'done');
    const reopened = dumbo({ fileName: file });
    assert.equal(await count(reopened.execute.query(SQL`SELECT count(*) AS count FROM t`)), 1);
    await reopened.close();
  });

  it('pool.transaction(): manual begin/commit and begin/rollback', async () => {
    const pool = dumbo({ fileName: dbFile('manual') });
    await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);

    const committed = pool.transaction();
    await committed.begin();
    await committed.execute.command(SQL`INSERT INTO t (v) VALUES (${1})`);
    assert.deepEqual((await committed.execute.query(SQL`SELECT v FROM t`)).rows, [{ v: 1 }]);
    await committed.commit();

    const rolledBack = pool.transaction();
    await rolledBack.begin();
    await rolledBack.execute.command(SQL`INSERT INTO t (v) VALUES (${2})`);
    await rolledBack.rollback();

    assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM t ORDER BY v`)).rows, [{ v: 1 }]);

    const notStarted = pool.transaction();
    await assert.rejects(notStarted.commit(), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(error.message, 'Transaction not started');
      return true;
    });
    await notStarted.rollback(); // a no-op before begin()
    await pool.close();
  });
});

describe('checkConnection', () => {
  it('answers successful for a database it can open, and names the error class otherwise', async () => {
    const { checkConnection } = await import('@event-driven-io/dumbo/sqlite3');
    assert.deepEqual(await checkConnection(':memory:'), { successful: true });
    assert.deepEqual(await checkConnection(dbFile('check')), { successful: true });
    const missing = await checkConnection(path.join(dir, 'no-such-dir', 'x.db'));
    assert.equal(missing.successful, false);
    assert.ok(missing.error instanceof Error);
  });
});
