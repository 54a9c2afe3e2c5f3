'use strict';
// The 'DuckDB:nodejs' pool, composed from Dumbo's generic pool factories:
//
// - One DuckDB database per pool handle: a private in-memory database for
//   'duckdb::memory:', or the process-wide instance of a database file (DuckDB's
//   instance cache: every pool on one file in this process shares it, as DuckDB allows
//   only one writer process per file). A pool closes only its own handle.
// - Up to `max` DuckDB connections (default 10) in a bounded pool
//   (createBoundedConnectionPool), created on demand and reused. A call on pool.execute
//   borrows one for the statement; a transaction or withConnection keeps one for its
//   whole duration; a caller waits at most connectionTimeoutMillis for one. DuckDB's
//   MVCC keeps open transactions isolated from other connections (snapshot isolation);
//   a write-write conflict between two of them gives a SerializationError.
// - Work started inside a withTransaction/withConnection callback through the pool
//   (pool.execute, pool.withTransaction, ...) runs on the callback's connection.
const { AsyncLocalStorage } = require('node:async_hooks');
const { DuckDBInstance } = require('@duckdb/node-api');
const {
  ConnectionError,
  DumboError,
  InvalidOperationError,
  QueryCanceledError,
  createBoundedConnectionPool,
} = require('@event-driven-io/dumbo');
const { SAVEPOINTS_UNSUPPORTED, assertNoSavepoints, resolveDuckDBOptions } = require('./options.cjs');
const { mapDuckDBOpenError } = require('./errors.cjs');
const { runStatement, closeQuietly } = require('./statements.cjs');
const { DUCKDB_CONNECTOR, duckDBConnection, rollbackLeftOpen } = require('./connection.cjs');

const closedError = () => new InvalidOperationError('Connection pool has been closed');
const NO_ABORT = Object.freeze({ abort: Object.freeze({ signal: new AbortController().signal }) });

/** The 'DuckDB:nodejs' plugin's createPool. */
function duckDBPool(options = {}) {
  const settings = resolveDuckDBOptions(options);
  const als = new AsyncLocalStorage();
  const raws = new Set();
  let instance = null;
  const getInstance = () => {
    const { path, inMemory, config } = settings;
    instance ??= (inMemory ? DuckDBInstance.create(':memory:', config) : DuckDBInstance.fromCache(path, config)).catch(
      (error) => {
        instance = null; // a later call may try again (e.g. once the directory exists)
        throw mapDuckDBOpenError(error);
      },
    );
    return instance;
  };

  const pool = createBoundedConnectionPool({
    driverType: DUCKDB_CONNECTOR,
    maxConnections: settings.max,
    maxTaskIdleTime: settings.connectionTimeoutMillis,
    getConnection: async () => {
      let raw;
      try {
        raw = await (await getInstance()).connect();
      } catch (error) {
        throw DumboError.isInstanceOf(error) ? error : mapDuckDBOpenError(error);
      }
      raws.add(raw);
      return duckDBConnection(settings, raw);
    },
  });

  // The generic pool's waiting timeout and stop, in this plugin's words.
  const mapPoolError = (error) => {
    if (error instanceof QueryCanceledError && /maximum waiting time/.test(error.message)) {
      const ms = settings.connectionTimeoutMillis;
      return new ConnectionError(
        `DuckDB connection pool is exhausted: no connection became free within ${ms} ms (max ${settings.max})`,
      );
    }
    if (DumboError.isInstanceOf(error) && error.message === 'TaskProcessor has been stopped') return closedError();
    return error;
  };
  let closed = false;
  let closing = null;
  const whileOpen =
    (operation) =>
    (...args) => {
      if (closed) return Promise.reject(closedError());
      return operation(...args).catch((error) => {
        throw mapPoolError(error);
      });
    };
  const inCallback = () => als.getStore();
  // A transaction begun in a callback or on a borrowed connection and left open is
  // rolled back before the connection goes back to the pool.
  const onConnection = (handle) => async (connection, context) => {
    try {
      return await als.run(connection, () => handle(connection, context));
    } finally {
      await rollbackLeftOpen(connection);
    }
  };
  const borrowed = async (o) => {
    const connection = await pool.connection(o);
    const release = connection.close;
    return { ...connection, close: async () => (await rollbackLeftOpen(connection), release()) };
  };
  const checked = (o) => (assertNoSavepoints({ ...settings.transactionOptions, ...o }), o);
  const onStatement = (method) =>
    whileOpen(async (sql, o) => {
      const active = inCallback();
      if (active) return active.execute[method](sql, o);
      return pool.execute[method](sql, o);
    });

  return {
    driverType: DUCKDB_CONNECTOR,
    execute: {
      query: onStatement('query'),
      batchQuery: onStatement('batchQuery'),
      command: onStatement('command'),
      batchCommand: onStatement('batchCommand'),
    },
    connection: whileOpen(async (o) => inCallback() ?? borrowed(o)),
    withConnection: whileOpen(async (handle, o) => {
      const active = inCallback();
      if (active) return handle(active, NO_ABORT);
      return pool.withConnection(onConnection(handle), o);
    }),
    transaction(o) {
      if (closed) throw closedError();
      return (inCallback() ?? pool).transaction(checked(o));
    },
    withTransaction: whileOpen(async (handle, o) => {
      checked(o);
      const active = inCallback();
      if (active) return active.withTransaction(handle, o);
      return pool.withTransaction((tx, context) => als.run(tx.connection, () => handle(tx, context)), o);
    }),
    close(o) {
      closing ??= (async () => {
        closed = true;
        if (o?.force) for (const raw of raws) raw.interrupt();
        await pool.close(o);
        raws.clear();
        const database = instance ? await instance.catch(() => null) : null;
        if (database) closeQuietly(database);
      })();
      return closing;
    },
  };
}

module.exports = { DUCKDB_CONNECTOR, SAVEPOINTS_UNSUPPORTED, duckDBPool, resolveDuckDBOptions, runStatement };
