'use strict';
// SQLite result codes (SQLITE_BUSY, ...) to DumboError classes (reference 6.3):
// one table for mapSqliteError and the D1 mapper, which finds the code in a message.
const {
  CheckViolationError,
  ConnectionError,
  DataError,
  DeadlockError,
  ForeignKeyViolationError,
  InsufficientResourcesError,
  IntegrityConstraintViolationError,
  InvalidOperationError,
  LockNotAvailableError,
  NotNullViolationError,
  SerializationError,
  SystemError,
  UniqueConstraintError,
} = require('./errors.cjs');

const sqliteCodes = {
  SQLITE_BUSY: LockNotAvailableError,
  SQLITE_PROTOCOL: LockNotAvailableError,
  SQLITE_LOCKED: DeadlockError,
  SQLITE_CANTOPEN: ConnectionError,
  SQLITE_NOTADB: ConnectionError,
  SQLITE_NOMEM: InsufficientResourcesError,
  SQLITE_FULL: InsufficientResourcesError,
  SQLITE_IOERR: SystemError,
  SQLITE_CORRUPT: SystemError,
  SQLITE_INTERNAL: SystemError,
  SQLITE_NOLFS: SystemError,
  SQLITE_TOOBIG: DataError,
  SQLITE_MISMATCH: DataError,
  SQLITE_RANGE: DataError,
  SQLITE_ERROR: InvalidOperationError,
  SQLITE_READONLY: InvalidOperationError,
  SQLITE_MISUSE: InvalidOperationError,
  SQLITE_AUTH: InvalidOperationError,
  SQLITE_PERM: InvalidOperationError,
  SQLITE_SCHEMA: InvalidOperationError,
  SQLITE_ABORT: SerializationError,
  SQLITE_INTERRUPT: SerializationError,
};

// node-sqlite3 reports only SQLITE_CONSTRAINT; the kind is in the message.
const sqliteConstraintClass = (message) => {
  const upper = message === undefined ? '' : message.toUpperCase();
  if (upper.includes('UNIQUE') || upper.includes('PRIMARY KEY'))
    return UniqueConstraintError;
  if (upper.includes('FOREIGN KEY')) return ForeignKeyViolationError;
  if (upper.includes('NOT NULL')) return NotNullViolationError;
  if (upper.includes('CHECK')) return CheckViolationError;
  return IntegrityConstraintViolationError;
};

const sqliteClassFor = (code, message) => {
  if (code === 'SQLITE_CONSTRAINT') return sqliteConstraintClass(message);
  if (Object.hasOwn(sqliteCodes, code)) return sqliteCodes[code];
  // Extended codes (SQLITE_IOERR_READ, SQLITE_CONSTRAINT_UNIQUE, ...) fall
  // back to their primary code; upstream would give a 500 for them.
  const primaryEnd = code.indexOf('_', 'SQLITE_'.length);
  return primaryEnd > 0 && code.startsWith('SQLITE_')
    ? sqliteClassFor(code.slice(0, primaryEnd), message)
    : undefined;
};

/** Whether an error carries a SQLite result code (as node-sqlite3's errors do). */
const isSQLiteError = (error) =>
  error instanceof Error && typeof error.code === 'string' && error.code.startsWith('SQLITE_');

module.exports = { sqliteClassFor, sqliteConstraintClass, isSQLiteError };
