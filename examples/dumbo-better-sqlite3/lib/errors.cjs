'use strict';
// better-sqlite3 errors → the DumboError family. A SqliteError carries SQLite's
// extended result code ('SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY', ...), which Dumbo's
// mapSqliteError classes with the built-in driver's own table (constraint kinds from
// the code, never from the message). The driver error is kept as `innerError` (and `cause`).
const { DumboError, InvalidOperationError, mapSqliteError } = require('@event-driven-io/dumbo');

/** The DumboError for an error thrown by better-sqlite3 (DumboErrors pass through). */
function mapBetterSqlite3Error(error) {
  if (DumboError.isInstanceOf(error)) return error;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  if (code !== undefined && code.startsWith('SQLITE_')) return mapSqliteError(error);
  // better-sqlite3's own checks (binding a value it cannot bind, a wrong number of
  // parameters, using a closed database): misuse of the API.
  if (error instanceof TypeError || error instanceof RangeError) {
    return new InvalidOperationError(error.message, error);
  }
  return mapSqliteError(error);
}

module.exports = { mapBetterSqlite3Error };
