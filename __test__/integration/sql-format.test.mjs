// SQL.format / SQL.describe with the SQLite formatter (reference 5.2-5.4, 5.8), and
// injection safety proven against a real SQLite database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';
import { sqliteFormatter } from '@event-driven-io/dumbo/sqlite';
import { SQL, DataError, InvalidOperationError } from '@event-driven-io/dumbo';

const format = (sql) => SQL.format(sql, sqliteFormatter);

describe('SQL.format with sqliteFormatter', () => {
  it('uses ? placeholders and keeps parameters in order', () => {
    assert.deepEqual(format(SQL`SELECT * FROM users WHERE a = ${1} AND b = ${'x'} AND c = ${2.5}`), {
      query: 'SELECT * FROM users WHERE a = ? AND b = ? AND c = ?',
      params: [1, 'x', 2.5],
    });
    assert.deepEqual(format(SQL`SELECT 1`), { query: 'SELECT 1', params: [] });
  });

  it('flattens nested SQL and merges arrays of SQL with newlines', () => {
    const where = SQL`WHERE id = ${7}`;
    assert.deepEqual(format(SQL`SELECT ${'a'} FROM t ${where}`), {
      query: 'SELECT ? FROM t WHERE id = ?',
      params: ['a', 7],
    });
    assert.deepEqual(format([SQL`SELECT ${1}`, SQL`SELECT ${2}`]), {
      query: 'SELECT ?\nSELECT ?',
      params: [1, 2],
    });
  });

  it('quotes identifiers only when needed, including reserved words', () => {
    const id = (name) => format(SQL`SELECT ${SQL.identifier(name)}`).query.slice('SELECT '.length);
    assert.equal(id('users'), 'users');
    assert.equal(id('user_1'), 'user_1');
    assert.equal(id('Users'), '"Users"');
    assert.equal(id('User Table'), '"User Table"');
    assert.equal(id('test.some.stuff'), '"test.some.stuff"');
    assert.equal(id('test."some".stuff'), '"test.""some"".stuff"');
    assert.equal(id('a"b'), '"a""b"');
    for (const reserved of ['select', 'order', 'desc', 'join', 'cross', 'table']) {
      assert.equal(id(reserved), `"${reserved}"`);
    }
    assert.equal(format(SQL`SELECT ${SQL.identifier('x')}`).params.length, 0, 'identifiers are inlined');
  });

  it('a null identifier is a DataError', () => {
    assert.throws(() => format(SQL`SELECT ${SQL.identifier(null)}`), (error) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.message, 'SQL identifier cannot be null or undefined');
      return true;
    });
  });

  it('expands SQL.in and SQL.array; an empty IN binds false', () => {
    assert.deepEqual(format(SQL`SELECT * FROM t WHERE ${SQL.in('id', [1, 2, 3])}`), {
      query: 'SELECT * FROM t WHERE id IN (?, ?, ?)',
      params: [1, 2, 3],
    });
    assert.deepEqual(format(SQL`SELECT * FROM t WHERE ${SQL.in('id', ['a'], { mode: 'params' })}`), {
      query: 'SELECT * FROM t WHERE id IN (?)',
      params: ['a'],
    });
    // This implementation quotes the SQL.in column as an identifier (README).
    assert.deepEqual(format(SQL`SELECT * FROM t WHERE ${SQL.in('Order', [1])}`), {
      query: 'SELECT * FROM t WHERE "Order" IN (?)',
      params: [1],
    });
    assert.deepEqual(format(SQL`SELECT * FROM t WHERE ${SQL.in('id', [])}`), {
      query: 'SELECT * FROM t WHERE ?',
      params: [false],
    });
    assert.deepEqual(format(SQL`SELECT * FROM t WHERE id IN (${SQL.array([4, 5])})`), {
      query: 'SELECT * FROM t WHERE id IN (?, ?)',
      params: [4, 5],
    });
    assert.deepEqual(format(SQL`SELECT * FROM t WHERE id IN (${[6, 'seven']})`), {
      query: 'SELECT * FROM t WHERE id IN (?, ?)',
      params: [6, 'seven'],
    });
  });

  it('an empty array is a DataError with the upstream message', () => {
    const message =
      "Empty arrays are not supported. If you're using it with SELECT IN statement Use SQL.in(column, array) helper instead.";
    for (const sql of [SQL`SELECT * FROM t WHERE id IN (${[]})`, SQL`SELECT ${SQL.array([])}`]) {
      assert.throws(() => format(sql), (error) => {
        assert.ok(error instanceof DataError);
        assert.equal(error.message, message);
        return true;
      });
    }
  });

  it('maps values: Date to ISO text, bigint to a string, objects to JSON; booleans and null stay', () => {
    const { query, params } = format(
      SQL`SELECT ${new Date('2023-01-01T00:00:00Z')}, ${123456789012345678901n}, ${{ a: "it's", b: [1] }}, ${true}, ${false}, ${null}, ${undefined}`,
    );
    assert.equal(query, 'SELECT ?, ?, ?, ?, ?, ?, ?');
    assert.deepEqual(params, [
      '2023-01-01T00:00:00.000Z',
      '123456789012345678901',
      '{"a":"it\'s","b":[1]}',
      true,
      false,
      null,
      null,
    ]);
  });

  it('inlines SQL.plain and SQL.literal without parameters', () => {
    assert.deepEqual(format(SQL`SELECT ${SQL.plain("some'unsafe")}, ${SQL.literal("director's cut")}`), {
      query: "SELECT some'unsafe, 'director''s cut'",
      params: [],
    });
  });

  it('rejects string SQL with InvalidOperationError', () => {
    assert.throws(() => SQL.format('SELECT 1', sqliteFormatter), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(error.message, 'Expected TokenizedSQL, got string-based SQL');
      return true;
    });
  });
});

