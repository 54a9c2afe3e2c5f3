// Executor batches, assertChanges, the mapping option and the result helpers
// (reference 4.1, 4.2) against real SQLite results.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';
import {
  SQL,
  single,
  singleOrNull,
  first,
  firstOrNull,
  count,
  exists,
  mapRows,
  mapToCamelCase,
  mapColumnToJSON,
  mapColumnToBigint,
  mapColumnToDate,
  BatchCommandNoChangesError,
  DataError,
  DumboError,
} from '@event-driven-io/dumbo';

let pool;
before(async () => {
  pool = dumbo({ connectionString: ':memory:' });
  await pool.execute.command(
    SQL`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, doc TEXT, big INTEGER, created TEXT, created_ms INTEGER)`,
  );
});
after(() => pool.close());

const ids = async () => (await pool.execute.query(SQL`SELECT id FROM items ORDER BY id`)).rows.map((r) => r.id);

const dataError = (message) => (error) => {
  assert.ok(error instanceof DataError, `expected DataError, got ${error}`);
  assert.equal(error.message, message);
  assert.equal(error.errorCode, 400);
  assert.equal(error.errorType, 'DataError');
  return true;
};

describe('batches', () => {
  it('batchCommand runs statements in order and returns one result per statement', async () => {
    const results = await pool.execute.batchCommand([
      SQL`INSERT INTO items (id, name) VALUES (${1}, ${'one'})`,
      SQL`UPDATE items SET name = ${'uno'} WHERE id = ${1}`,
      SQL`UPDATE items SET name = ${'none'} WHERE id = ${999}`,
      SQL`INSERT INTO items (id, name) VALUES (${2}, ${'two'}), (${3}, ${'three'})`,
      SQL`DELETE FROM items WHERE id = ${3} RETURNING name`,
    ]);
    assert.deepEqual(results, [
      { rowCount: 1, rows: [] },
      { rowCount: 1, rows: [] },
      { rowCount: 0, rows: [] },
      { rowCount: 2, rows: [] },
      { rowCount: 1, rows: [{ name: 'three' }] },
    ]);
    assert.deepEqual(
      (await pool.execute.query(SQL`SELECT id, name FROM items ORDER BY id`)).rows,
      [
        { id: 1, name: 'uno' },
        { id: 2, name: 'two' },
      ],
    );
  });

  it('batchQuery returns one result per query, in order', async () => {
    const results = await pool.execute.batchQuery([
      SQL`SELECT name FROM items WHERE id = ${2}`,
      SQL`SELECT id FROM items ORDER BY id`,
      SQL`SELECT 1 AS x WHERE 0`,
    ]);
    assert.deepEqual(results, [
      { rowCount: 1, rows: [{ name: 'two' }] },
      { rowCount: 2, rows: [{ id: 1 }, { id: 2 }] },
      { rowCount: 0, rows: [] },
    ]);
    assert.deepEqual(await pool.execute.batchQuery([]), []);
  });

  it('assertChanges throws BatchCommandNoChangesError with statementIndex and stops the batch', async () => {
    await assert.rejects(
      pool.execute.batchCommand(
        [
          SQL`INSERT INTO items (id, name) VALUES (${10}, ${'ten'})`,
          SQL`UPDATE items SET name = ${'x'} WHERE id = ${12345}`,
          SQL`INSERT INTO items (id, name) VALUES (${11}, ${'eleven'})`,
        ],
        { assertChanges: true },
      ),
      (error) => {
        assert.ok(error instanceof BatchCommandNoChangesError);
        assert.ok(error instanceof DumboError);
        assert.equal(error.statementIndex, 1);
        assert.equal(error.message, 'Batch command at index 1 affected no rows');
        assert.equal(error.errorCode, 409);
        assert.equal(error.errorType, 'BatchCommandNoChangesError');
        assert.equal(error.name, 'BatchCommandNoChangesError');
        return true;
      },
    );
    // The statement before ran (there is no implicit transaction), the one after did not.
    assert.deepEqual(await ids(), [1, 2, 10]);

    await assert.rejects(
      pool.execute.batchCommand([SQL`DELETE FROM items WHERE id = ${777}`], { assertChanges: true }),
      (error) => error instanceof BatchCommandNoChangesError && error.statementIndex === 0,
    );
    // Without assertChanges, zero changes are fine.
    assert.deepEqual(
      await pool.execute.batchCommand([SQL`DELETE FROM items WHERE id = ${777}`]),
      [{ rowCount: 0, rows: [] }],
    );
  });

  it('a failing statement stops the batch with its error', async () => {
    await assert.rejects(
      pool.execute.batchCommand([
        SQL`INSERT INTO items (id, name) VALUES (${20}, ${'twenty'})`,
        SQL`INSERT INTO items (id, name) VALUES (${20}, ${'duplicate'})`,
        SQL`INSERT INTO items (id, name) VALUES (${21}, ${'never'})`,
      ]),
      { name: 'UniqueConstraintError' },
    );
    assert.deepEqual(await ids(), [1, 2, 10, 20]);
  });
});

