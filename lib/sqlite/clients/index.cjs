'use strict';
// Upstream's generic SQLite building blocks for JS drivers that supply a SQLiteClient
// (connect, close, query, batchQuery, command, batchCommand): executors, transactions,
// connections and pools. The D1 driver is built on them.
module.exports = {
  ...require('./executor.cjs'),
  ...require('./transaction.cjs'),
  ...require('./connections.cjs'),
  ...require('./pools.cjs'),
};
