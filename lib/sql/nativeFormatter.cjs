'use strict';
// A dialect's SQLFormatter: formatting and describing happen in Rust (dumbo-sql).
const { binding } = require('../native.cjs');
const { SQL } = require('./tag.cjs');
const { JSONSerializer } = require('../serializer.cjs');

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
      return binding.formatSql(merged(sql), dialect, options?.processors ?? 'dialect', serializeWith(options));
    },
    describe(sql, options) {
      return binding.describeSql(merged(sql), dialect, serializeWith(options));
    },
  };
}

module.exports = { nativeFormatter };
