'use strict';
// The executors' fast path for SQL from a plain-parameter call site (see
// tokenized.cjs): the query text is formatted once per call site and dialect, and
// each call only hands the driver that text plus the parameter values.
const { binding } = require('../native.cjs');
const { templateRecord } = require('./tokenized.cjs');

const noSerializer = () => 'null'; // the text never depends on parameter values

/** `{ text, values }` for a cached call site, or `undefined` for any other SQL. */
function templateCall(sql, dialect) {
  const record = templateRecord(sql);
  if (record === undefined) return undefined;
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

module.exports = { templateCall };
