'use strict';
// better-sqlite3 errors → the DumboError family. A SqliteError carries SQLite's
// extended result code ('SQLITE_CONSTRAINT_UNIQUE', ...): constraint kinds are taken
// from it (never from the message), everything else goes to Dumbo's mapSqliteError
// (primary codes: SQLITE_ERROR → InvalidOperationError, SQLITE_BUSY →
// LockNotAvailableError, ...). The driver error is kept as `innerError` (and `cause`).
const {
  CheckViolationError,
  DumboError,
  ForeignKeyViolationError,
  IntegrityConstraintViolationError,
  InvalidOperationError,
  NotNullViolationError,
  UniqueConstraintError,
  mapSqliteError,
} = require('@event-driven-io/dumbo');

const constraintCodes = {
  SQLITE_CONSTRAINT_UNIQUE: UniqueConstraintError,
  SQLITE_CONSTRAINT_PRIMARYKEY: UniqueConstraintError,
  SQLITE_CONSTRAINT_ROWID: UniqueConstraintError,
  SQLITE_CONSTRAINT_NOTNULL: NotNullViolationError,
  SQLITE_CONSTRAINT_FOREIGNKEY: ForeignKeyViolationError,
  SQLITE_CONSTRAINT_CHECK: CheckViolationError,
  SQLITE_CONSTRAINT_TRIGGER: IntegrityConstraintViolationError,
  SQLITE_CONSTRAINT_COMMITHOOK: IntegrityConstraintViolationError,
  SQLITE_CONSTRAINT_FUNCTION: IntegrityConstraintViolationError,
  SQLITE_CONSTRAINT_VTAB: IntegrityConstraintViolationError,
  SQLITE_CONSTRAINT_DATATYPE: IntegrityConstraintViolationError,
  SQLITE_CONSTRAINT_PINNED: IntegrityConstraintViolationError,
};

/** The DumboError for an error thrown by better-sqlite3 (DumboErrors pass through). */
function mapBetterSqlite3Error(error) {
  if (DumboError.isInstanceOf(error)) return error;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  if (code !== undefined && Object.hasOwn(constraintCodes, code)) {
    return new constraintCodes[code](error.message, error);
  }
  if (code !== undefined && code.startsWith('SQLITE_')) return mapSqliteError(error);
  // better-sqlite3's own checks (binding a value it cannot bind, a wrong number of
  // parameters, using a closed database): misuse of the API.
  if (error instanceof TypeError || error instanceof RangeError) {
    return new InvalidOperationError(error.message, error);
  }
  return mapSqliteError(error);
}

module.exports = { mapBetterSqlite3Error };
