'use strict';
// A Dumbo connection pool over @duckdb/node-api.
//
// - One DuckDB database per pool handle: a private in-memory database for
//   'duckdb::memory:', or the process-wide instance of a database file (DuckDB's
//   instance cache: every pool on one file in this process shares it, as DuckDB allows
//   only one writer process per file). A pool closes only its own handle.
// - Up to `max` DuckDB connections (default 10), created on demand and reused. A call
//   on pool.execute borrows one for the statement; a transaction or withConnection
//   keeps one for its whole duration. DuckDB's MVCC keeps open transactions isolated
//   from other connections (snapshot isolation); a write-write conflict between two of
//   them gives a SerializationError.
// - Work started inside a withTransaction/withConnection callback through the pool
//   (pool.execute, pool.withTransaction, ...) runs on the callback's connection.
// - Transactions: BEGIN TRANSACTION [READ ONLY] / COMMIT / ROLLBACK, with Dumbo's
//   nesting rules (allowNestedTransactions). DuckDB has no savepoints, so
//   useSavepoints: true is rejected with an InvalidOperationError.
const { AsyncLocalStorage } = require('node:async_hooks');
const { DuckDBInstance, ResultReturnType } = require('@duckdb/node-api');
const {
  ConnectionError,
  DumboError,
  InvalidOperationError,
  JSONSerializer,
  databaseTransaction,
  executeInTransaction,
  sqlExecutor,
} = require('@event-driven-io/dumbo');
const { parseDuckDBConnectionString } = require('./connectionString.cjs');
const { duckDBFormatter } = require('./formatter.cjs');
const { mapDuckDBError, mapDuckDBOpenError } = require('./errors.cjs');
const { bindParams } = require('./values.cjs');

const DUCKDB_CONNECTOR = 'DuckDB:nodejs';
const DEFAULT_CONNECTION_STRING = 'duckdb::memory:';
const SAVEPOINTS_UNSUPPORTED =
  'DuckDB does not support savepoints: useSavepoints: true cannot be used with the DuckDB:nodejs plugin';

const closedError = () => new InvalidOperationError('Connection pool has been closed');

function expectType(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`DuckDB option '${key}' must be a ${type}, got ${typeof value}`);
  }
}

function assertNoSavepoints(transactionOptions) {
  if (transactionOptions?.useSavepoints === true) throw new InvalidOperationError(SAVEPOINTS_UNSUPPORTED);
}

function resolveDuckDBOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('DuckDB pool options must be an object');
  }
  expectType(options, 'connectionString', 'string');
  expectType(options, 'max', 'number');
  expectType(options, 'connectionTimeoutMillis', 'number');
  for (const key of ['config', 'transactionOptions']) {
    if (options[key] !== undefined && (options[key] === null || typeof options[key] !== 'object')) {
      throw new TypeError(`DuckDB option '${key}' must be an object`);
    }
  }
  const max = options.max ?? 10;
  if (!Number.isInteger(max) || max < 1) {
    throw new TypeError(`DuckDB option 'max' must be a positive integer, got ${max}`);
  }
  const serializer = options.serializer ?? JSONSerializer;
  if (typeof serializer?.serialize !== 'function') {
    throw new TypeError("DuckDB option 'serializer' must have a serialize(value) function");
  }
  const connectionString = options.connectionString ?? DEFAULT_CONNECTION_STRING;
  const { path, inMemory, config } = parseDuckDBConnectionString(connectionString);
  const merged = { ...config };
  for (const [key, value] of Object.entries(options.config ?? {})) merged[key] = String(value);
  const transactionOptions = { ...(options.transactionOptions ?? {}) };
  assertNoSavepoints(transactionOptions);
  return {
    connectionString,
    path,
    inMemory,
    config: merged,
    max,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 30_000,
    serializer,
    transactionOptions,
  };
}

/** Runs one SQL (already a Dumbo SQL value) on a DuckDB connection: { rowCount, rows }. */
async function runStatement(raw, sql, serializer) {
  const { query, params } = duckDBFormatter.format(sql, { serializer });
  try {
    let result;
    if (params.length === 0) {
      // Without parameters DuckDB runs every statement of a multi-statement string.
      result = await raw.run(query);
    } else {
      const { values, types } = bindParams(params, serializer);
      result = await raw.run(query, values, types);
    }
    if (result.returnType === ResultReturnType.QUERY_RESULT) {
      const rows = await result.getRowObjectsJS();
      return { rowCount: rows.length, rows };
    }
    if (result.returnType === ResultReturnType.CHANGED_ROWS) {
      return { rowCount: Number(result.rowsChanged), rows: [] };
    }
    return { rowCount: 0, rows: [] };
  } catch (error) {
    throw mapDuckDBError(error);
  }
}

