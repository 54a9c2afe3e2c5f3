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

// The identifiers `collect` found (token positions and names), read right after it:
// module slots rather than a result object keep the per-statement path allocation-free.
let foundAt;
let foundNames;

/**
 * The values of the literal tokens, in order (identifiers into `foundAt`/`foundNames`);
 * `undefined` when a token is anything else, or a value the formatter alone reports on
 * (symbols, functions, arrays).
 */
function collect(tokens) {
  foundAt = undefined;
  foundNames = undefined;
  const values = new Array(tokens.length);
  let v = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === null || typeof token !== 'object') return undefined;
    const value = token.value;
    if (token.sqlTokenType === LITERAL) {
      const kind = typeof value;
      if (kind === 'symbol' || kind === 'function' || (kind === 'object' && Array.isArray(value))) return undefined;
      values[v++] = value;
    } else if (token.sqlTokenType === IDENTIFIER && typeof value === 'string') {
      (foundAt ??= []).push(i);
      (foundNames ??= []).push(value);
    } else {
      return undefined;
    }
  }
  if (v !== values.length) values.length = v;
  return values;
}

/**
 * The values of a call site's tokens (identifiers into `foundAt`/`foundNames`): the tag
 * built them, so each is a literal or an identifier token.
 */
function callSiteValues(tokens) {
  foundAt = undefined;
  foundNames = undefined;
  const values = new Array(tokens.length);
  let v = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.sqlTokenType === IDENTIFIER) {
      (foundAt ??= []).push(i);
      (foundNames ??= []).push(token.value);
    } else {
      values[v++] = token.value;
    }
  }
  if (v !== values.length) values.length = v;
  return values;
}

/** `{ text, values }` for a call site, from its record's texts. */
function callSiteCall(sql, record, dialect) {
  const tokens = sql.sqlTokens;
  const values = callSiteValues(tokens);
  const at = foundAt;
  const names = foundNames;
  const key = at === undefined ? dialect : `${dialect}\0${at.join(',')}\0${names.join('\0')}`;
  let text = record.texts[key];
  if (text === undefined) {
    text = fragmentText(sql.sqlChunks, tokens.length, at, names, dialect);
    if (text === undefined) return undefined;
    if (at !== undefined && ++record.identifierTexts > IDENTIFIER_TEXTS_KEPT) {
      for (const k of Object.keys(record.texts)) if (k.includes('\0')) delete record.texts[k];
      record.identifierTexts = 1;
    }
    record.texts[key] = text;
  }
  return { text, values };
}

/** `{ text, values }` for SQL of parameters and identifiers, else `undefined`. */
function cachedCall(sql, dialect) {
  const record = templateRecord(sql);
  if (record !== undefined) return callSiteCall(sql, record, dialect);
  const tokens = sql?.sqlTokens;
  const chunks = sql?.sqlChunks;
  if (!Array.isArray(tokens) || !Array.isArray(chunks) || tokens.length === 0) return undefined;
  const values = collect(tokens);
  if (values === undefined) return undefined;
  const text = fragmentText(chunks, tokens.length, foundAt, foundNames, dialect);
  return text === undefined ? undefined : { text, values };
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
