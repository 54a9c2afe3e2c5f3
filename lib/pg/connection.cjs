'use strict';
// A Dumbo Connection over one native PostgreSQL client. The client is acquired
// lazily on first use (upstream's lazy pg connections) and returned on close();
// using the connection again acquires a new one.
const { sqlExecutor } = require('../core/executor.cjs');
const { throwIfAborted } = require('../core/abort.cjs');
const { databaseTransaction, executeInTransaction } = require('../core/transaction.cjs');
const { resultReader } = require('./rows.cjs');
const { templateCall } = require('../sql/templates.cjs');

const PG_CONNECTOR = 'PostgreSQL:pg';

/** @typedef {import('../../binding.cjs').PgPool} NativePgPool */
/** @typedef {import('../../binding.cjs').PgConnection} NativePgConnection */

/**
 * One statement on a native pool or client, formatted once per call site when it can be.
 * @param {NativePgPool | NativePgConnection} native
 */
function nativeExecute(native, sql, options) {
  const call = templateCall(sql, 'PostgreSQL');
  return call ? native.execute(call.text, options, call.values) : native.execute(sql, options);
}

const signalOf = (options) => options?.abort?.signal ?? options?.signal;

/**
 * Runs one statement on a native client; `read` turns its cells into the result
 * (`resultReader`). An abort signal sends the server a cancel request; the statement
 * then fails with QueryCanceledError (57014), and `state.cancelled` tells the caller
 * to discard the client. Without a signal this is the statement's own promise, one
 * reaction on: no async frame in between.
 * @param {NativePgPool | NativePgConnection} native
 */
function runOn(native, sql, options, read, state = {}) {
  const signal = signalOf(options);
  if (!signal) return nativeExecute(native, sql, options).then(read);
  // Cancelling needs a client: callers with a signal pass one (a pool checks one out).
  return runWithSignal(/** @type {NativePgConnection} */ (native), sql, options, read, state, signal);
}

/** @param {NativePgConnection} native */
async function runWithSignal(native, sql, options, read, state, signal) {
  throwIfAborted(options);
  const onAbort = () => {
    state.cancelled = true;
    native.cancel().catch(() => {});
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return read(await nativeExecute(native, sql, options));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * @param {object} deps
 * @param {() => Promise<NativePgConnection>} deps.acquire a client, checked out or connected
 * @param {any} deps.serializer the pool's serializer (json/jsonb results with a custom one)
 * @param {object} [deps.transactionDefaults] the pool's transactionOptions
 * @param {<T>(work: Promise<T>) => Promise<T>} [deps.track] the pool's in-flight accounting
 */
function pgConnection({ acquire, serializer, transactionDefaults = {}, track = (p) => p }) {
  let native = null;
  let opening = null;
  let current = null;
  const read = resultReader(serializer);

  /** @returns {Promise<NativePgConnection>} */
  async function open() {
    if (native && !native.isReleased) return native;
    if (!opening) {
      opening = acquire().then(
        (n) => {
          native = n;
          opening = null;
          return n;
        },
        (error) => {
          opening = null;
          throw error;
        },
      );
    }
    return opening;
  }

  function release(discard = false) {
    const n = native;
    native = null;
    n?.release(discard);
  }

  function run(sql, options) {
    // An open client and no signal: the statement goes straight out.
    if (native !== null && !signalOf(options) && !native.isReleased) return runOn(native, sql, options, read);
    return runOpening(sql, options);
  }

  async function runOpening(sql, options) {
    const n = await open();
    const state = {};
    try {
      return await runOn(n, sql, options, read, state);
    } finally {
      // A cancel request may land after the statement ended; outside a transaction
      // the client is replaced so it cannot hit the next statement.
      if (state.cancelled && !current?.isActive) release(true);
    }
  }

  const execute = sqlExecutor(
    (sql, options) => track(run(sql, options)),
    (sql, options) => track(run(sql, options)),
    { driverType: 'PostgreSQL:pg', serializer },
  );

  // Whether BEGIN, COMMIT or ROLLBACK itself failed: only then is the session
  // unfit for the next user. An error passed to rollback(error), such as one thrown
  // by the user's callback, leaves a session that ROLLBACK cleaned: discarding it
  // would cost a reconnect per failed transaction. (The native client also closes a
  // session dropped inside a transaction by itself.)
  let controlFailed = false;
  /** @param {(native: NativePgConnection) => Promise<void>} run */
  const control = async (run) => {
    try {
      await run(await open());
    } catch (error) {
      controlFailed = true;
      throw error;
    }
  };
  const backend = (releaseOnEnd) => ({
    async begin(options) {
      await control((n) => n.begin({ isolationLevel: options.isolationLevel, readonly: options.readonly === true }));
    },
    async commit() {
      await control((n) => n.commit());
    },
    async rollback() {
      await control((n) => n.rollback());
    },
    async savepoint(level) {
      await (await open()).savepoint(level);
    },
    async releaseSavepoint(level) {
      await (await open()).releaseSavepoint(level);
    },
    async rollbackToSavepoint(level) {
      await (await open()).rollbackToSavepoint(level);
    },
    async close() {
      current = null;
      const discard = controlFailed;
      controlFailed = false;
      // A failed BEGIN/COMMIT/ROLLBACK may leave the session unusable: do not reuse it.
      if (releaseOnEnd) release(discard && native !== null);
    },
  });

  const connection = {
    driverType: PG_CONNECTOR,
    execute,
    open,
    async close() {
      if (current?.isActive) {
        try {
          await current.rollback();
        } catch {
          // the client is discarded below anyway
        }
      }
      current = null;
      release(false);
    },
    transaction(options, { releaseOnEnd = false } = {}) {
      if (!current) {
        current = databaseTransaction({
          driverType: PG_CONNECTOR,
          connection,
          execute,
          backend: backend(releaseOnEnd),
          options: { ...transactionDefaults, ...(options ?? {}) },
        });
      }
      return current;
    },
    withTransaction(handle, options) {
      return executeInTransaction(connection.transaction(options), handle, options);
    },
  };
  return connection;
}

module.exports = { pgConnection, runOn, PG_CONNECTOR };
