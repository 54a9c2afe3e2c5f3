import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { InvalidOperationError, DataError } = require('../../lib/errors.cjs');
const { SQL, RawSQL, isSQL } = require('../../lib/sql/tag.cjs');
const { TokenizedSQL, isTokenizedSQL } = require('../../lib/sql/tokenized.cjs');
const { SQLIdentifier, SQLLiteral, SQLArray, SQLIn, SQLToken } = require('../../lib/sql/tokens.cjs');
const { JSONParam } = require('../../lib/sql/jsonParam.cjs');
const sqlIndex = require('../../lib/sql/index.cjs');
const { jsonSerializer } = require('../../lib/serializer.cjs');

// Records what SQL.format/describe hand over to the formatter.
const fakeFormatter = () => {
  const calls = [];
  return {
    calls,
    format(sql, options) {
      calls.push({ method: 'format', sql, options });
      return { query: sql.sqlChunks.join(''), params: [] };
    },
    describe(sql, options) {
      calls.push({ method: 'describe', sql, options });
      return sql.sqlChunks.join('');
    },
  };
};

const tokenized = (sqlChunks, sqlTokens = []) => ({
  __brand: 'tokenized-sql',
  sqlChunks,
  sqlTokens,
});

describe('SQL tag', () => {
  it('returns a TokenizedSQL object', () => {
    assert.deepEqual(SQL`SELECT * FROM users`, tokenized(['SELECT * FROM users']));
  });

  it('binds values as literal tokens behind the __P__ marker', () => {
    const query = SQL`SELECT * FROM users WHERE id = ${123} AND name = ${'John'}`;
    assert.deepEqual(query.sqlChunks, ['SELECT * FROM users WHERE id = ', '__P__', ' AND name = ', '__P__']);
    assert.deepEqual(query.sqlTokens, [SQLLiteral.from(123), SQLLiteral.from('John')]);
  });

  it('drops empty literal chunks', () => {
    const query = SQL`${1}${2}`;
    assert.deepEqual(query.sqlChunks, ['__P__', '__P__']);
    assert.equal(query.sqlTokens.length, 2);
  });

  it('makes every other value a literal (null, undefined, Date, bigint, object, function)', () => {
    const date = new Date(0);
    const fn = () => 1;
    const values = [null, undefined, true, date, 10n, { a: 1 }, fn, ''];
    const query = SQL`${values[0]}${values[1]}${values[2]}${values[3]}${values[4]}${values[5]}${values[6]}${values[7]}`;
    assert.deepEqual(query.sqlTokens, values.map((value) => SQLLiteral.from(value)));
  });

  it('turns arrays into SQLArray tokens without a mode', () => {
    const query = SQL`id IN (${[1, 2, 3]})`;
    assert.deepEqual(query.sqlChunks, ['id IN (', '__P__', ')']);
    assert.deepEqual(query.sqlTokens, [SQLArray.from([1, 2, 3])]);
    assert.equal('mode' in query.sqlTokens[0], false);
  });

  it('flattens nested SQL so its parameters join the outer sequence', () => {
    const inner = SQL`SELECT id FROM roles WHERE name = ${'admin'}`;
    const outer = SQL`SELECT * FROM users WHERE a = ${1} AND role_id IN (${inner}) AND b = ${2}`;
    assert.deepEqual(outer.sqlChunks, [
      'SELECT * FROM users WHERE a = ',
      '__P__',
      ' AND role_id IN (',
      'SELECT id FROM roles WHERE name = ',
      '__P__',
      ') AND b = ',
      '__P__',
    ]);
    assert.deepEqual(outer.sqlTokens, [SQLLiteral.from(1), SQLLiteral.from('admin'), SQLLiteral.from(2)]);
  });

  it('flattens deeply nested SQL and skips empty nested chunks', () => {
    const inner = SQL`x = ${'read'}`;
    const middle = SQL`(${inner})`;
    const outer = SQL`WHERE ${middle}${SQL.EMPTY}`;
    assert.deepEqual(outer.sqlChunks, ['WHERE ', '(', 'x = ', '__P__', ')']);
    assert.deepEqual(outer.sqlTokens, [SQLLiteral.from('read')]);
  });

  it('inlines SQL.plain text without a marker', () => {
    const query = SQL`SELECT * FROM users ${SQL.plain("WHERE status = 'active'")} AND id = ${1}`;
    assert.deepEqual(query.sqlChunks, ['SELECT * FROM users ', "WHERE status = 'active'", ' AND id = ', '__P__']);
    assert.deepEqual(query.sqlTokens, [SQLLiteral.from(1)]);
    assert.deepEqual(SQL.plain("some'unsafe"), { sqlTokenType: 'SQL_RAW', SQL_RAW: true, value: "some'unsafe" });
  });

  it('keeps other tokens behind a marker', () => {
    const custom = SQLToken('SQL_CUSTOM').from({ x: 1 });
    const query = SQL`SELECT ${SQL.identifier('name')} FROM ${custom} WHERE ${SQL.in('id', [1])}`;
    assert.deepEqual(query.sqlChunks, ['SELECT ', '__P__', ' FROM ', '__P__', ' WHERE ', '__P__']);
    assert.equal(query.sqlTokens[0].sqlTokenType, 'SQL_IDENTIFIER');
    assert.equal(query.sqlTokens[1], custom);
    assert.equal(query.sqlTokens[2].sqlTokenType, 'SQL_IN');
  });

  it('returns TokenizedSQL.empty when there is no text at all', () => {
    assert.equal(SQL``, TokenizedSQL.empty);
    assert.deepEqual(SQL``, tokenized(['']));
  });

  it('rejects being called with a plain string', () => {
    assert.throws(() => SQL('SELECT 1'), TypeError);
    assert.throws(() => RawSQL('SELECT 1'), TypeError);
  });
});

