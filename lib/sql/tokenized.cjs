'use strict';

// TokenizedSQL: the runtime value behind every `SQL` value.
// Runs on every query, so it is a plain loop with no closures or regexes.

const { SQLArray, SQLLiteral } = require('./tokens.cjs');
const { binding } = require('../native.cjs');

// The chunk that stands for a parameter, as the formatter reads it (dumbo-sql token.rs).
const paramPlaceholder = binding.sqlParamMarker();

// Call sites whose values are all plain parameters (primitives, Dates, Buffers,
// plain objects) always produce the same chunks, so those chunks are built once
// per template (the TemplateStringsArray is the same object on every call) and
// shared, frozen. Executors recognise such SQL by that shared array and reuse the
// query text they formatted for it (lib/sql/templates.cjs): one formatting per call
// site instead of one per call.
const templateChunks = new WeakMap();
// On the shared chunks array (non-enumerable, so SQL values still compare equal to
// upstream's shape): `{ texts: { [dialect]: query } }`. A property read is cheaper
// per call than a WeakMap lookup.
const TEMPLATE = Symbol('dumbo.sqlTemplate');

const isPlainParam = (value) => {
  const type = typeof value;
  if (type === 'symbol' || type === 'function') return false; // errors stay on the general path
  return (
    value === null ||
    type !== 'object' ||
    (!Array.isArray(value) && value.__brand !== 'tokenized-sql' && !('sqlTokenType' in value))
  );
};

function sharedChunks(strings) {
  let chunks = templateChunks.get(strings);
  if (chunks === undefined) {
    const built = [];
    for (let i = 0; i < strings.length; i++) {
      if (strings[i] !== '') built.push(strings[i]);
      if (i < strings.length - 1) built.push(paramPlaceholder);
    }
    Object.defineProperty(built, TEMPLATE, { value: { texts: Object.create(null) } });
    chunks = Object.freeze(built);
    templateChunks.set(strings, chunks);
  }
  return chunks;
}

// Every TokenizedSQL is created here, so all share one object shape.
const tokenizedSQL = (sqlChunks, sqlTokens) => ({
  __brand: 'tokenized-sql',
  sqlChunks,
  sqlTokens,
});

// Shared sentinel (also SQL.EMPTY); callers must not mutate it.
const empty = tokenizedSQL([''], []);

const isTokenizedSQL = (value) =>
  value !== null &&
  typeof value === 'object' &&
  value.__brand === 'tokenized-sql';

// Interpolation rules, in order: nested SQL is flattened, SQLPlain is inlined,
// other tokens are kept, arrays become SQLArray, anything else SQLLiteral.
// Empty chunks are dropped (also those of nested SQL and empty plain text).
const TokenizedSQL = (strings, values) => {
  // Only real template literals (frozen TemplateStringsArray with `raw`) are cached.
  if (values.length > 0 && values.length === strings.length - 1 && Object.isFrozen(strings) && strings.raw) {
    let plain = true;
    for (let i = 0; i < values.length; i++) {
      if (!isPlainParam(values[i])) {
        plain = false;
        break;
      }
    }
    if (plain) {
      const sqlTokens = new Array(values.length);
      for (let i = 0; i < values.length; i++) sqlTokens[i] = SQLLiteral.from(values[i]);
      return tokenizedSQL(sharedChunks(strings), sqlTokens);
    }
  }
  const sqlChunks = [];
  const sqlTokens = [];
  const valueCount = values.length;

  for (let i = 0; i < strings.length; i++) {
    const text = strings[i];
    if (text !== '') sqlChunks.push(text);
    if (i >= valueCount) break;

    const value = values[i];
    if (value === null || typeof value !== 'object') {
      sqlChunks.push(paramPlaceholder);
      sqlTokens.push(SQLLiteral.from(value));
    } else if (value.__brand === 'tokenized-sql') {
      const chunks = value.sqlChunks;
      for (let c = 0; c < chunks.length; c++)
        if (chunks[c] !== '') sqlChunks.push(chunks[c]);
      const tokens = value.sqlTokens;
      for (let t = 0; t < tokens.length; t++) sqlTokens.push(tokens[t]);
    } else if ('sqlTokenType' in value) {
      if (value.sqlTokenType === 'SQL_RAW') {
        if (value.value !== '') sqlChunks.push(value.value);
      } else {
        sqlChunks.push(paramPlaceholder);
        sqlTokens.push(value);
      }
    } else {
      sqlChunks.push(paramPlaceholder);
      sqlTokens.push(
        Array.isArray(value) ? SQLArray.from(value) : SQLLiteral.from(value),
      );
    }
  }

  return sqlChunks.length > 0 ? tokenizedSQL(sqlChunks, sqlTokens) : empty;
};

TokenizedSQL.paramPlaceholder = paramPlaceholder;
TokenizedSQL.empty = empty;

/** The template record of SQL built from a plain-parameter call site, if it is one. */
const templateRecord = (sql) => sql?.sqlChunks?.[TEMPLATE];

module.exports = { TokenizedSQL, isTokenizedSQL, tokenizedSQL, templateRecord };
