'use strict';
// Upstream's transaction nesting: the state machine shared
// by every driver, and executeInTransaction's { success, result } protocol.
const { InvalidOperationError } = require('../errors.cjs');
const { throwIfAborted } = require('./abort.cjs');
const { isSQLTracingOn } = require('../tracing/tracer.cjs');
const { traceTransaction } = require('../tracing/sqlTrace.cjs');

const NESTED_NOT_ALLOWED =
  'Cannot start a nested transaction: allowNestedTransactions is false. Set transactionOptions: { allowNestedTransactions: true } on your pool or connection.';

/**
 * Two forms over one state machine:
 * - databaseTransaction({ driverType, connection, execute, backend, options }): a whole
 *   DatabaseTransaction; backend { begin(options), commit(), rollback(), savepoint(n),
 *   releaseSavepoint(n), rollbackToSavepoint(n), close(error?) } is the driver's SQL side.
 * - databaseTransaction(backend, { allowNestedTransactions, useSavepoints }) (upstream's):
 *   only { begin, commit, rollback }; the savepoint steps are optional and the backend's
 *   own commit/rollback release the client.
 */
function databaseTransaction(args, lifecycleOptions) {
  if (typeof args?.begin === 'function') return transactionLifecycle(args, lifecycleOptions);
  return fullTransaction(args);
}

function transactionLifecycle(backend, options) {
  const noop = async () => {};
  const tx = fullTransaction({
    backend: {
      begin: () => backend.begin(),
      commit: () => backend.commit(),
      rollback: (error) => backend.rollback(error),
      savepoint: (level) => (backend.savepoint ?? noop)(level),
      releaseSavepoint: (level) => (backend.releaseSavepoint ?? noop)(level),
      rollbackToSavepoint: (level) => (backend.rollbackToSavepoint ?? noop)(level),
      close: noop,
    },
    options: {
      allowNestedTransactions: options?.allowNestedTransactions ?? false,
      useSavepoints: options?.useSavepoints ?? false,
    },
  });
  return { begin: tx.begin, commit: tx.commit, rollback: tx.rollback };
}

/**
 * @param {{ driverType?: string, connection?: any, execute?: any, backend: any,
 *   options?: { allowNestedTransactions?: boolean, useSavepoints?: boolean } }} args
 */
function fullTransaction({ driverType, connection, execute, backend, options = {} }) {
  const allowNested = options.allowNestedTransactions ?? false;
  const useSavepoints = options.useSavepoints ?? false;
  let level = 0;
  // db:transaction:begin|commit|rollback with the nesting level, at DUMBO_LOG_LEVEL=INFO.
  const trace = (step, atLevel) => {
    if (isSQLTracingOn()) traceTransaction(step, driverType, atLevel);
  };

  const tx = {
    driverType,
    connection,
    execute,
    _transactionOptions: options,
    get isActive() {
      return level > 0;
    },
    async begin() {
      if (level > 0) {
        if (!allowNested) throw new InvalidOperationError(NESTED_NOT_ALLOWED);
        // Count the level only once its savepoint exists.
        if (useSavepoints) await backend.savepoint(level + 1);
        level++;
        trace('begin', level);
        return;
      }
      try {
        await backend.begin(options);
      } catch (error) {
        // The transaction never started: let the connection release it, or every
        // later transaction on that connection would reuse this dead one.
        try {
          await backend.close(error);
        } catch {
          // keep the BEGIN error
        }
        throw error;
      }
      level = 1;
      trace('begin', 1);
    },
    async commit() {
      if (level === 0) throw new InvalidOperationError('Transaction not started');
      if (level > 1) {
        if (useSavepoints) await backend.releaseSavepoint(level);
        trace('commit', level);
        level--;
        return;
      }
      level = 0;
      try {
        await backend.commit();
      } catch (error) {
        // A failed COMMIT can leave the transaction open (SQLite's SQLITE_BUSY does;
        // PostgreSQL has already rolled back): roll back before releasing the
        // connection, so the next transaction does not start inside this one.
        try {
          await backend.rollback(error);
        } catch {
          // keep the COMMIT error
        }
        await backend.close(error);
        throw error;
      }
      await backend.close();
      trace('commit', 1);
    },
    async rollback(error) {
      if (level === 0) return;
      if (level > 1) {
        if (useSavepoints) await backend.rollbackToSavepoint(level);
        trace('rollback', level);
        level--;
        return;
      }
      level = 0;
      try {
        await backend.rollback(error);
      } finally {
        await backend.close(error);
      }
      trace('rollback', 1);
    },
    withTransaction(handle, nestedOptions) {
      return executeInNestedTransaction(tx, handle, nestedOptions);
    },
  };
  return tx;
}

function normalizeResult(value) {
  if (value !== null && typeof value === 'object' && 'success' in value) {
    return { success: Boolean(value.success), result: value.result };
  }
  return { success: true, result: value };
}

/** begin → handle → commit (or rollback on { success: false } / throw). */
async function executeInTransaction(tx, handle, context = {}) {
  throwIfAborted(context);
  await tx.begin();
  let outcome;
  try {
    outcome = normalizeResult(await handle(tx, context));
  } catch (error) {
    try {
      await tx.rollback(error);
    } catch {
      // A failing rollback must not hide the error that caused it.
    }
    throw error;
  }
  try {
    if (outcome.success) await tx.commit();
    else await tx.rollback();
  } catch (error) {
    try {
      await tx.rollback(error);
    } catch {
      // keep the commit error
    }
    throw error;
  }
  return outcome.result;
}

function executeInNestedTransaction(tx, handle, options) {
  throwIfAborted(options);
  const allowed =
    options?.allowNestedTransactions ?? tx._transactionOptions?.allowNestedTransactions ?? false;
  if (!allowed) return Promise.reject(new InvalidOperationError(NESTED_NOT_ALLOWED));
  return executeInTransaction(tx, handle, options);
}

module.exports = {
  databaseTransaction,
  executeInTransaction,
  executeInNestedTransaction,
  NESTED_NOT_ALLOWED,
};
