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
  const text = binding.sqlPlaceholderText(chunks, values.length, dialect);
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
