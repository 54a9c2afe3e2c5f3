'use strict';
// The executors' fast path for SQL whose tokens are bound parameters and identifiers
// (a call site, nested templates, `SQL.merge`): the driver gets the query text plus a
// flat array of the values, and no token crosses to Rust. The text is kept per call
// site, dialect and identifiers (call sites share frozen chunks, see tokenized.cjs), or
// per large shape (fragmentText.cjs).
const { templateRecord } = require('./tokenized.cjs');
const { fragmentText } = require('./fragmentText.cjs');
const { formatterOverrides } = require('./formatterRegistry.cjs');
const { JSONSerializer } = require('../serializer.cjs');

const LITERAL = 'SQL_LITERAL';
const IDENTIFIER = 'SQL_IDENTIFIER';
// Texts kept per call site beyond the plain one (one per set of identifiers).
const IDENTIFIER_TEXTS_KEPT = 32;

/**
 * The values of the literal tokens, in order, and the identifiers (`at`: token
 * positions, `names`); `undefined` when a token is anything else, or a value the
 * formatter alone reports on (symbols, functions, arrays).
 */
function collect(tokens) {
  const values = new Array(tokens.length);
  let v = 0;
  let at;
  let names;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === null || typeof token !== 'object') return undefined;
    const type = token.sqlTokenType;
    const value = token.value;
    if (type === LITERAL) {
      const kind = typeof value;
      if (kind === 'symbol' || kind === 'function' || Array.isArray(value)) return undefined;
      values[v++] = value;
    } else if (type === IDENTIFIER && typeof value === 'string') {
      (at ??= []).push(i);
      (names ??= []).push(value);
    } else {
      return undefined;
    }
  }
  if (v !== values.length) values.length = v;
  return { values, at, names };
}

/** `{ text, values }` for SQL of parameters and identifiers, else `undefined`. */
function cachedCall(sql, dialect) {
  const tokens = sql?.sqlTokens;
  const chunks = sql?.sqlChunks;
  if (!Array.isArray(tokens) || !Array.isArray(chunks) || tokens.length === 0) return undefined;
  const found = collect(tokens);
  if (found === undefined) return undefined;
  const { values, at, names } = found;
  const record = templateRecord(sql);
  if (record === undefined) {
    const text = fragmentText(chunks, tokens.length, at, names, dialect);
    return text === undefined ? undefined : { text, values };
  }
  const key = at === undefined ? dialect : `${dialect}\0${at.join(',')}\0${names.join('\0')}`;
  let text = record.texts[key];
  if (text === undefined) {
    text = fragmentText(chunks, tokens.length, at, names, dialect);
    if (text === undefined) return undefined;
    if (at !== undefined && ++record.identifierTexts > IDENTIFIER_TEXTS_KEPT) {
      for (const k of Object.keys(record.texts)) if (k.includes('\0')) delete record.texts[k];
      record.identifierTexts = 1;
    }
    record.texts[key] = text;
  }
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
