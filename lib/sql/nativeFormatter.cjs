'use strict';
// A dialect's SQLFormatter: formatting and describing happen in Rust (dumbo-sql).
const { binding } = require('../native.cjs');
const { SQL } = require('./tag.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { formatFast } = require('./templates.cjs');

function merged(sql) {
  return Array.isArray(sql) ? SQL.merge(sql, '\n') : sql;
}

function serializeWith(options) {
  const serializer = options?.serializer ?? JSONSerializer;
  return (value) => serializer.serialize(value);
}

function nativeFormatter(dialect) {
  return {
    dialect,
    format(sql, options) {
      // A call site formatted before, with plain values: no native call at all.
      const fast = Array.isArray(sql) ? undefined : formatFast(sql, dialect);
      if (fast !== undefined) return fast;
      return binding.formatSql(merged(sql), dialect, options?.processors ?? 'dialect', serializeWith(options));
    },
    describe(sql, options) {
      return binding.describeSql(merged(sql), dialect, serializeWith(options));
    },
  };
}

module.exports = { nativeFormatter };