describe('SQL helpers', () => {
  it('SQL.EMPTY is an empty tokenized SQL', () => {
    assert.deepEqual(SQL.EMPTY, tokenized(['']));
    assert.equal(SQL.EMPTY, TokenizedSQL.empty);
  });

  it('SQL.identifier', () => {
    assert.deepEqual(SQL.identifier('users'), SQLIdentifier.from('users'));
  });

  it("SQL.literal quotes and doubles ' and inlines as plain text", () => {
    assert.deepEqual(SQL.literal("director's cut"), {
      sqlTokenType: 'SQL_RAW',
      SQL_RAW: true,
      value: "'director''s cut'",
    });
    const query = SQL`SELECT ${SQL.literal("a''b")}`;
    assert.deepEqual(query, tokenized(['SELECT ', "'a''''b'"]));
    assert.deepEqual(SQL.literal('').value, "''");
    assert.throws(() => SQL.literal(5), TypeError);
  });

  it('SQL.in with and without mode', () => {
    assert.deepEqual(SQL.in('id', [1, 2]), SQLIn.from({ column: 'id', values: [1, 2] }));
    assert.equal('mode' in SQL.in('id', [1]), false);
    assert.equal(SQL.in('id', [1], { mode: 'params' }).mode, 'params');
    assert.equal(SQL.in('id', [1], {}).mode, undefined);
    assert.deepEqual(SQL.in('id', []).values.value, []);
  });

  it('SQL.array with and without mode', () => {
    assert.deepEqual(SQL.array([1]), SQLArray.from([1]));
    assert.deepEqual(SQL.array([1], { mode: 'native' }), {
      sqlTokenType: 'SQL_ARRAY',
      SQL_ARRAY: true,
      value: [1],
      mode: 'native',
    });
    assert.throws(() => SQL.array('x'), DataError);
  });

  describe('SQL.merge', () => {
    it('joins chunks with a space by default and concatenates tokens', () => {
      const merged = SQL.merge([SQL`SELECT *`, SQL`FROM users`, SQL`WHERE id = ${1}`]);
      assert.deepEqual(merged.sqlChunks, ['SELECT *', ' ', 'FROM users', ' ', 'WHERE id = ', '__P__']);
      assert.deepEqual(merged.sqlTokens, [SQLLiteral.from(1)]);
    });

    it('skips empty and whitespace-only fragments', () => {
      const merged = SQL.merge([SQL`SELECT * FROM users`, SQL` `, SQL.EMPTY, SQL` `, SQL`ORDER BY name`]);
      assert.deepEqual(merged.sqlChunks, ['SELECT * FROM users', ' ', 'ORDER BY name']);
    });

    it('uses the given separator', () => {
      assert.deepEqual(SQL.merge([SQL`a`, SQL`b`], ', ').sqlChunks, ['a', ', ', 'b']);
    });

    it('returns TokenizedSQL.empty when nothing is left', () => {
      assert.equal(SQL.merge([SQL``, SQL.EMPTY, SQL`  `]), TokenizedSQL.empty);
      assert.equal(SQL.merge([]), TokenizedSQL.empty);
    });

    it('a single fragment equals itself', () => {
      const content = SQL`SELECT ${1}`;
      assert.deepEqual(SQL.merge([SQL``, content, SQL.EMPTY]), content);
    });

    it('keeps parameter-only fragments', () => {
      const merged = SQL.merge([SQL`${''}`, SQL`x`]);
      assert.deepEqual(merged.sqlChunks, ['__P__', ' ', 'x']);
    });

    it('rejects non-tokenized fragments and non-arrays', () => {
      assert.throws(
        () => SQL.merge([SQL`a`, 'b']),
        (error) => error instanceof InvalidOperationError && error.message === 'Expected TokenizedSQL, got string-based SQL',
      );
      assert.throws(() => SQL.merge(SQL`a`), TypeError);
    });

    it('does not mutate its inputs', () => {
      const a = SQL`a ${1}`;
      const before = structuredClone(a);
      SQL.merge([a, a]);
      assert.deepEqual(a, before);
    });
  });

  it('SQL.concat merges without a separator', () => {
    const merged = SQL.concat(SQL`SELECT `, SQL`${1}`, SQL.EMPTY, SQL` + 1`);
    assert.deepEqual(merged.sqlChunks, ['SELECT ', '__P__', ' + 1']);
    assert.equal(SQL.concat(), TokenizedSQL.empty);
  });

  describe('SQL.check', () => {
    it('isSQL / isTokenizedSQL accept tokenized SQL only', () => {
      for (const check of [SQL.check.isSQL, SQL.check.isTokenizedSQL, isSQL, isTokenizedSQL]) {
        assert.equal(check(SQL`SELECT 1`), true);
        assert.equal(check(RawSQL`SELECT 1`), true);
        assert.equal(check(SQL.EMPTY), true);
        assert.equal(check('SELECT 1'), false);
        assert.equal(check(null), false);
        assert.equal(check(undefined), false);
        assert.equal(check(SQL.plain('x')), false);
        assert.equal(check({ __brand: 'sql' }), false);
      }
    });

    it('isEmpty quirks', () => {
      assert.equal(SQL.check.isEmpty(SQL``), true);
      assert.equal(SQL.check.isEmpty(SQL.EMPTY), true);
      assert.equal(SQL.check.isEmpty(SQL` `), true);
      assert.equal(SQL.check.isEmpty(SQL`\n\t `), true);
      assert.equal(SQL.check.isEmpty(RawSQL``), true);
      assert.equal(SQL.check.isEmpty(SQL`SELECT 1`), false);
      assert.equal(SQL.check.isEmpty(SQL`${''}`), false);
      assert.equal(SQL.check.isEmpty(SQL`${''}${''}${''}`), false);
      assert.equal(SQL.check.isEmpty(SQL`${SQL.plain('  ')}`), true);
      assert.equal(SQL.check.isEmpty('   '), false);
    });

    it('isIdentifier, isPlain, isSQLIn', () => {
      assert.equal(SQL.check.isIdentifier(SQL.identifier('a')), true);
      assert.equal(SQL.check.isIdentifier(SQL.plain('a')), false);
      assert.equal(SQL.check.isPlain(SQL.literal('a')), true);
      assert.equal(SQL.check.isPlain('a'), false);
      assert.equal(SQL.check.isSQLIn(SQL.in('a', [1])), true);
      assert.equal(SQL.check.isSQLIn(SQL.array([1])), false);
    });
  });

  describe('SQL.format / SQL.describe', () => {
    it('format delegates with processors: default', () => {
      const formatter = fakeFormatter();
      const serializer = jsonSerializer();
      const query = SQL`SELECT ${1}`;
      const result = SQL.format(query, formatter, { serializer });
      assert.deepEqual(result, { query: 'SELECT __P__', params: [] });
      assert.equal(formatter.calls.length, 1);
      assert.equal(formatter.calls[0].sql, query);
      assert.deepEqual(formatter.calls[0].options, { serializer, processors: 'default' });
    });

    it('format without options still passes processors: default', () => {
      const formatter = fakeFormatter();
      SQL.format(SQL`SELECT 1`, formatter);
      assert.deepEqual(formatter.calls[0].options, { processors: 'default' });
    });

    it('merges arrays with a newline', () => {
      const formatter = fakeFormatter();
      SQL.format([SQL`SELECT 1;`, SQL.EMPTY, SQL`SELECT ${2};`], formatter);
      assert.deepEqual(formatter.calls[0].sql.sqlChunks, ['SELECT 1;', '\n', 'SELECT ', '__P__', ';']);
      SQL.describe([SQL`A`, SQL`B`], formatter);
      assert.deepEqual(formatter.calls[1].sql.sqlChunks, ['A', '\n', 'B']);
    });

    it('describe delegates with the options unchanged', () => {
      const formatter = fakeFormatter();
      const options = { serializer: jsonSerializer() };
      assert.equal(SQL.describe(SQL`SELECT 1`, formatter, options), 'SELECT 1');
      assert.equal(formatter.calls[0].method, 'describe');
      assert.equal(formatter.calls[0].options, options);
      SQL.describe(SQL`SELECT 1`, formatter);
      assert.equal(formatter.calls[1].options, undefined);
    });

    it('throws InvalidOperationError for string-based SQL', () => {
      const formatter = fakeFormatter();
      for (const call of [
        () => SQL.format('SELECT 1', formatter),
        () => SQL.describe('SELECT 1', formatter),
        () => SQL.format(['SELECT 1'], formatter),
        () => SQL.format(undefined, formatter),
      ]) {
        assert.throws(call, (error) => {
          assert.ok(error instanceof InvalidOperationError);
          assert.equal(error.message, 'Expected TokenizedSQL, got string-based SQL');
          return true;
        });
      }
      assert.equal(formatter.calls.length, 0);
    });

    it('throws TypeError without a formatter', () => {
      assert.throws(() => SQL.format(SQL`x`), TypeError);
      assert.throws(() => SQL.describe(SQL`x`, {}), TypeError);
    });
  });
});

