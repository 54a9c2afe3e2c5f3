'use strict';

// One entry for the SQL template API: the tag, TokenizedSQL, tokens, JSONParam.

const { SQL, RawSQL, isSQL } = require('./tag.cjs');
const { TokenizedSQL, isTokenizedSQL } = require('./tokenized.cjs');
const tokens = require('./tokens.cjs');
const { JSONParam } = require('./jsonParam.cjs');

module.exports = {
  SQL,
  RawSQL,
  isSQL,
  TokenizedSQL,
  isTokenizedSQL,
  ...tokens,
  JSONParam,
};
