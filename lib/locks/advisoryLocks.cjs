'use strict';
// Upstream's PostgreSQL advisory locks.
//
// Modes (`mode` option):
//  - none (the default, what migrations use): pg_advisory_xact_lock, held until the end
//    of the surrounding transaction; there is nothing to release.
//  - 'Session' or 'Permanent': pg_advisory_lock, held by the database session until
//    released (pg_advisory_unlock) or the session ends. withAcquire releases it.
//    Upstream takes the *transaction* lock for 'Session' (only 'Permanent' is a session
//    lock); here 'Session' is the session lock its name says.
// A session lock belongs to one connection: acquire and release it through one
// connection's (or transaction's) executor, not a pool's, whose statements may each run
// on another connection.
//
// `timeoutMs` (default 10 s) bounds the wait: the statement runs with the executor's
// per-statement `timeoutMs` (SET statement_timeout before, RESET after, so nothing leaks
// into the session), and a cancel (QueryCanceledError, 57014) means "not acquired".
// Inside a transaction a cancelled statement aborts the transaction, as any error does.
const { DumboError, LockNotAvailableError, QueryCanceledError } = require('../errors.cjs');
const { SQL } = require('../sql/tag.cjs');
const { single } = require('../query.cjs');
const { defaultDatabaseLockOptions } = require('./databaseLock.cjs');

const LOCK_NOT_AVAILABLE =
  'Failed to acquire advisory lock within the specified timeout. Migration aborted.';

const SESSION_MODES = new Set(['Session', 'Permanent']);
const isSessionMode = (mode) => SESSION_MODES.has(mode);

const isCancel = (error) =>
  error instanceof QueryCanceledError ||
  DumboError.isInstanceOf(error, { errorType: QueryCanceledError.ErrorType });

const checkLockId = (lockId) => {
  if (typeof lockId !== 'number' && typeof lockId !== 'bigint') {
    throw new TypeError(`Advisory lock id must be a number or bigint, got ${typeof lockId}`);
  }
};

/** Waits up to `timeoutMs` for the lock: true when acquired, false on timeout. */
async function tryAcquireAdvisoryLock(execute, options) {
  checkLockId(options?.lockId);
  const timeoutMs = options.timeoutMs ?? defaultDatabaseLockOptions.timeoutMs;
  const fn = isSessionMode(options.mode) ? 'pg_advisory_lock' : 'pg_advisory_xact_lock';
  try {
    await single(
      execute.query(SQL`SELECT ${SQL.plain(fn)}(${options.lockId}::bigint) AS locked`, { timeoutMs }),
    );
    return true;
  } catch (error) {
    if (isCancel(error)) return false;
    throw error;
  }
}

/**
 * Releases a session lock: true when this session held it (pg_advisory_unlock's answer;
 * upstream returns true whatever it says), false when it did not or on timeout.
 */
async function releaseAdvisoryLock(execute, options) {
  checkLockId(options?.lockId);
  const timeoutMs = options.timeoutMs ?? defaultDatabaseLockOptions.timeoutMs;
  try {
    const row = await single(
      execute.query(SQL`SELECT pg_advisory_unlock(${options.lockId}::bigint) AS unlocked`, { timeoutMs }),
    );
    return row.unlocked === true;
  } catch (error) {
    if (isCancel(error)) return false;
    throw error;
  }
}

/** Like tryAcquire, but throws LockNotAvailableError when the lock is not acquired in time. */
async function acquireAdvisoryLock(execute, options) {
  if (!(await tryAcquireAdvisoryLock(execute, options))) {
    throw new LockNotAvailableError(LOCK_NOT_AVAILABLE);
  }
}

/** Runs `handle` holding the lock; a session lock is released afterwards, also on error. */
async function withAdvisoryLock(execute, handle, options) {
  await acquireAdvisoryLock(execute, options);
  if (!isSessionMode(options.mode)) return handle();
  try {
    return await handle();
  } finally {
    await releaseAdvisoryLock(execute, options);
  }
}

/** The DatabaseLock of PostgreSQL (the migrator's default there). */
const AdvisoryLock = Object.freeze({
  acquire: acquireAdvisoryLock,
  tryAcquire: tryAcquireAdvisoryLock,
  release: releaseAdvisoryLock,
  withAcquire: withAdvisoryLock,
});

/** A lock bound to an executor and `{ lockId, timeoutMs? }`; methods take `{ mode }`. */
function advisoryLock(execute, options) {
  checkLockId(options?.lockId);
  const withMode = (acquireOptions) => ({ ...options, ...(acquireOptions ?? {}) });
  return {
    acquire: (acquireOptions) => acquireAdvisoryLock(execute, withMode(acquireOptions)),
    tryAcquire: (acquireOptions) => tryAcquireAdvisoryLock(execute, withMode(acquireOptions)),
    release: () => releaseAdvisoryLock(execute, options),
    withAcquire: (handle, acquireOptions) => withAdvisoryLock(execute, handle, withMode(acquireOptions)),
  };
}

module.exports = {
  AdvisoryLock,
  advisoryLock,
  acquireAdvisoryLock,
  tryAcquireAdvisoryLock,
  releaseAdvisoryLock,
  LOCK_NOT_AVAILABLE,
};