async function runControl(raw, statement) {
  try {
    await raw.run(statement);
  } catch (error) {
    throw mapDuckDBError(error);
  }
}

function closeQuietly(handle) {
  try {
    handle.closeSync();
  } catch {
    // already closed
  }
}

/** The DuckDB database handle and its connections, up to `max`, reused. */
class ConnectionSource {
  constructor(settings) {
    this.settings = settings;
    this.instance = null; // Promise<DuckDBInstance>
    this.idle = [];
    this.leased = new Set();
    this.size = 0;
    this.waiters = [];
    this.closed = false;
  }

  #instance() {
    if (!this.instance) {
      const { path, inMemory, config } = this.settings;
      this.instance = (inMemory ? DuckDBInstance.create(':memory:', config) : DuckDBInstance.fromCache(path, config)).catch(
        (error) => {
          this.instance = null; // a later call may try again (e.g. once the directory exists)
          throw mapDuckDBOpenError(error);
        },
      );
    }
    return this.instance;
  }

  async #connect() {
    this.size++;
    try {
      const instance = await this.#instance();
      const raw = await instance.connect();
      if (this.closed) {
        closeQuietly(raw);
        throw closedError();
      }
      this.leased.add(raw);
      return raw;
    } catch (error) {
      this.size--;
      // The slot this call held is free again: a waiter may use it.
      const waiter = this.waiters.shift();
      if (waiter) {
        clearTimeout(waiter.timer);
        this.#connect().then(waiter.resolve, waiter.reject);
      }
      throw DumboError.isInstanceOf(error) ? error : mapDuckDBOpenError(error);
    }
  }

  acquire() {
    if (this.closed) return Promise.reject(closedError());
    const idle = this.idle.pop();
    if (idle) {
      this.leased.add(idle);
      return Promise.resolve(idle);
    }
    if (this.size < this.settings.max) return this.#connect();
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject, timer: null };
      const ms = this.settings.connectionTimeoutMillis;
      waiter.timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new ConnectionError(
            `DuckDB connection pool is exhausted: no connection became free within ${ms} ms (max ${this.settings.max})`,
          ),
        );
      }, ms);
      // A waiting call keeps the process alive, but never longer than the timeout.
      this.waiters.push(waiter);
    });
  }

  release(raw) {
    if (!this.leased.delete(raw)) return;
    if (this.closed) {
      this.size--;
      closeQuietly(raw);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      this.leased.add(raw);
      waiter.resolve(raw);
      return;
    }
    this.idle.push(raw);
  }

  /** Closes idle connections and this pool's database handle; leased connections close when released. */
  async close({ force = false } = {}) {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(closedError());
    }
    for (const raw of this.idle.splice(0)) {
      this.size--;
      closeQuietly(raw);
    }
    if (force) for (const raw of this.leased) raw.interrupt();
    const instance = this.instance ? await this.instance.catch(() => null) : null;
    // Connections still leased keep the database alive until they are released.
    if (instance) closeQuietly(instance);
  }
}

/**
 * A Dumbo Connection. It borrows a DuckDB connection from the pool on first use and
 * keeps it until close() (or, for a connection made for one transaction, until that
 * transaction ends).
 */
