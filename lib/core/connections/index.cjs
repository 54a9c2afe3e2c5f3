'use strict';
// The scaffolding a driver builds its connections and pools on (upstream core/connections).
module.exports = {
  ...require('./connection.cjs'),
  ...require('./pool.cjs'),
  ...require('./transactionFactories.cjs'),
  ...(({ dbClientSQLExecutor, ...rest }) => rest)(require('./executors.cjs')),
};
