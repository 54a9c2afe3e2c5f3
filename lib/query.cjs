'use strict';

// Result helpers: selectors over Promise<QueryResult>, key
// case mapping, and column mappers for the executors' `mapping` option.

const { DataError } = require('./errors.cjs');
const { JSONSerializer } = require('./serializer.cjs');

const noResult = () => new DataError("Query didn't return any result");
const moreThanOne = () => new DataError('Query had more than one result');

const first = async (getResult) => {
  const { rows } = await getResult;
  if (rows.length === 0) throw noResult();
  return rows[0];
};

const firstOrNull = async (getResult) => {
  const { rows } = await getResult;
  return rows.length > 0 ? (rows[0] ?? null) : null;
};

const single = async (getResult) => {
  const { rows } = await getResult;
  if (rows.length === 0) throw noResult();
  if (rows.length > 1) throw moreThanOne();
  return rows[0];
};

const singleOrNull = async (getResult) => {
  const { rows } = await getResult;
  if (rows.length > 1) throw moreThanOne();
  return rows.length > 0 ? (rows[0] ?? null) : null;
};

// Number() copes with pg BIGINT (BigInt or string) and SQLite numbers.
const count = async (getResult) => Number((await single(getResult)).count);

// SQLite has no booleans: EXISTS gives 1/0 there.
const exists = async (getResult) => {
  const row = await single(getResult);
  return row.exists === true || row.exists === 1;
};

const mapRows = async (getResult, map) => (await getResult).rows.map(map);

const isLowerAscii = (code) => code >= 97 && code <= 122;

// '_x' -> 'X' for lowercase ASCII x; other underscores are kept.
const toCamelCase = (snake) => {
  if (!snake.includes('_')) return snake;
  let result = '';
  for (let i = 0; i < snake.length; i++) {
    const char = snake[i];
    if (char === '_' && isLowerAscii(snake.charCodeAt(i + 1))) {
      result += snake[++i].toUpperCase();
    } else {
      result += char;
    }
  }
  return result;
};

const mapToCamelCase = (obj) => {
  const mapped = {};
  for (const key in obj) {
    if (Object.hasOwn(obj, key)) mapped[toCamelCase(key)] = obj[key];
  }
  return mapped;
};

// Column mappers: each returns `{ [column]: (value) => mapped }`, to be spread
// into the `mapping` option. Values of other types pass through unchanged.

const mapColumnToJSON = (column, serializer = JSONSerializer, options) => ({
  [column]: (value) => {
    if (typeof value !== 'string') return value;
    try {
      return serializer.deserialize(value, options);
    } catch {
      return value; // not JSON: keep the raw text
    }
  },
});

// BigInt() throws RangeError/SyntaxError on e.g. 1.5 or 'abc'; surface that
// as a DataError (with the original as innerError) like every other failure.
const toBigInt = (column, value) => {
  try {
    return BigInt(value);
  } catch (error) {
    throw new DataError(
      `Cannot convert value of column '${column}' to BigInt: ${value}`,
      error,
    );
  }
};

const mapColumnToBigint = (column) => ({
  [column]: (value) =>
    typeof value === 'number' || typeof value === 'string'
      ? toBigInt(column, value)
      : value,
});

const mapColumnToDate = (column) => ({
  [column]: (value) =>
    typeof value === 'number' || typeof value === 'string'
      ? new Date(value)
      : value,
});

// Returns a copy of `row` with the mapping applied to the columns it has.
const mapSQLQueryResult = (row, mapping) => {
  if (typeof row !== 'object' || row === null) return row;
  const mapped = { ...row };
  for (const column of Object.keys(mapping)) {
    if (column in mapped) mapped[column] = mapping[column](mapped[column]);
  }
  return mapped;
};

module.exports = {
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
};
