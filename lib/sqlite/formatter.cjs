'use strict';
// sqliteFormatter: formatting happens in Rust (dumbo-sql, SQLite dialect).
const { binding } = require('../native.cjs');
const { SQL } = require('../sql/index.cjs');
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

const sqliteFormatter = nativeFormatter('SQLite');

const SQLiteJSON = {
  path(path) {
    return SQL.plain(binding.sqliteJsonPath(path));
  },
};

module.exports = { sqliteFormatter, nativeFormatter, SQLiteJSON };
