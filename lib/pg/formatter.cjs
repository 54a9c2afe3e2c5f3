'use strict';
// pgFormatter (formatting in Rust, PostgreSQL dialect) and PostgreSQLJSON.
const { binding } = require('../native.cjs');
const { SQL } = require('../sql/index.cjs');
const { builtInFormatter } = require('../sql/nativeFormatter.cjs');

const pgFormatter = builtInFormatter('PostgreSQL');

const segments = (path) => (Array.isArray(path) ? path.map(String) : String(path).split('.'));

const PostgreSQLJSON = {
  /** `src -> 'a'`, or `src #> '{a,b}'` for a dotted path. */
  field(source, path) {
    return SQL`${source}${SQL.plain(binding.pgJsonField('', String(path), false))}`;
  },
  /** `src ->> 'a'`, or `src #>> '{a,b}'`. */
  textField(source, path) {
    return SQL`${source}${SQL.plain(binding.pgJsonField('', String(path), true))}`;
  },
  /** An inline `'{a,b}'` path literal. */
  path(path) {
    return SQL.plain(binding.pgJsonPath(segments(path)));
  },
};

module.exports = { pgFormatter, PostgreSQLJSON };
