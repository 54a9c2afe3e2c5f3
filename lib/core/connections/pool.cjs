'use strict';
// Pools over the connection factories (as upstream's).
const { InvalidOperationError } = require('../../errors.cjs');
const { throwIfAborted, abortFrom } = require('../abort.cjs');
const { guardConcurrentAccess, guardBoundedAccess } = require('./executionGuards.cjs');
const {
  executeInNewConnection,
  executeInAmbientConnection,
  sqlExecutorInNewConnection,
  sqlExecutorInAmbientConnection,
} = require('./executors.cjs');
const {
  transactionFactoryWithNewConnection,
  transactionFactoryWithAsyncAmbientConnection,
} = require('./transactionFactories.cjs');

/** The connection a pool hands out, with `close` replaced (release, or nothing). */
const pooled = (connection, onClose) => ({ ...connection, close: onClose });

/**
 * The default composition: every connection/withConnection/execute/transaction on a
 * new connection from `getConnection`, closed afterwards. Any part can be overridden.
 */
function createConnectionPool(pool) {
  const { driverType, getConnection } = pool;
  const connection =
    'connection' in pool
      ? pool.connection
      : (options) => {
          throwIfAborted(options);
          return Promise.resolve(getConnection({ abort: abortFrom(options) }));
        };
  const transactions =
    'transaction' in pool && 'withTransaction' in pool
      ? { transaction: pool.transaction, withTransaction: pool.withTransaction }
      : transactionFactoryWithNewConnection(getConnection);
  return {
    driverType,
    connection,
    withConnection:
      'withConnection' in pool
        ? pool.withConnection
        : (handle, options) =>
            executeInNewConnection((conn) => handle(conn, { abort: abortFrom(options) }), { connection, ...options }),
    close: 'close' in pool ? pool.close : () => Promise.resolve(),
    execute: 'execute' in pool ? pool.execute : sqlExecutorInNewConnection({ driverType, connection }),
    ...transactions,
  };
}

/** Everything on one caller-owned connection, which the pool never closes. */
function createAmbientConnectionPool({ driverType, connection }) {
  return createConnectionPool({
    driverType,
    getConnection: () => connection,
    execute: connection.execute,
    transaction: (options) => connection.transaction(options),
    withConnection: (handle, options) => {
      throwIfAborted(options);
      return handle(connection, { abort: abortFrom(options) });
    },
    withTransaction: (handle, options) => connection.withTransaction(handle, options),
  });
}

/**
 * `connectionOptions`, when given, are passed to `getConnection` first.
 * @param {{ driverType: string, getConnection: Function, connectionOptions?: unknown }} options
 */
function createAlwaysNewConnectionPool({ driverType, getConnection, connectionOptions }) {
  return createConnectionPool({
    driverType,
    getConnection: (context) => (connectionOptions ? getConnection(connectionOptions, context) : getConnection(context)),
  });
}

/**
 * One connection, opened on first use and shared; `close()` drains (or, with
 * `force`/`closeDeadline`, aborts) in-flight work, then closes it.
 */
