'use strict';
// sqliteFormatter (formatting in Rust, SQLite dialect) and SQLiteJSON.
const { binding } = require('../native.cjs');
const { SQL } = require('../sql/index.cjs');
const { builtInFormatter } = require('../sql/nativeFormatter.cjs');

const sqliteFormatter = builtInFormatter('SQLite');

const SQLiteJSON = {
  path(path) {
    return SQL.plain(binding.sqliteJsonPath(path));
  },
};

module.exports = { sqliteFormatter, SQLiteJSON };