describe('mapping option', () => {
  before(async () => {
    await pool.execute.command(
      SQL`INSERT INTO items (id, name, doc, big, created, created_ms) VALUES (${100}, ${'mapped'}, ${{ tags: ['a', 'b'], n: 1 }}, ${2n ** 60n}, ${'2024-03-01T10:20:30.000Z'}, ${Date.UTC(2020, 0, 2)})`,
    );
    await pool.execute.command(
      SQL`INSERT INTO items (id, name, doc, big) VALUES (${101}, ${'raw'}, ${'not json'}, ${7})`,
    );
  });

  const mapping = {
    ...mapColumnToJSON('doc'),
    ...mapColumnToBigint('big'),
    ...mapColumnToDate('created'),
    ...mapColumnToDate('created_ms'),
  };

  it('maps JSON text, integers to BigInt and text/ms to Date on query results', async () => {
    const { rowCount, rows } = await pool.execute.query(
      SQL`SELECT id, doc, big, created, created_ms FROM items WHERE id IN (${100}, ${101}) ORDER BY id`,
      { mapping },
    );
    assert.equal(rowCount, 2);
    assert.deepEqual(rows[0], {
      id: 100,
      doc: { tags: ['a', 'b'], n: 1 },
      big: 2n ** 60n,
      created: new Date('2024-03-01T10:20:30.000Z'),
      created_ms: new Date(Date.UTC(2020, 0, 2)),
    });
    assert.ok(rows[0].created instanceof Date);
    // Not JSON: the raw text is kept. A small integer still becomes a BigInt; NULLs stay.
    assert.deepEqual(rows[1], { id: 101, doc: 'not json', big: 7n, created: null, created_ms: null });
  });

  it('applies only to columns present in the row, and to every result of batchQuery', async () => {
    const [a, b] = await pool.execute.batchQuery(
      [SQL`SELECT big FROM items WHERE id = ${101}`, SQL`SELECT name, doc FROM items WHERE id = ${100}`],
      { mapping },
    );
    assert.deepEqual(a.rows, [{ big: 7n }]);
    assert.deepEqual(b.rows, [{ name: 'mapped', doc: { tags: ['a', 'b'], n: 1 } }]);
    assert.ok(!('created' in b.rows[0]));
  });

  it('a value that cannot be a BigInt gives a DataError', async () => {
    await assert.rejects(
      pool.execute.query(SQL`SELECT 1.5 AS big`, { mapping: mapColumnToBigint('big') }),
      dataError("Cannot convert value of column 'big' to BigInt: 1.5"),
    );
  });

  it('custom mapping functions receive the raw value', async () => {
    const seen = [];
    const { rows } = await pool.execute.query(SQL`SELECT name FROM items WHERE id = ${100}`, {
      mapping: { name: (value) => (seen.push(value), value.toUpperCase()) },
    });
    assert.deepEqual(rows, [{ name: 'MAPPED' }]);
    assert.deepEqual(seen, ['mapped']);
  });
});

describe('result helpers', () => {
  const q = (sql) => pool.execute.query(sql);
  const none = SQL`SELECT id, name FROM items WHERE id = ${-1}`;
  const one = SQL`SELECT id, name FROM items WHERE id = ${1}`;
  const many = SQL`SELECT id, name FROM items WHERE id IN (${1}, ${2}) ORDER BY id`;

  it('single', async () => {
    assert.deepEqual(await single(q(one)), { id: 1, name: 'uno' });
    await assert.rejects(single(q(none)), dataError("Query didn't return any result"));
    await assert.rejects(single(q(many)), dataError('Query had more than one result'));
  });

  it('singleOrNull', async () => {
    assert.deepEqual(await singleOrNull(q(one)), { id: 1, name: 'uno' });
    assert.equal(await singleOrNull(q(none)), null);
    await assert.rejects(singleOrNull(q(many)), dataError('Query had more than one result'));
  });

  it('first', async () => {
    assert.deepEqual(await first(q(many)), { id: 1, name: 'uno' });
    assert.deepEqual(await first(q(one)), { id: 1, name: 'uno' });
    await assert.rejects(first(q(none)), dataError("Query didn't return any result"));
  });

  it('firstOrNull', async () => {
    assert.deepEqual(await firstOrNull(q(many)), { id: 1, name: 'uno' });
    assert.equal(await firstOrNull(q(none)), null);
  });

  it('count', async () => {
    const total = await count(q(SQL`SELECT count(*) AS count FROM items`));
    assert.equal(total, (await ids()).length);
    assert.equal(typeof total, 'number');
    assert.equal(await count(q(SQL`SELECT count(*) AS count FROM items WHERE id < 0`)), 0);
    await assert.rejects(count(q(SQL`SELECT 1 AS count WHERE 0`)), dataError("Query didn't return any result"));
    await assert.rejects(
      count(q(SQL`SELECT 1 AS count UNION ALL SELECT 2`)),
      dataError('Query had more than one result'),
    );
  });

  it('exists (SQLite gives 1/0)', async () => {
    assert.equal(await exists(q(SQL`SELECT EXISTS (SELECT 1 FROM items WHERE id = ${1}) AS "exists"`)), true);
    assert.equal(await exists(q(SQL`SELECT EXISTS (SELECT 1 FROM items WHERE id = ${-1}) AS "exists"`)), false);
    await assert.rejects(exists(q(none)), dataError("Query didn't return any result"));
  });

  it('mapRows and mapToCamelCase', async () => {
    assert.deepEqual(await mapRows(q(many), (row) => `${row.id}:${row.name}`), ['1:uno', '2:two']);
    assert.deepEqual(await mapRows(q(none), (row) => row), []);
    const camel = await mapRows(
      q(SQL`SELECT id AS item_id, name AS item_name FROM items WHERE id = ${2}`),
      mapToCamelCase,
    );
    assert.deepEqual(camel, [{ itemId: 2, itemName: 'two' }]);
  });

  it('helpers pass query errors through', async () => {
    await assert.rejects(single(q(SQL`SELECT * FROM missing_table`)), {
      name: 'InvalidOperationError',
      message: 'no such table: missing_table',
    });
  });
});
