'use strict';

// The `SQL` tagged template and its helpers. Formatting itself
// lives in the formatters; SQL.format/describe only merge, check and delegate.

const { InvalidOperationError } = require('../errors.cjs');
const { TokenizedSQL, isTokenizedSQL, tokenizedSQL } = require('./tokenized.cjs');
const {
  SQLArray,
  SQLIdentifier,
  SQLIn,
  SQLPlain,
} = require('./tokens.cjs');
const { column } = require('./ddlTokens.cjs');

const notTokenized = () =>
  new InvalidOperationError('Expected TokenizedSQL, got string-based SQL');

function SQL(strings, ...values) {
  // Guards against SQL('text'), which would otherwise tokenise per character.
  if (!Array.isArray(strings))
    throw new TypeError('SQL must be used as a tagged template: SQL`...`');
  return TokenizedSQL(strings, values);
}

// Trusted text: values are interpolated with String(v), nothing is bound.
function RawSQL(strings, ...values) {
  if (!Array.isArray(strings))
    throw new TypeError('RawSQL must be used as a tagged template: RawSQL`...`');
  let text = '';
  for (let i = 0; i < strings.length; i++) {
    text += strings[i];
    if (i < values.length) text += String(values[i]);
  }
  return tokenizedSQL([text], []);
}

const isSQL = (value) => isTokenizedSQL(value);

// Empty = no tokens and only whitespace text. SQL`${''}` is not empty: it
// holds a parameter.
const isEmpty = (sql) => {
  if (!isTokenizedSQL(sql) || sql.sqlTokens.length !== 0) return false;
  const chunks = sql.sqlChunks;
  for (let i = 0; i < chunks.length; i++)
    if (chunks[i].trim() !== '') return false;
  return true;
};

// Skips empty fragments and puts `separator` between the remaining ones. Sizes the
// result first and fills it by index: a multi-row INSERT merges thousands of fragments,
// and growing the arrays one push at a time is most of its cost.
const merge = (sqls, separator = ' ') => {
  if (!Array.isArray(sqls))
    throw new TypeError('SQL.merge expects an array of SQL fragments');
  let kept = 0;
  let chunkCount = 0;
  let tokenCount = 0;
  for (let i = 0; i < sqls.length; i++) {
    const sql = sqls[i];
    if (!isTokenizedSQL(sql)) throw notTokenized();
    if (isEmpty(sql)) continue;
    kept++;
    chunkCount += sql.sqlChunks.length;
    tokenCount += sql.sqlTokens.length;
  }
  if (kept > 1 && separator !== '') chunkCount += kept - 1;
  if (chunkCount === 0) return TokenizedSQL.empty;
  const sqlChunks = new Array(chunkCount);
  const sqlTokens = new Array(tokenCount);
  let c = 0;
  let t = 0;
  let merged = 0;
  for (let i = 0; i < sqls.length; i++) {
    const sql = sqls[i];
    if (isEmpty(sql)) continue;
    if (merged++ > 0 && separator !== '') sqlChunks[c++] = separator;
    const chunks = sql.sqlChunks;
    for (let k = 0; k < chunks.length; k++) sqlChunks[c++] = chunks[k];
    const tokens = sql.sqlTokens;
    for (let k = 0; k < tokens.length; k++) sqlTokens[t++] = tokens[k];
  }
  return tokenizedSQL(sqlChunks, sqlTokens);
};

const concat = (...sqls) => merge(sqls, '');

const toTokenized = (sql) => {
  const merged = Array.isArray(sql) ? merge(sql, '\n') : sql;
  if (!isTokenizedSQL(merged)) throw notTokenized();
  return merged;
};

// A formatter object, or a connector / dialect name resolved through getFormatter
// (registered formatters, then the plugin registry, then the built-in dialects).
const resolveFormatter = (formatter, method) => {
  if (typeof formatter === 'string')
    formatter = require('./formatterRegistry.cjs').getFormatter(formatter);
  if (formatter === null || typeof formatter?.[method] !== 'function')
    throw new TypeError(`SQL.${method} expects a formatter with a ${method}() method`);
  return formatter;
};

// As upstream, SQL.format / SQL.describe do not call formatter.format: they run
// formatSQL with the formatter's value mapper and the default processors registry
// (so SQL.format(sql, pgFormatter) expands arrays, unlike pgFormatter.format).
// A formatter without a valueMapper (a plugin's own object) is asked
// directly, with `processors: 'default'`.
let sqlFormatter; // lib/sql/sqlFormatter.cjs, loaded on first use (it requires this module)
const formatting = () => (sqlFormatter ??= require('./sqlFormatter.cjs'));

const format = (sql, formatter, options) => {
  formatter = resolveFormatter(formatter, 'format');
  if (formatter.valueMapper === undefined) {
    return formatter.format(toTokenized(sql), { ...options, processors: 'default' });
  }
  return formatting().formatSQL(toTokenized(sql), formatter, options?.serializer, options);
};

const describe = (sql, formatter, options) => {
  formatter = resolveFormatter(formatter, 'describe');
  if (formatter.valueMapper === undefined) return formatter.describe(toTokenized(sql), options);
  return formatting().describeSQL(toTokenized(sql), formatter, options?.serializer, options);
};

// Inline single-quoted literal with quotes doubled; inlined, not bound.
const literal = (value) => {
  if (typeof value !== 'string')
    throw new TypeError('SQL.literal expects a string');
  return SQLPlain.from(`'${value.replaceAll("'", "''")}'`);
};

SQL.EMPTY = TokenizedSQL.empty;
SQL.merge = merge;
SQL.concat = concat;
SQL.format = format;
SQL.describe = describe;
SQL.in = (column, values, options) =>
  SQLIn.from(
    options?.mode ? { column, values, mode: options.mode } : { column, values },
  );
SQL.array = (values, options) =>
  SQLArray.from(options?.mode ? { value: values, mode: options.mode } : values);
SQL.identifier = SQLIdentifier.from;
SQL.plain = SQLPlain.from;
SQL.literal = literal;
SQL.column = column;
SQL.check = {
  isSQL,
  isTokenizedSQL,
  isEmpty,
  isIdentifier: SQLIdentifier.check,
  isPlain: SQLPlain.check,
  isSQLIn: SQLIn.check,
};

module.exports = { SQL, RawSQL, isSQL };