describe('RawSQL', () => {
  it('interpolates values with String() into a single chunk', () => {
    const query = RawSQL`SELECT * FROM ${'users'} WHERE ${'active'} = ${true} LIMIT ${10}`;
    assert.deepEqual(query, tokenized(['SELECT * FROM users WHERE active = true LIMIT 10']));
  });

  it('an empty template is empty SQL', () => {
    assert.deepEqual(RawSQL``, tokenized(['']));
  });

  it('can be nested and merged', () => {
    const query = SQL`SELECT * FROM ${RawSQL`${'users'}`} WHERE id = ${1}`;
    assert.deepEqual(query.sqlChunks, ['SELECT * FROM ', 'users', ' WHERE id = ', '__P__']);
    const merged = SQL.merge([RawSQL`SELECT 1`, SQL`WHERE id = ${2}`]);
    assert.deepEqual(merged.sqlChunks, ['SELECT 1', ' ', 'WHERE id = ', '__P__']);
  });
});

describe('TokenizedSQL', () => {
  it('exposes the marker and the empty value', () => {
    assert.equal(TokenizedSQL.paramPlaceholder, '__P__');
    assert.deepEqual(TokenizedSQL.empty, tokenized(['']));
  });

  it('can be called with plain arrays', () => {
    assert.deepEqual(TokenizedSQL(['a = ', ''], [5]), tokenized(['a = ', '__P__'], [SQLLiteral.from(5)]));
  });
});

describe('JSONParam', () => {
  it('serialises with the default serializer', () => {
    assert.equal(JSONParam.document({ a: 1n, b: "it's" }), '{"a":"1","b":"it\'s"}');
    assert.equal(JSONParam.value('x'), '"x"');
    assert.equal(JSONParam.arrayContaining({ id: 1 }), '[{"id":1}]');
  });

  it('uses the given serializer', () => {
    const upper = { serialize: (value) => JSON.stringify(value).toUpperCase() };
    assert.equal(JSONParam.document({ a: 'b' }, upper), '{"A":"B"}');
    assert.equal(JSONParam.value('b', upper), '"B"');
    assert.equal(JSONParam.arrayContaining('b', upper), '["B"]');
  });
});

describe('lib/sql/index.cjs', () => {
  it('re-exports the SQL API', () => {
    for (const name of ['SQL', 'RawSQL', 'isSQL', 'TokenizedSQL', 'isTokenizedSQL', 'SQLToken', 'SQLIdentifier', 'SQLPlain', 'SQLLiteral', 'SQLArray', 'SQLIn', 'JSONParam']) {
      assert.ok(sqlIndex[name] !== undefined, name);
    }
    assert.equal(sqlIndex.SQL, SQL);
  });
});