describe('SQL.describe with sqliteFormatter', () => {
  it('inlines every parameter serialised as JSON', () => {
    assert.equal(
      SQL.describe(SQL`SELECT ${'x'}, ${1}, ${{ title: "director's cut" }}, ${null}, ${true}`, sqliteFormatter),
      'SELECT "x", 1, "{\\"title\\":\\"director\'s cut\\"}", null, true',
    );
    assert.equal(
      SQL.describe(SQL`SELECT ${new Date('2023-01-01T00:00:00Z')} FROM ${SQL.identifier('Users')}`, sqliteFormatter),
      'SELECT "2023-01-01T00:00:00.000Z" FROM "Users"',
    );
    assert.equal(
      SQL.describe([SQL`SELECT ${'a'}`, SQL`SELECT ${2}`], sqliteFormatter),
      'SELECT "a"\nSELECT 2',
    );
  });
});

describe('injection safety against a real SQLite database', () => {
  let pool;
  before(async () => {
    pool = dumbo({ connectionString: ':memory:' });
    await pool.execute.command(SQL`CREATE TABLE x (id INTEGER PRIMARY KEY, v TEXT)`);
  });
  after(() => pool.close());

  const hostile = [
    "it's",
    "'",
    "''",
    '"double"',
    "'; DROP TABLE x; --",
    "Robert'); DROP TABLE x; --",
    '1 OR 1=1',
    '?',
    '??',
    '?1',
    '$1',
    ':name',
    '@name',
    '__P__',
    '/* comment */',
    '-- comment',
    '\\',
    'a\u0000b',
    '\u0000',
    'ünîcødé 🚀 日本語 \u202e',
    '\r\n\t',
    ' ',
    '',
    'x'.repeat(10_000),
  ];

  it('hostile strings bound as parameters round-trip exactly, and the table survives', async () => {
    for (const value of hostile) {
      await pool.execute.command(SQL`INSERT INTO x (v) VALUES (${value})`);
    }
    const { rows } = await pool.execute.query(SQL`SELECT v FROM x ORDER BY id`);
    assert.equal(rows.length, hostile.length);
    rows.forEach((row, i) => assert.equal(row.v, hostile[i], `value ${i} round-trips`));

    for (const value of hostile) {
      const { rows: found } = await pool.execute.query(SQL`SELECT count(*) AS n FROM x WHERE v = ${value}`);
      assert.deepEqual(found, [{ n: 1 }], `WHERE v = ${JSON.stringify(value.slice(0, 40))}`);
    }
    const { rows: tables } = await pool.execute.query(
      SQL`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${'x'}`,
    );
    assert.deepEqual(tables, [{ name: 'x' }]);
  });

  it('hostile strings inside JSON object parameters round-trip exactly', async () => {
    const doc = { values: hostile.slice(0, 20) };
    const { rows } = await pool.execute.command(SQL`INSERT INTO x (v) VALUES (${doc}) RETURNING v`);
    assert.deepEqual(JSON.parse(rows[0].v), doc);
  });

  it('SQL.in values are bound too', async () => {
    const { rows } = await pool.execute.query(
      SQL`SELECT count(*) AS n FROM x WHERE ${SQL.in('v', ["'; DROP TABLE x; --", '?', 'no such value'])}`,
    );
    assert.deepEqual(rows, [{ n: 2 }]);
  });

  it('SQL.identifier with hostile names creates and queries a table with exactly that name', async () => {
    const names = [
      'weird "name"; DROP TABLE x; --',
      'select',
      'Users',
      "it's",
      'tâble 🚀',
      'a.b',
      '?',
      '$1',
      'with space',
    ];
    for (const name of names) {
      const table = SQL.identifier(name);
      const column = SQL.identifier(`col ${name}`);
      await pool.execute.command(SQL`CREATE TABLE ${table} (${column} TEXT)`);
      await pool.execute.command(SQL`INSERT INTO ${table} (${column}) VALUES (${name})`);
      const { rows } = await pool.execute.query(SQL`SELECT ${column} AS v FROM ${table}`);
      assert.deepEqual(rows, [{ v: name }]);
      const { rows: columns } = await pool.execute.query(
        SQL`SELECT name FROM pragma_table_info(${name})`,
      );
      assert.deepEqual(columns, [{ name: `col ${name}` }]);
    }
    const { rows: tables } = await pool.execute.query(
      SQL`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid`,
    );
    assert.deepEqual(
      tables.map((t) => t.name),
      ['x', ...names],
    );
  });
});
