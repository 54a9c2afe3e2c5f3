'use strict';

// TokenizedSQL: the runtime value behind every `SQL` value.
// Runs on every query, so it is a plain loop with no closures or regexes.

const { SQLArray, SQLLiteral } = require('./tokens.cjs');
const { binding } = require('../native.cjs');

// The chunk that stands for a parameter, as the formatter reads it (dumbo-sql token.rs).
const paramPlaceholder = binding.sqlParamMarker();

// Call sites whose values are all plain parameters or identifiers always produce the
// same chunks, so those chunks are built once
// per template (the TemplateStringsArray is the same object on every call) and
// shared, frozen. Executors recognise such SQL by that shared array and reuse the
// query text they formatted for it (lib/sql/templates.cjs): one formatting per call
// site instead of one per call.
const templateChunks = new WeakMap();
// On the shared chunks array (non-enumerable, so SQL values still compare equal to
// upstream's shape): `{ texts: { [dialect or dialect + identifiers]: query },
// identifierTexts }`. A property read is cheaper
// per call than a WeakMap lookup.
const TEMPLATE = Symbol('dumbo.sqlTemplate');

const IDENTIFIER = 'SQL_IDENTIFIER';

// A value the shared chunks can stand for: a plain parameter (primitives, Dates,
// Buffers, plain objects) or an identifier token with a name (its marker is a chunk like any other;
// the text per set of identifiers is kept apart, see templates.cjs).
const isPlainParam = (value) => {
  const type = typeof value;
  if (type === 'symbol' || type === 'function') return false; // errors stay on the general path
  if (value === null || type !== 'object') return true;
  if (Array.isArray(value) || value.__brand === 'tokenized-sql') return false;
  return !('sqlTokenType' in value) || (value.sqlTokenType === IDENTIFIER && typeof value.value === 'string');
};

function sharedChunks(strings) {
  let chunks = templateChunks.get(strings);
  if (chunks === undefined) {
    const built = [];
    for (let i = 0; i < strings.length; i++) {
      if (strings[i] !== '') built.push(strings[i]);
      if (i < strings.length - 1) built.push(paramPlaceholder);
    }
    Object.defineProperty(built, TEMPLATE, { value: { texts: Object.create(null), identifierTexts: 0 } });
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
    // One pass: the tokens are built while the values are checked.
    const sqlTokens = new Array(values.length);
    let i = 0;
    for (; i < values.length; i++) {
      const value = values[i];
      if (value === null || typeof value !== 'object') {
        if (typeof value === 'symbol' || typeof value === 'function') break;
        sqlTokens[i] = SQLLiteral.from(value);
      } else if (!isPlainParam(value)) {
        break;
      } else {
        sqlTokens[i] = value.sqlTokenType === IDENTIFIER ? value : SQLLiteral.from(value);
      }
    }
    if (i === values.length) return tokenizedSQL(sharedChunks(strings), sqlTokens);
  }
  return generalSQL(strings, values);
};

// Upper bounds of the chunk and token counts, so the general path fills arrays sized
// once (a nested `SQL.merge` of thousands of rows is copied here whole).
function sizeOf(strings, values) {
  let chunks = strings.length;
  let tokens = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && typeof value === 'object' && value.__brand === 'tokenized-sql') {
      chunks += value.sqlChunks.length;
      tokens += value.sqlTokens.length;
    } else {
      chunks++;
      tokens++;
    }
  }
  return { chunks, tokens };
}

function generalSQL(strings, values) {
  const size = sizeOf(strings, values);
  const sqlChunks = new Array(size.chunks);
  const sqlTokens = new Array(size.tokens);
  let c = 0;
  let t = 0;
  const valueCount = values.length;

  for (let i = 0; i < strings.length; i++) {
    const text = strings[i];
    if (text !== '') sqlChunks[c++] = text;
    if (i >= valueCount) break;

    const value = values[i];
    if (value === null || typeof value !== 'object') {
      sqlChunks[c++] = paramPlaceholder;
      sqlTokens[t++] = SQLLiteral.from(value);
    } else if (value.__brand === 'tokenized-sql') {
      const chunks = value.sqlChunks;
      for (let k = 0; k < chunks.length; k++) if (chunks[k] !== '') sqlChunks[c++] = chunks[k];
      const tokens = value.sqlTokens;
      for (let k = 0; k < tokens.length; k++) sqlTokens[t++] = tokens[k];
    } else if ('sqlTokenType' in value) {
      if (value.sqlTokenType === 'SQL_RAW') {
        if (value.value !== '') sqlChunks[c++] = value.value;
      } else {
        sqlChunks[c++] = paramPlaceholder;
        sqlTokens[t++] = value;
      }
    } else {
      sqlChunks[c++] = paramPlaceholder;
      sqlTokens[t++] = Array.isArray(value) ? SQLArray.from(value) : SQLLiteral.from(value);
    }
  }
  if (c === 0) return empty;
  sqlChunks.length = c;
  sqlTokens.length = t;
  return tokenizedSQL(sqlChunks, sqlTokens);
}

TokenizedSQL.paramPlaceholder = paramPlaceholder;
TokenizedSQL.empty = empty;

/** The template record of SQL built from a plain-parameter call site, if it is one. */
const templateRecord = (sql) => sql?.sqlChunks?.[TEMPLATE];

module.exports = { TokenizedSQL, isTokenizedSQL, tokenizedSQL, templateRecord };