function createSingletonConnectionPool(options) {
  const { driverType, getConnection } = options;
  let connectionPromise = null;
  /** The shared connection once it is made (statements then skip awaiting it). */
  let connection;
  let closed = false;
  const guard = guardConcurrentAccess();
  const closedError = () => new InvalidOperationError('Singleton connection pool has been closed');
  const whileOpen = (operation, operationOptions) => {
    if (closed) return Promise.reject(closedError());
    return guard.execute(operation, operationOptions);
  };
  const shared = (context) => {
    connectionPromise ??= Promise.resolve(getConnection(context)).then((made) => (connection = made));
    return connectionPromise;
  };
  const transactions = transactionFactoryWithAsyncAmbientConnection(driverType, shared, options.closeConnection);
  const ambient = sqlExecutorInAmbientConnection({ driverType, connection: shared, ready: () => connection });
  return {
    driverType,
    connection: (connectionOptions) =>
      whileOpen(
        (context) => shared(context).then((conn) => pooled(conn, () => Promise.resolve())),
        connectionOptions,
      ),
    execute: {
      query: (sql, o) => whileOpen(() => ambient.query(sql, o), o),
      batchQuery: (sqls, o) => whileOpen(() => ambient.batchQuery(sqls, o), o),
      command: (sql, o) => whileOpen(() => ambient.command(sql, o), o),
      batchCommand: (sqls, o) => whileOpen(() => ambient.batchCommand(sqls, o), o),
    },
    withConnection: (handle, o) =>
      whileOpen(
        (context) => executeInAmbientConnection((conn) => handle(conn, context), { connection: shared, ...o }),
        o,
      ),
    transaction: (transactionOptions) => {
      if (closed) throw closedError();
      return transactions.transaction(transactionOptions);
    },
    withTransaction: (handle, transactionOptions) =>
      whileOpen(
        (context) => transactions.withTransaction((tx) => handle(tx, context), transactionOptions),
        transactionOptions,
      ),
    close: async (closeOptions) => {
      if (closed) return;
      closed = true;
      await guard.stop(closeOptions);
      if (!connectionPromise) return;
      const made = await connectionPromise;
      connectionPromise = null;
      connection = undefined;
      await made.close();
    },
  };
}

/**
 * At most `maxConnections` connections in use; other callers wait in FIFO order (with
 * `maxTaskIdleTime`, at most that many ms: then QueryCanceledError). A released
 * connection is kept for the next caller; `close()` closes them all.
 */
function createBoundedConnectionPool(options) {
  const { driverType, maxConnections } = options;
  const guard = guardBoundedAccess(options.getConnection, {
    maxResources: maxConnections,
    maxTaskIdleTime: options.maxTaskIdleTime,
    reuseResources: true,
    closeResource: (connection) => connection.close(),
  });
  let closed = false;
  const ensureOpen = () => {
    if (closed) throw new InvalidOperationError('Bounded connection pool has been closed');
  };
  const withPooled = (operation, operationOptions) => {
    if (closed) return Promise.reject(new InvalidOperationError('Bounded connection pool has been closed'));
    return guard.execute(operation, operationOptions);
  };
  return {
    driverType,
    connection: async (connectionOptions) => {
      ensureOpen();
      const conn = await guard.acquire(connectionOptions);
      return pooled(conn, () => Promise.resolve(guard.release(conn)));
    },
    execute: {
      query: (sql, o) => withPooled((c) => c.execute.query(sql, o), o),
      batchQuery: (sqls, o) => withPooled((c) => c.execute.batchQuery(sqls, o), o),
      command: (sql, o) => withPooled((c) => c.execute.command(sql, o), o),
      batchCommand: (sqls, o) => withPooled((c) => c.execute.batchCommand(sqls, o), o),
    },
    withConnection: withPooled,
    transaction: (transactionOptions) => {
      ensureOpen();
      return transactionFactoryWithAsyncAmbientConnection(
        driverType,
        (context) => guard.acquire({ ...transactionOptions, abort: context.abort }),
        guard.release,
      ).transaction(transactionOptions);
    },
    withTransaction: (handle, transactionOptions) =>
      withPooled((conn, context) => conn.withTransaction((tx) => handle(tx, context), transactionOptions), transactionOptions),
    close: async (closeOptions) => {
      if (closed) return;
      closed = true;
      await guard.stop(closeOptions);
    },
  };
}

/** A singleton pool over `connectionFactory({ dbClient })`. */
function createSingletonClientConnectionPool({ driverType, dbClient, connectionFactory }) {
  return createSingletonConnectionPool({ driverType, getConnection: () => connectionFactory({ dbClient }) });
}

module.exports = {
  createConnectionPool,
  createAmbientConnectionPool,
  createAlwaysNewConnectionPool,
  createSingletonConnectionPool,
  createBoundedConnectionPool,
  createSingletonClientConnectionPool,
};
