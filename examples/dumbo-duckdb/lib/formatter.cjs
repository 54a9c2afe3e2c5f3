'use strict';
// duckDBFormatter: Dumbo's SQL formatting machinery with DuckDB's parameter style.
//
// DuckDB's prepared statements take PostgreSQL-style `$1, $2, ...` placeholders and
// native lists, so formatting is the PostgreSQL dialect's: `$n` placeholders, plain
// arrays bound as one list parameter, `SQL.in(column, values)` as
// `column = ANY ($n)`, identifiers quoted with double quotes, Date → timestamptz
// text, bigint → decimal text (cast by DuckDB to the column's type), objects → JSON
// text. Its `dialect` is 'DuckDB' (not 'PostgreSQL'), so dialect-aware helpers such
// as jsonField render DuckDB's `->` / `->>` with '$.a.b' paths, not PostgreSQL's `#>`.
const { pgFormatter } = require('@event-driven-io/dumbo/postgresql');

const duckDBFormatter = Object.freeze({
  dialect: 'DuckDB',
  format(sql, options) {
    return pgFormatter.format(sql, options);
  },
  describe(sql, options) {
    return pgFormatter.describe(sql, options);
  },
});

module.exports = { duckDBFormatter };
