import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { DataError } = require('../../lib/errors.cjs');
const {
  SQLToken,
  SQLIdentifier,
  SQLPlain,
  SQLLiteral,
  SQLArray,
  SQLIn,
} = require('../../lib/sql/tokens.cjs');

const assertDataError = (fn, message) =>
  assert.throws(fn, (error) => {
    assert.ok(error instanceof DataError);
    assert.equal(error.message, message);
    return true;
  });

describe('SQL tokens', () => {
  it('SQLIdentifier', () => {
    assert.deepEqual(SQLIdentifier.from('users'), {
      sqlTokenType: 'SQL_IDENTIFIER',
      SQL_IDENTIFIER: true,
      value: 'users',
    });
    assert.equal(SQLIdentifier.type, 'SQL_IDENTIFIER');
  });

  it('SQLPlain uses the SQL_RAW type', () => {
    assert.deepEqual(SQLPlain.from('NOW()'), {
      sqlTokenType: 'SQL_RAW',
      SQL_RAW: true,
      value: 'NOW()',
    });
    assert.equal(SQLPlain.type, 'SQL_RAW');
  });

  it('SQLLiteral wraps any value', () => {
    for (const value of [1, 'a', null, undefined, true, 10n, new Date(0), { a: 1 }]) {
      assert.deepEqual(SQLLiteral.from(value), {
        sqlTokenType: 'SQL_LITERAL',
        SQL_LITERAL: true,
        value,
      });
    }
  });

  it('SQLArray from an array or { value, mode }', () => {
    assert.deepEqual(SQLArray.from([1, 2]), {
      sqlTokenType: 'SQL_ARRAY',
      SQL_ARRAY: true,
      value: [1, 2],
    });
    assert.equal('mode' in SQLArray.from([1]), false);
    assert.deepEqual(SQLArray.from({ value: [1], mode: 'params' }), {
      sqlTokenType: 'SQL_ARRAY',
      SQL_ARRAY: true,
      value: [1],
      mode: 'params',
    });
    assert.equal('mode' in SQLArray.from({ value: [1] }), false);
  });

  it('SQLIn wraps column and values in tokens', () => {
    assert.deepEqual(SQLIn.from({ column: 'id', values: [1, 2] }), {
      sqlTokenType: 'SQL_IN',
      SQL_IN: true,
      column: SQLIdentifier.from('id'),
      values: SQLArray.from([1, 2]),
    });
    assert.deepEqual(SQLIn.from({ column: 'id', values: [1], mode: 'native' }), {
      sqlTokenType: 'SQL_IN',
      SQL_IN: true,
      column: SQLIdentifier.from('id'),
      values: SQLArray.from([1]),
      mode: 'native',
    });
  });

  it('check() matches by sqlTokenType only', () => {
    assert.equal(SQLIdentifier.check(SQLIdentifier.from('a')), true);
    assert.equal(SQLIdentifier.check(SQLPlain.from('a')), false);
    assert.equal(SQLPlain.check({ sqlTokenType: 'SQL_RAW' }), true);
    assert.equal(SQLIn.check(SQLIn.from({ column: 'a', values: [] })), true);
    assert.equal(SQLArray.check(null), false);
    assert.equal(SQLLiteral.check('SQL_LITERAL'), false);
    assert.equal(SQLToken.check({ sqlTokenType: 'X' }), true);
    assert.equal(SQLToken.check({}), false);
    assert.equal(SQLToken.check(null), false);
  });

  it('non-object input throws DataError', () => {
    assertDataError(() => SQLArray.from(5), 'Cannot create SQLToken of type SQL_ARRAY with input: 5');
    assertDataError(() => SQLArray.from(null), 'Cannot create SQLToken of type SQL_ARRAY with input: null');
    assertDataError(() => SQLIn.from('id'), 'Cannot create SQLToken of type SQL_IN with input: id');
    assertDataError(() => SQLIn.from(undefined), 'Cannot create SQLToken of type SQL_IN with input: undefined');
    assertDataError(() => SQLIn.from({ column: 'id', values: 3 }), 'Cannot create SQLToken of type SQL_ARRAY with input: 3');
  });
});

describe('SQLToken (generic factory)', () => {
  const TableRef = SQLToken('SQL_TABLE_REFERENCE');

  it('spreads object input into the token', () => {
    assert.deepEqual(TableRef.from({ databaseSchemaName: 's', tableName: 't' }), {
      sqlTokenType: 'SQL_TABLE_REFERENCE',
      SQL_TABLE_REFERENCE: true,
      databaseSchemaName: 's',
      tableName: 't',
    });
    assert.equal(TableRef.type, 'SQL_TABLE_REFERENCE');
    assert.equal(TableRef.check(TableRef.from({})), true);
    assert.equal(TableRef.check(SQLPlain.from('x')), false);
  });

  it('accepts nullish input as no props', () => {
    assert.deepEqual(TableRef.from(undefined), {
      sqlTokenType: 'SQL_TABLE_REFERENCE',
      SQL_TABLE_REFERENCE: true,
    });
  });

  it('rejects primitive and array input with DataError', () => {
    assertDataError(() => TableRef.from('users'), 'Cannot create SQLToken of type SQL_TABLE_REFERENCE with input: users');
    assertDataError(() => TableRef.from(42), 'Cannot create SQLToken of type SQL_TABLE_REFERENCE with input: 42');
    assertDataError(() => TableRef.from([1, 2]), 'Cannot create SQLToken of type SQL_TABLE_REFERENCE with input: 1,2');
    assertDataError(() => TableRef.from(Symbol('s')), 'Cannot create SQLToken of type SQL_TABLE_REFERENCE with input: Symbol(s)');
  });

  it('uses map when given', () => {
    const Named = SQLToken('SQL_NAMED', (name) => ({ name: name.toUpperCase() }));
    assert.deepEqual(Named.from('a'), { sqlTokenType: 'SQL_NAMED', SQL_NAMED: true, name: 'A' });
  });
});
