'use strict';
// Upstream's DatabaseLock contract and NoDatabaseLock,
// the lock of databases that need none (SQLite: one writer, BEGIN IMMEDIATE).

/** Defaults of every lock: `timeoutMs` 10 s. */
const defaultDatabaseLockOptions = Object.freeze({ timeoutMs: 10000 });

/** Acquires nothing: every method resolves at once; withAcquire just runs the handle. */
const NoDatabaseLock = Object.freeze({
  acquire: () => Promise.resolve(),
  tryAcquire: () => Promise.resolve(true),
  release: () => Promise.resolve(true),
  withAcquire: (_execute, handle) => handle(),
});

module.exports = { defaultDatabaseLockOptions, NoDatabaseLock };
