// PostgreSQL parameter and result values (issue: node-postgres users' expectations,
// with Dumbo's int8 → BigInt and json → serializer parsers), multi-statement
// strings and prepared-statement caching on a real server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dumbo } from '@event-driven-io/dumbo/pg';
import { SQL, single, jsonSerializer } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'pg_types';
let url;
let pool;
before(async () => {
  url = await createTestDatabase(TAG);
  pool = dumbo({ connectionString: url });
  await pool.execute.command(SQL`CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')`);
  await pool.execute.command(SQL`
    CREATE TABLE vals (
      id serial PRIMARY KEY,
      i2 int2, i4 int4, i8 int8, f4 float4, f8 float8, num numeric(12, 4),
      b bool, t text, vc varchar(20), u uuid, ts timestamp, tstz timestamptz, d date,
      j json, jb jsonb, by bytea, m mood, ia int4[], ta text[], i8a int8[], iv interval
    )`);
});
after(async () => {
  await pool?.close();
  await dropTestDatabase(TAG);
});

const roundTrip = async (column, value) => {
  const { id } = await single(
    pool.execute.command(SQL`INSERT INTO vals (${SQL.identifier(column)}) VALUES (${value}) RETURNING id`),
  );
  const row = await single(pool.execute.query(SQL`SELECT ${SQL.identifier(column)} AS v FROM vals WHERE id = ${id}`));
  return row.v;
};

