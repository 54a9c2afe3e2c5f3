'use strict';
// An SQLExecutor over a DbSQLExecutor and a way to get its client: every call
// checks the abort signal, gets the client (connecting on first use) and runs
// the statement(s) on it.
const { throwIfAborted } = require('../../core/abort.cjs');

function boundExecutor(dbExecutor, connect) {
  const on =
    (method) =>
    async (sqlOrSqls, options) => {
      throwIfAborted(options);
      const client = await connect(options);
      return dbExecutor[method](client, sqlOrSqls, options);
    };
  return {
    query: on('query'),
    batchQuery: on('batchQuery'),
    command: on('command'),
    batchCommand: on('batchCommand'),
  };
}

module.exports = { boundExecutor };
