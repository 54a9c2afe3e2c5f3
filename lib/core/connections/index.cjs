'use strict';
// The scaffolding a driver builds its connections and pools on (upstream core/connections).
module.exports = {
  ...require('./connection.cjs'),
  ...require('./pool.cjs'),
  ...require('./transactionFactories.cjs'),
  // dbClientSQLExecutor stays internal: dropped from the spread.
    ...(({ dbClientSQLExecutor, ...rest }) => rest)(require('./executors.cjs')),
};