describe('PostgreSQL parameters and results', () => {
  it('integers, floats and numeric', async () => {
    assert.equal(await roundTrip('i2', 12), 12);
    assert.equal(await roundTrip('i4', -2147483648), -2147483648);
    assert.equal(await roundTrip('i8', 9007199254740993n), 9007199254740993n);
    assert.equal(await roundTrip('i8', 5), 5n, 'int8 always comes back as BigInt');
    assert.equal(await roundTrip('f8', 1.5e-7), 1.5e-7);
    assert.equal(await roundTrip('f4', 0.5), 0.5);
    assert.equal(await roundTrip('num', 12.5), '12.5000', 'numeric is a string with its scale');
    assert.equal(await roundTrip('num', '-0.0001'), '-0.0001');
    assert.ok(Number.isNaN(await roundTrip('f8', Number.NaN)));
    assert.equal(await roundTrip('f8', Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  });

  it('booleans, text, uuid and enums from strings', async () => {
    assert.equal(await roundTrip('b', true), true);
    assert.equal(await roundTrip('b', false), false);
    const hostile = `it's "quoted" \\ back, $1 ? -- /* */ ; ünïcødé 🎉`;
    assert.equal(await roundTrip('t', hostile), hostile);
    assert.equal(await roundTrip('vc', 'short'), 'short');
    const id = '0b8f2d3e-6a4c-4d7e-9f10-1234567890ab';
    assert.equal(await roundTrip('u', id), id);
    assert.equal(await roundTrip('u', id.toUpperCase()), id, 'uuid comes back lower-cased');
    assert.equal(await roundTrip('m', 'happy'), 'happy');
  });

  it('Dates into timestamptz, timestamp and date; timestamptz strings', async () => {
    const when = new Date('2024-02-29T13:14:15.678Z');
    const tstz = await roundTrip('tstz', when);
    assert.ok(tstz instanceof Date);
    assert.equal(tstz.toISOString(), when.toISOString());
    const fromString = await roundTrip('tstz', '2024-02-29 15:14:15.678+02');
    assert.equal(fromString.toISOString(), when.toISOString());
    const ts = await roundTrip('ts', '2024-02-29 13:14:15.678');
    assert.ok(ts instanceof Date);
    // timestamp without time zone is read in the process's local time, as node-postgres does.
    assert.deepEqual(
      [ts.getFullYear(), ts.getMonth(), ts.getDate(), ts.getHours(), ts.getMinutes(), ts.getSeconds(), ts.getMilliseconds()],
      [2024, 1, 29, 13, 14, 15, 678],
    );
    const d = await roundTrip('d', '2024-02-29');
    assert.deepEqual([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()], [2024, 1, 29, 0]);
  });

  it('many timestamptz cells with NULLs, infinities and int8 beside them land in the right rows', async () => {
    const { rows } = await pool.execute.query(SQL`
      SELECT g AS i, CASE WHEN g % 3 = 0 THEN NULL WHEN g = 5 THEN 'infinity'::timestamptz
                        ELSE to_timestamp(g) END AS at, g::int8 AS big
      FROM generate_series(1, 50) AS g ORDER BY g`);
    assert.equal(rows.length, 50);
    for (const row of rows) {
      assert.equal(row.big, BigInt(row.i));
      if (row.i % 3 === 0) assert.equal(row.at, null);
      else if (row.i === 5) assert.equal(row.at, Number.POSITIVE_INFINITY);
      else assert.equal(row.at.getTime(), row.i * 1000);
    }
  });

  it('objects into json/jsonb come back parsed; Buffers into bytea come back as Buffers', async () => {
    const doc = { a: 1, nested: { list: [1, 'two', null], ok: true }, text: 'quote " and \\' };
    assert.deepEqual(await roundTrip('jb', doc), doc);
    assert.deepEqual(await roundTrip('j', doc), doc);
    // As with node-postgres, a JS array binds as a PostgreSQL array: JSON arrays go as text.
    assert.deepEqual(await roundTrip('jb', JSON.stringify([1, 2, 3])), [1, 2, 3]);
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const back = await roundTrip('by', bytes);
    assert.ok(Buffer.isBuffer(back));
    assert.deepEqual([...back], [...bytes]);
  });

  it('arrays into array columns, element types kept', async () => {
    assert.deepEqual(await roundTrip('ia', [1, 2, null, 4]), [1, 2, null, 4]);
    const texts = ['a,b', '{braces}', 'q"uote', 'back\\slash', '', 'NULL', null];
    assert.deepEqual(await roundTrip('ta', texts), texts);
    assert.deepEqual(await roundTrip('i8a', [1n, 2n, null]), [1n, 2n, null]);
    const { m } = await single(pool.execute.query(SQL`SELECT ARRAY[ARRAY[1,2],ARRAY[3,4]] AS m`));
    assert.deepEqual(m, [[1, 2], [3, 4]]);
  });

  it('null and undefined bind as NULL; other types come back in their text form', async () => {
    assert.equal(await roundTrip('t', null), null);
    assert.equal(await roundTrip('i4', undefined), null);
    assert.equal(await roundTrip('iv', '1 day 02:03:04'), '1 day 02:03:04');
  });

  it('SQL.in and plain arrays bind one native array parameter (= ANY)', async () => {
    const ids = [];
    for (const v of ['x1', 'x2', 'x3']) {
      ids.push((await single(pool.execute.command(SQL`INSERT INTO vals (t) VALUES (${v}) RETURNING id`))).id);
    }
    const viaIn = await pool.execute.query(SQL`SELECT t FROM vals WHERE ${SQL.in('id', ids)} ORDER BY id`);
    assert.deepEqual(viaIn.rows.map((r) => r.t), ['x1', 'x2', 'x3']);
    const viaAny = await pool.execute.query(SQL`SELECT t FROM vals WHERE id = ANY (${ids.slice(1)}) ORDER BY id`);
    assert.deepEqual(viaAny.rows.map((r) => r.t), ['x2', 'x3']);
    const none = await pool.execute.query(SQL`SELECT t FROM vals WHERE ${SQL.in('id', [])}`);
    assert.equal(none.rowCount, 0);
  });

  it('keeps column order and counts rows', async () => {
    const r = await pool.execute.query(SQL`SELECT 3 AS c, 1 AS a, 2 AS b`);
    assert.deepEqual(Object.keys(r.rows[0]), ['c', 'a', 'b']);
    const updated = await pool.execute.command(SQL`UPDATE vals SET b = ${true} WHERE t LIKE ${'x%'}`);
    assert.equal(updated.rowCount, 3);
    assert.deepEqual(updated.rows, []);
    const count = await single(pool.execute.query(SQL`SELECT COUNT(*) AS n FROM vals WHERE b`));
    assert.equal(typeof count.n, 'bigint');
  });

  it('a custom serializer deserializes json/jsonb results and serializes parameters', async () => {
    const custom = jsonSerializer({ parseDates: true });
    const p = dumbo({ connectionString: url, serializer: custom });
    try {
      const when = new Date('2020-01-02T03:04:05.006Z');
      const { id } = await single(p.execute.command(SQL`INSERT INTO vals (jb) VALUES (${{ when }}) RETURNING id`));
      const row = await single(p.execute.query(SQL`SELECT jb, ARRAY[jb, jb] AS pair FROM vals WHERE id = ${id}`));
      assert.ok(row.jb.when instanceof Date, 'the serializer revived the date');
      assert.equal(row.jb.when.toISOString(), when.toISOString());
    } finally {
      await p.close();
    }
  });
});

describe('PostgreSQL result rows', () => {
  it('json and jsonb arrays, NULL elements and nested arrays come back parsed, by the custom serializer too', async () => {
    const arrays = SQL`SELECT ARRAY['{"a":1}'::jsonb, NULL, '[2]'::jsonb] AS jb,
      ARRAY[ARRAY['{"b":"x"}'::json], ARRAY['null'::json]] AS nested, NULL::jsonb[] AS none,
      '"text"'::jsonb AS scalar`;
    assert.deepEqual(await single(pool.execute.query(arrays)), {
      jb: [{ a: 1 }, null, [2]],
      nested: [[{ b: 'x' }], [null]],
      none: null,
      scalar: 'text',
    });
    const read = [];
    const custom = { serialize: JSON.stringify, deserialize: (text) => (read.push(text), { read: JSON.parse(text) }) };
    const p = dumbo({ connectionString: url, serializer: custom });
    try {
      const row = await single(p.execute.query(arrays));
      assert.deepEqual(row.jb, [{ read: { a: 1 } }, null, { read: [2] }]);
      assert.deepEqual(row.nested, [[{ read: { b: 'x' } }], [{ read: null }]]);
      assert.deepEqual(row.scalar, { read: 'text' });
      assert.deepEqual(read.sort(), ['"text"', '[2]', 'null', '{"a": 1}', '{"b":"x"}'].sort());
    } finally {
      await p.close();
    }
  });

  it('one column name holding a timestamptz, then json, then text in turn keeps each type', async () => {
    const when = new Date('2021-03-04T05:06:07.089Z');
    for (let round = 0; round < 3; round++) {
      const date = await single(pool.execute.query(SQL`SELECT ${when}::timestamptz AS v, 1 AS n`));
      assert.ok(date.v instanceof Date);
      assert.equal(date.v.getTime(), when.getTime());
      assert.deepEqual(await single(pool.execute.query(SQL`SELECT '{"v":2}'::jsonb AS v, 1 AS n`)), { v: { v: 2 }, n: 1 });
      assert.deepEqual(await single(pool.execute.query(SQL`SELECT '{"v":2}'::text AS v, 1 AS n`)), { v: '{"v":2}', n: 1 });
      assert.deepEqual(await single(pool.execute.query(SQL`SELECT 5::float8 AS v, 1 AS n`)), { v: 5, n: 1 });
    }
  });

  it('dates and json in a 300-column row and beside a __proto__ column', async () => {
    const columns = Array.from({ length: 300 }, (_, i) =>
      i === 7 ? `'2020-01-01T00:00:00Z'::timestamptz AS c${i}` : i === 9 ? `'{"k":[1]}'::jsonb AS c${i}` : `${i} AS c${i}`,
    );
    const wide = await single(pool.execute.query(SQL`${SQL.plain(`SELECT ${columns.join(', ')}`)}`));
    assert.equal(Object.keys(wide).length, 300);
    assert.equal(wide.c7.toISOString(), '2020-01-01T00:00:00.000Z');
    assert.deepEqual(wide.c9, { k: [1] });
    assert.equal(wide.c299, 299);
    const proto = await single(
      pool.execute.query(SQL`SELECT '2020-01-01T00:00:00Z'::timestamptz AS "__proto__", '[1]'::json AS j, 'infinity'::timestamptz AS inf`),
    );
    assert.ok(Object.hasOwn(proto, '__proto__'));
    assert.equal(proto.__proto__.toISOString(), '2020-01-01T00:00:00.000Z');
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
    assert.deepEqual(proto.j, [1]);
    assert.equal(proto.inf, Infinity);
  });
});

describe('PostgreSQL statements', () => {
  it('a parameterless multi-statement string runs through the simple protocol', async () => {
    await pool.execute.command(
      SQL`CREATE SCHEMA IF NOT EXISTS multi; DROP SCHEMA multi CASCADE; CREATE SCHEMA multi; CREATE TABLE multi.t (v int); INSERT INTO multi.t VALUES (1), (2)`,
    );
    const r = await pool.execute.query(SQL`SELECT v FROM multi.t ORDER BY v`);
    assert.deepEqual(r.rows, [{ v: 1 }, { v: 2 }]);
  });

  it('a cached statement survives a schema change of its table', async () => {
    await pool.execute.command(SQL`CREATE TABLE shape (a int)`);
    await pool.execute.command(SQL`INSERT INTO shape VALUES (1)`);
    const select = () => pool.execute.query(SQL`SELECT * FROM shape`);
    assert.deepEqual((await select()).rows, [{ a: 1 }]);
    await pool.execute.command(SQL`ALTER TABLE shape ADD COLUMN b text DEFAULT 'x'`);
    assert.deepEqual((await select()).rows, [{ a: 1, b: 'x' }]);
  });
});
