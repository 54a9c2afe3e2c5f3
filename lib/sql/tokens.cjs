'use strict';

// SQL tokens: plain objects `{ sqlTokenType, [sqlTokenType]:
// true, ...props }`. The core tokens below are built as object literals of a
// fixed shape (monomorphic for the formatter); `SQLToken(type, map?)` is the
// generic factory for other token kinds (DDL, columns, ...).

const { DataError } = require('../errors.cjs');

const describeInput = (input) => {
  try {
    return String(input);
  } catch {
    return Object.prototype.toString.call(input); // e.g. null-prototype objects
  }
};

const invalidInput = (sqlTokenType, input) =>
  new DataError(
    `Cannot create SQLToken of type ${sqlTokenType} with input: ${describeInput(input)}`,
  );

const isToken = (value) =>
  value !== null && typeof value === 'object' && 'sqlTokenType' in value;

const checkerFor = (sqlTokenType) => (token) =>
  isToken(token) && token.sqlTokenType === sqlTokenType;

// Generic factory. Without `map`, the input must be a (non-array) object whose
// fields become the token props; nullish input gives a token without props.
const SQLToken = (sqlTokenType, map) => {
  const from = (input) => {
    let props;
    if (map !== undefined) props = map(input);
    else if (input === undefined || input === null) props = undefined;
    else if (typeof input === 'object' && !Array.isArray(input)) props = input;
    else throw invalidInput(sqlTokenType, input);
    return { sqlTokenType, [sqlTokenType]: true, ...props };
  };
  return { from, check: checkerFor(sqlTokenType), type: sqlTokenType };
};
SQLToken.check = isToken;

const SQLIdentifier = {
  type: 'SQL_IDENTIFIER',
  from: (value) => ({
    sqlTokenType: 'SQL_IDENTIFIER',
    SQL_IDENTIFIER: true,
    value,
  }),
  check: checkerFor('SQL_IDENTIFIER'),
};

// Trusted raw text, inlined by the SQL tag (`SQL.plain`, `SQL.literal`).
const SQLPlain = {
  type: 'SQL_RAW',
  from: (value) => ({ sqlTokenType: 'SQL_RAW', SQL_RAW: true, value }),
  check: checkerFor('SQL_RAW'),
};

// A bound parameter value.
const SQLLiteral = {
  type: 'SQL_LITERAL',
  from: (value) => ({ sqlTokenType: 'SQL_LITERAL', SQL_LITERAL: true, value }),
  check: checkerFor('SQL_LITERAL'),
};

// `mode` is left out (not set to undefined) when absent, as upstream does.
const arrayToken = (value, mode) =>
  mode === undefined
    ? { sqlTokenType: 'SQL_ARRAY', SQL_ARRAY: true, value }
    : { sqlTokenType: 'SQL_ARRAY', SQL_ARRAY: true, value, mode };

// Input: an array, or `{ value: array, mode? }`.
const SQLArray = {
  type: 'SQL_ARRAY',
  from: (input) => {
    if (Array.isArray(input)) return arrayToken(input, undefined);
    if (input === null || typeof input !== 'object')
      throw invalidInput('SQL_ARRAY', input);
    return arrayToken(input.value, input.mode);
  },
  check: checkerFor('SQL_ARRAY'),
};

// Input: `{ column: string, values: array, mode? }`.
const SQLIn = {
  type: 'SQL_IN',
  from: (input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      throw invalidInput('SQL_IN', input);
    const column = SQLIdentifier.from(input.column);
    const values = SQLArray.from(input.values);
    return input.mode === undefined
      ? { sqlTokenType: 'SQL_IN', SQL_IN: true, column, values }
      : { sqlTokenType: 'SQL_IN', SQL_IN: true, column, values, mode: input.mode };
  },
  check: checkerFor('SQL_IN'),
};

module.exports = {
  SQLToken,
  SQLIdentifier,
  SQLPlain,
  SQLLiteral,
  SQLArray,
  SQLIn,
};
