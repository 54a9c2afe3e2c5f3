import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { DataError } = require('../../lib/errors.cjs');
const { jsonSerializer } = require('../../lib/serializer.cjs');
const {
  first,
  firstOrNull,
  single,
  singleOrNull,
  count,
  exists,
  mapRows,
  toCamelCase,
  mapToCamelCase,
  mapColumnToJSON,
  mapColumnToBigint,
  mapColumnToDate,
  mapSQLQueryResult,
} = require('../../lib/query.cjs');

const result = (...rows) => Promise.resolve({ rowCount: rows.length, rows });

const rejectsWith = (promise, message) =>
  assert.rejects(promise, (error) => {
    assert.ok(error instanceof DataError);
    assert.equal(error.errorCode, 400);
    assert.equal(error.message, message);
    return true;
  });

const NO_RESULT = "Query didn't return any result";
const MORE_THAN_ONE = 'Query had more than one result';

describe('selectors', () => {
  it('first returns the first row or throws', async () => {
    assert.deepEqual(await first(result({ id: 1 }, { id: 2 })), { id: 1 });
    await rejectsWith(first(result()), NO_RESULT);
  });

  it('firstOrNull returns the first row or null', async () => {
    assert.deepEqual(await firstOrNull(result({ id: 1 }, { id: 2 })), { id: 1 });
    assert.equal(await firstOrNull(result()), null);
  });

  it('single returns the only row, throws for 0 or many', async () => {
    assert.deepEqual(await single(result({ id: 1 })), { id: 1 });
    await rejectsWith(single(result()), NO_RESULT);
    await rejectsWith(single(result({ id: 1 }, { id: 2 })), MORE_THAN_ONE);
  });

  it('singleOrNull returns null for 0, the row for 1, throws for many', async () => {
    assert.equal(await singleOrNull(result()), null);
    assert.deepEqual(await singleOrNull(result({ id: 1 })), { id: 1 });
    await rejectsWith(singleOrNull(result({ id: 1 }, { id: 2 })), MORE_THAN_ONE);
  });

  it('count converts number, bigint and string counts', async () => {
    assert.equal(await count(result({ count: 3 })), 3);
    assert.equal(await count(result({ count: 42n })), 42);
    assert.equal(await count(result({ count: '7' })), 7);
    await rejectsWith(count(result()), NO_RESULT);
    await rejectsWith(count(result({ count: 1 }, { count: 2 })), MORE_THAN_ONE);
  });

  it('exists accepts true and 1 (SQLite)', async () => {
    assert.equal(await exists(result({ exists: true })), true);
    assert.equal(await exists(result({ exists: 1 })), true);
    assert.equal(await exists(result({ exists: false })), false);
    assert.equal(await exists(result({ exists: 0 })), false);
    assert.equal(await exists(result({ exists: 'true' })), false);
    await rejectsWith(exists(result()), NO_RESULT);
  });

  it('mapRows maps each row', async () => {
    assert.deepEqual(await mapRows(result({ id: 1 }, { id: 2 }), (row) => row.id * 10), [10, 20]);
    assert.deepEqual(await mapRows(result(), (row) => row), []);
  });

  it('propagates a rejected query', async () => {
    const failure = new DataError('db down');
    await assert.rejects(first(Promise.reject(failure)), (error) => error === failure);
  });
});

describe('camel case', () => {
  it('toCamelCase converts _x to X', () => {
    assert.equal(toCamelCase('user_id'), 'userId');
    assert.equal(toCamelCase('created_at_utc'), 'createdAtUtc');
    assert.equal(toCamelCase('already'), 'already');
    assert.equal(toCamelCase('_private'), 'Private');
    assert.equal(toCamelCase('a__b'), 'a_B');
    assert.equal(toCamelCase('trailing_'), 'trailing_');
    assert.equal(toCamelCase('col_1'), 'col_1');
    assert.equal(toCamelCase('col_A'), 'col_A');
    assert.equal(toCamelCase(''), '');
  });

  it('mapToCamelCase converts own keys only', () => {
    const proto = { inherited_key: 1 };
    const row = Object.assign(Object.create(proto), { user_id: 1, first_name: 'Ann' });
    assert.deepEqual(mapToCamelCase(row), { userId: 1, firstName: 'Ann' });
  });
});

describe('column mappers', () => {
  it('mapColumnToJSON deserialises strings and ignores parse errors', () => {
    const mapping = mapColumnToJSON('data');
    assert.deepEqual(Object.keys(mapping), ['data']);
    assert.deepEqual(mapping.data('{"a":1}'), { a: 1 });
    assert.equal(mapping.data('not json'), 'not json');
    const obj = { a: 1 };
    assert.equal(mapping.data(obj), obj);
    assert.equal(mapping.data(null), null);
  });

  it('mapColumnToJSON uses the given serializer and options', () => {
    const mapping = mapColumnToJSON('data', jsonSerializer({ parseDates: true }));
    assert.ok(mapping.data('{"at":"2024-01-15T10:30:00.000Z"}').at instanceof Date);
    const withOptions = mapColumnToJSON('data', jsonSerializer(), { parseBigInts: true });
    assert.equal(withOptions.data('{"n":"9007199254740993"}').n, 9007199254740993n);
  });

  it('mapColumnToBigint converts numbers and strings', () => {
    const { id } = mapColumnToBigint('id');
    assert.equal(id(5), 5n);
    assert.equal(id('9007199254740993'), 9007199254740993n);
    assert.equal(id(null), null);
    assert.equal(id(7n), 7n);
    assert.throws(() => id('abc'), (error) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.message, "Cannot convert value of column 'id' to BigInt: abc");
      assert.ok(error.innerError instanceof SyntaxError);
      return true;
    });
    assert.throws(() => id(1.5), DataError);
  });

  it('mapColumnToDate converts numbers and strings', () => {
    const { at } = mapColumnToDate('at');
    assert.equal(at(0).toISOString(), '1970-01-01T00:00:00.000Z');
    assert.equal(at('2024-01-15T10:30:00.000Z').getTime(), Date.parse('2024-01-15T10:30:00.000Z'));
    assert.equal(at(null), null);
    const date = new Date();
    assert.equal(at(date), date);
  });

  it('mapSQLQueryResult applies the mapping to present columns on a copy', () => {
    const row = { id: '1', data: '{"a":1}', other: 'x' };
    const mapped = mapSQLQueryResult(row, {
      ...mapColumnToBigint('id'),
      ...mapColumnToJSON('data'),
      ...mapColumnToDate('missing'),
    });
    assert.deepEqual(mapped, { id: 1n, data: { a: 1 }, other: 'x' });
    assert.equal('missing' in mapped, false);
    assert.deepEqual(row, { id: '1', data: '{"a":1}', other: 'x' });
    assert.notEqual(mapped, row);
  });

  it('mapSQLQueryResult maps columns whose value is undefined or null', () => {
    const mapped = mapSQLQueryResult({ a: undefined, b: null }, { a: () => 'A', b: () => 'B' });
    assert.deepEqual(mapped, { a: 'A', b: 'B' });
  });

  it('mapSQLQueryResult returns non-objects unchanged', () => {
    assert.equal(mapSQLQueryResult(null, { a: () => 1 }), null);
    assert.equal(mapSQLQueryResult(5, { a: () => 1 }), 5);
  });
});
