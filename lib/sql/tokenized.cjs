'use strict';

// TokenizedSQL (reference 5.1): the runtime value behind every `SQL` value.
// Runs on every query, so it is a plain loop with no closures or regexes.

const { SQLArray, SQLLiteral } = require('./tokens.cjs');

const paramPlaceholder = '__P__';

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

module.exports = { TokenizedSQL, isTokenizedSQL, tokenizedSQL };
