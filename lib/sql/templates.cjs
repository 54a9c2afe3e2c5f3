'use strict';
// The executors' fast path for SQL from a plain-parameter call site (see
// tokenized.cjs): the query text is formatted once per call site and dialect, and
// each call only hands the driver that text plus the parameter values.
const { binding } = require('../native.cjs');
const { templateRecord } = require('./tokenized.cjs');
const { formatterOverrides } = require('./formatterRegistry.cjs');
const { JSONSerializer } = require('../serializer.cjs');

const noSerializer = () => 'null'; // the text never depends on parameter values

const LITERAL = 'SQL_LITERAL';

// Large all-literal SQL (a multi-row INSERT built with `SQL.merge`) has no call site of
// its own, but its shape usually comes back (every batch of a bulk load has the same
// chunks): the text of the last few such shapes per dialect is kept and reused when the
// chunks match one for one, which costs a pointer comparison per chunk (the chunks are
// the call sites' own strings). Small SQL is cheaper to format again than to compare.
const SHAPE_MIN_CHUNKS = 64;
const SHAPES_KEPT = 4;
const shapes = Object.create(null); // dialect → [{ chunks, params, text }], newest first

function sameChunks(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The formatter's text for all-literal chunks (placeholders numbered by Rust). */
function placeholderText(chunks, params, dialect) {
  if (chunks.length < SHAPE_MIN_CHUNKS) return binding.sqlPlaceholderText(chunks, params, dialect);
  const kept = (shapes[dialect] ??= []);
  for (let i = 0; i < kept.length; i++) {
    const shape = kept[i];
    if (shape.params === params && sameChunks(shape.chunks, chunks)) return shape.text;
  }
  const text = binding.sqlPlaceholderText(chunks, params, dialect);
  if (typeof text === 'string') {
    if (kept.length === SHAPES_KEPT) kept.pop();
    kept.unshift({ chunks: chunks.slice(), params, text });
  }
  return text;
}

/**
 * SQL whose tokens are all plain parameters but that is not a cached call site (e.g.
 * `SQL.merge` of many rows for a multi-row INSERT): the formatter numbers the
 * placeholders from the chunks alone, and the driver reads only a flat array of values.
 */
function literalCall(sql, dialect) {
  const tokens = sql?.sqlTokens;
  const chunks = sql?.sqlChunks;
  if (!Array.isArray(tokens) || !Array.isArray(chunks) || tokens.length === 0) return undefined;
  const values = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === null || typeof token !== 'object' || token.sqlTokenType !== LITERAL) return undefined;
    const value = token.value;
    const type = typeof value;
    if (type === 'symbol' || type === 'function' || Array.isArray(value)) return undefined;
    values[i] = value;
  }
  const text = placeholderText(chunks, values.length, dialect);
  return typeof text === 'string' ? { text, values } : undefined;
}

/** `{ text, values }` for a cached call site or all-literal SQL, else `undefined`. */
function cachedCall(sql, dialect) {
  const record = templateRecord(sql);
  if (record === undefined) return literalCall(sql, dialect);
  let text = record.texts[dialect];
  if (text === undefined) {
    text = binding.formatSql(sql, dialect, 'dialect', noSerializer).query;
    record.texts[dialect] = text;
  }
  const tokens = sql.sqlTokens;
  const values = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) values[i] = tokens[i].value;
  return { text, values };
}

/**
 * What the built-in executors run: `{ text, values }` from a user formatter registered
 * for their connector or dialect (registerFormatter), else from the call-site cache, else
 * `undefined` (the executor hands the SQL to Rust). Without a user formatter the only
 * cost is one property read.
 */
function templateCall(sql, dialect) {
  const custom = formatterOverrides[dialect];
  if (custom !== undefined) {
    const { query, params } = custom.format(sql, { serializer: JSONSerializer });
    return { text: query, values: params };
  }
  return cachedCall(sql, dialect);
}

/**
 * Upstream's displayed parameter (what `formatter.format(sql).params` holds) for the
 * values that display as themselves; `undefined` for any other (Dates, bigints,
 * objects, binary), which go through the native formatter, where their display rule is.
 */
function displayParam(value) {
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    default:
      return value === null ? null : undefined;
  }
}

/** `formatter.format(sql)` for a cached call site with simple values, else `undefined`. */
function formatFast(sql, dialect) {
  const call = cachedCall(sql, dialect);
  if (call === undefined) return undefined;
  const params = new Array(call.values.length);
  for (let i = 0; i < params.length; i++) {
    const shown = displayParam(call.values[i]);
    if (shown === undefined) return undefined;
    params[i] = shown;
  }
  return { query: call.text, params };
}

module.exports = { templateCall, formatFast };
