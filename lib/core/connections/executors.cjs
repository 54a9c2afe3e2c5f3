'use strict';
// Executors that obtain their client or connection per call (as upstream's): from a driver's DbSQLExecutor and a `connect`, from a
// new connection (closed after the call) or from an ambient one (left open).
const { throwIfAborted, abortFrom } = require('../abort.cjs');

/** Runs `handle(client)` on `connect()`; on error calls `close(client, error)` if given. */
async function executeInNewDbClient(handle, options) {
  throwIfAborted(options);
  const client = await options.connect({ abort: abortFrom(options) });
  try {
    return await handle(client);
  } catch (error) {
    if (options.close) await options.close(client, error);
    throw error;
  }
}

/** Runs `handle(connection)` on a new connection and always closes it. */
async function executeInNewConnection(handle, options) {
  throwIfAborted(options);
  const connection = await options.connection({ abort: abortFrom(options) });
  try {
    return await handle(connection);
  } finally {
    await connection.close();
  }
}

/** Runs `handle(connection)` on the ambient connection, which stays open. */
async function executeInAmbientConnection(handle, options) {
  throwIfAborted(options);
  return handle(await options.connection({ abort: abortFrom(options) }));
}

/** The executor's options with a call's own on top (the executor's object itself when the call brings none). */
const withCallOptions = (options, own) => (own === undefined ? options : { ...options, ...own });

function executorOver(run, options) {
  return {
    query: (sql, queryOptions) => run((target) => target.query(sql, queryOptions), withCallOptions(options, queryOptions)),
    batchQuery: (sqls, queryOptions) =>
      run((target) => target.batchQuery(sqls, queryOptions), withCallOptions(options, queryOptions)),
    command: (sql, commandOptions) =>
      run((target) => target.command(sql, commandOptions), withCallOptions(options, commandOptions)),
    batchCommand: (sqls, commandOptions) =>
      run((target) => target.batchCommand(sqls, commandOptions), withCallOptions(options, commandOptions)),
  };
}

/** An SQLExecutor from a driver's DbSQLExecutor (methods take the client first). */
function dbClientSQLExecutor(dbExecutor, options) {
  return {
    query: (sql, queryOptions) =>
      executeInNewDbClient((client) => dbExecutor.query(client, sql, queryOptions), withCallOptions(options, queryOptions)),
    batchQuery: (sqls, queryOptions) =>
      executeInNewDbClient((client) => dbExecutor.batchQuery(client, sqls, queryOptions), withCallOptions(options, queryOptions)),
    command: (sql, commandOptions) =>
      executeInNewDbClient((client) => dbExecutor.command(client, sql, commandOptions), withCallOptions(options, commandOptions)),
    batchCommand: (sqls, commandOptions) =>
      executeInNewDbClient((client) => dbExecutor.batchCommand(client, sqls, commandOptions), withCallOptions(options, commandOptions)),
  };
}

/** Each statement on a new connection from `options.connection`, closed afterwards. */
function sqlExecutorInNewConnection(options) {
  return executorOver(
    (handle, callOptions) => executeInNewConnection((connection) => handle(connection.execute), callOptions),
    options,
  );
}

/** Each statement on the connection `options.connection` returns, left open. */
function sqlExecutorInAmbientConnection(options) {
  return executorOver(
    (handle, callOptions) => executeInAmbientConnection((connection) => handle(connection.execute), callOptions),
    options,
  );
}

module.exports = {
  executeInNewDbClient,
  executeInNewConnection,
  executeInAmbientConnection,
  dbClientSQLExecutor,
  sqlExecutorInNewConnection,
  sqlExecutorInAmbientConnection,
};
