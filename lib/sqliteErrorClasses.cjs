'use strict';
// SQLite result codes (SQLITE_BUSY, SQLITE_CONSTRAINT_UNIQUE, ...) to DumboError classes,
// for the JS drivers' mappers (mapSqliteError, mapD1Error). The table is the native SQLite
// driver's own (crates/dumbo-sqlite/src/errors.rs), read through the binding.
const { DumboError, errorClassFor } = require('./errors.cjs');
const { binding } = require('./native.cjs');

/** The class for a result code name (a bare SQLITE_CONSTRAINT is classed by its message); undefined when unknown. */
const sqliteClassFor = (code, message) => {
  const ErrorClass = errorClassFor(binding.sqliteErrorType(code, message));
  return ErrorClass === DumboError ? undefined : ErrorClass;
};

/** The constraint class a message names (UNIQUE, FOREIGN KEY, NOT NULL, CHECK, ...). */
const sqliteConstraintClass = (message) => sqliteClassFor('SQLITE_CONSTRAINT', message);

/** Whether an error carries a SQLite result code (as node-sqlite3's errors do). */
const isSQLiteError = (error) =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_');

module.exports = { sqliteClassFor, sqliteConstraintClass, isSQLiteError };
