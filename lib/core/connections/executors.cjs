'use strict';
// Executors that obtain their client or connection per call (as upstream's): from a driver's DbSQLExecutor and a `connect`, from a
// new connection (closed after the call) or from an ambient one (left open).
//
// A factory that already holds its client or connection (connected once, kept) may pass
// `ready: () => clientOrConnection | undefined`: while it answers, a statement goes
// straight to it, without the awaited `connect()`/`connection()` step, so a driver that
// answers synchronously pays for one promise per statement instead of one per layer.
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

/**
 * `run()` on a client or connection already at hand: the abort checks the awaited path
 * makes, and its result, or its synchronous throw, as a promise.
 */
function runNow(run, options, own) {
  try {
    throwIfAborted(options);
    throwIfAborted(own);
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The executor's options with a call's own on top (the executor's object itself when the call brings none). */
const withCallOptions = (options, own) => (own === undefined ? options : { ...options, ...own });

const EXECUTOR_METHODS = ['query', 'batchQuery', 'command', 'batchCommand'];

/** An SQLExecutor whose four methods are `method(name)` each. */
function executorOf(method) {
  return Object.fromEntries(EXECUTOR_METHODS.map((name) => [name, method(name)]));
}

/** Each method runs on the SQLExecutor `run` hands its callback, with the merged options. */
function executorOver(run, options) {
  return executorOf(
    (name) => (sql, own) => run((target) => target[name](sql, own), withCallOptions(options, own)),
  );
}

/** An SQLExecutor from a driver's DbSQLExecutor (methods take the client first). */
function dbClientSQLExecutor(dbExecutor, options) {
  const { ready } = options;
  return executorOf((name) => (sql, own) => {
    const client = ready?.();
    if (client !== undefined) return runNow(() => dbExecutor[name](client, sql, own), options, own);
    return executeInNewDbClient((client) => dbExecutor[name](client, sql, own), withCallOptions(options, own));
  });
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
  const { ready } = options;
  const awaited = executorOver(
    (handle, callOptions) => executeInAmbientConnection((connection) => handle(connection.execute), callOptions),
    options,
  );
  if (ready === undefined) return awaited;
  return executorOf((name) => (sql, own) => {
    const connection = ready();
    if (connection !== undefined) return runNow(() => connection.execute[name](sql, own), options, own);
    return awaited[name](sql, own);
  });
}

module.exports = {
  executeInNewDbClient,
  executeInNewConnection,
  executeInAmbientConnection,
  dbClientSQLExecutor,
  sqlExecutorInNewConnection,
  sqlExecutorInAmbientConnection,
};