function createConnection(context, { releaseAfterTransaction = false } = {}) {
  const { source, als, settings } = context;
  let raw = null;
  let leasing = null;
  let current = null;

  const getRaw = () => {
    if (raw) return Promise.resolve(raw);
    leasing ??= source.acquire().then(
      (leased) => {
        raw = leased;
        leasing = null;
        return leased;
      },
      (error) => {
        leasing = null;
        throw error;
      },
    );
    return leasing;
  };

  const release = async () => {
    if (leasing) await leasing.catch(() => null);
    if (!raw) return;
    const leased = raw;
    raw = null;
    if (current?.isActive) {
      // Never hand a connection with an open transaction back to the pool.
      await runControl(leased, 'ROLLBACK').catch(() => {});
      current = null;
    }
    source.release(leased);
  };

  const run = async (sql) => runStatement(await getRaw(), sql, settings.serializer);

  const backend = {
    async begin(options) {
      await runControl(await getRaw(), options?.readonly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN TRANSACTION');
    },
    async commit() {
      const leased = await getRaw();
      try {
        await runControl(leased, 'COMMIT');
      } catch (error) {
        // A failed COMMIT must not leave the transaction open on a pooled connection.
        await runControl(leased, 'ROLLBACK').catch(() => {});
        throw error;
      }
    },
    async rollback() {
      await runControl(await getRaw(), 'ROLLBACK');
    },
    async savepoint() {
      throw new InvalidOperationError(SAVEPOINTS_UNSUPPORTED);
    },
    async releaseSavepoint() {
      throw new InvalidOperationError(SAVEPOINTS_UNSUPPORTED);
    },
    async rollbackToSavepoint() {
      throw new InvalidOperationError(SAVEPOINTS_UNSUPPORTED);
    },
    async close() {
      current = null;
      if (releaseAfterTransaction) await release();
    },
  };

  const connection = {
    driverType: DUCKDB_CONNECTOR,
    execute: sqlExecutor(run, run),
    /** The DuckDBConnection of @duckdb/node-api this connection holds. */
    open: () => getRaw(),
    /** Returns the DuckDB connection to the pool (rolling back a transaction left open). */
    close: () => release(),
    transaction(options) {
      if (!current) {
        const merged = { ...settings.transactionOptions, ...(options ?? {}) };
        assertNoSavepoints(merged);
        current = databaseTransaction({
          driverType: DUCKDB_CONNECTOR,
          connection,
          execute: connection.execute,
          backend,
          options: merged,
        });
      }
      return current;
    },
    async withTransaction(handle, options) {
      const tx = connection.transaction(options);
      return executeInTransaction(tx, (t, ctx) => als.run(connection, () => handle(t, ctx)), {
        ...options,
        ...context.callbackContext,
      });
    },
    _run: run,
  };
  return connection;
}

/** The 'DuckDB:nodejs' plugin's createPool. */
function duckDBPool(options = {}) {
  const settings = resolveDuckDBOptions(options);
  const source = new ConnectionSource(settings);
  const als = new AsyncLocalStorage();
  const stopping = new AbortController();
  const callbackContext = { abort: { signal: stopping.signal } };
  const context = { source, als, settings, callbackContext };
  let closing = null;

  const ensureOpen = () => {
    if (source.closed) throw closedError();
  };

  const runOnPool = async (sql) => {
    ensureOpen();
    const active = als.getStore();
    if (active) return active._run(sql);
    const raw = await source.acquire();
    try {
      return await runStatement(raw, sql, settings.serializer);
    } finally {
      source.release(raw);
    }
  };

  return {
    driverType: DUCKDB_CONNECTOR,
    execute: sqlExecutor(runOnPool, runOnPool),
    async connection() {
      ensureOpen();
      const active = als.getStore();
      if (active) return active;
      const connection = createConnection(context);
      await connection.open();
      return connection;
    },
    async withConnection(handle) {
      ensureOpen();
      const active = als.getStore();
      if (active) return handle(active, callbackContext);
      const connection = createConnection(context);
      try {
        await connection.open();
        return await als.run(connection, () => handle(connection, callbackContext));
      } finally {
        await connection.close();
      }
    },
    transaction(options) {
      ensureOpen();
      const active = als.getStore();
      if (active) return active.transaction(options);
      return createConnection(context, { releaseAfterTransaction: true }).transaction(options);
    },
    async withTransaction(handle, options) {
      ensureOpen();
      const active = als.getStore();
      if (active) return active.withTransaction(handle, options);
      const connection = createConnection(context, { releaseAfterTransaction: true });
      try {
        return await connection.withTransaction(handle, options);
      } finally {
        await connection.close();
      }
    },
    close(options) {
      if (!closing) {
        if (options?.force) stopping.abort(new DumboError('Connection pool has been closed'));
        closing = source.close(options);
      }
      return closing;
    },
  };
}

module.exports = {
  DUCKDB_CONNECTOR,
  SAVEPOINTS_UNSUPPORTED,
  duckDBPool,
  resolveDuckDBOptions,
  runStatement,
};
