'use strict';
// mapD1Error (reference 6.4): D1 throws plain Errors whose information is only in the
// message ("D1_ERROR: UNIQUE constraint failed: t.name: SQLITE_CONSTRAINT ..."), so
// the class is read from prefixes, constraint keywords, platform messages and an
// embedded SQLITE_<CODE>, in that order.
const {
  ConnectionError,
  DataError,
  DumboError,
  InsufficientResourcesError,
  InvalidOperationError,
  SystemError,
} = require('../errors.cjs');
const { sqliteClassFor, sqliteConstraintClass } = require('../sqliteErrorClasses.cjs');

/** @type {[string, typeof DataError][]} */
const PREFIXES = [
  ['D1_TYPE_ERROR', DataError],
  ['D1_COLUMN_NOTFOUND', DataError],
  ['D1_DUMP_ERROR', SystemError],
  ['D1_SESSION_ERROR', ConnectionError],
];

/** @type {[string, typeof DataError][]} */
const PLATFORM_MESSAGES = [
  ['NETWORK CONNECTION LOST', ConnectionError],
  ['CANNOT RESOLVE D1 DB DUE TO TRANSIENT ISSUE', ConnectionError],
  ['D1 DB RESET BECAUSE', ConnectionError],
  ['D1 DB IS OVERLOADED', InsufficientResourcesError],
  ['TOO MANY REQUESTS', InsufficientResourcesError],
  ['MEMORY LIMIT WOULD BE EXCEEDED', InsufficientResourcesError],
];

const CONSTRAINT_WORDS = ['CONSTRAINT', 'UNIQUE', 'PRIMARY KEY', 'FOREIGN KEY', 'NOT NULL'];

// The first SQLITE_<CODE>; only its primary part ("SQLITE_CONSTRAINT" of
// "SQLITE_CONSTRAINT_UNIQUE") is matched, as upstream does.
const embeddedSqliteClass = (message) => {
  const match = /SQLITE_([A-Z]+)/.exec(message);
  return match ? sqliteClassFor(`SQLITE_${match[1]}`, message) : undefined;
};

function classFor(message) {
  const upper = message.toUpperCase();
  for (const [prefix, ErrorClass] of PREFIXES) if (upper.startsWith(prefix)) return ErrorClass;
  if (CONSTRAINT_WORDS.some((word) => upper.includes(word))) return sqliteConstraintClass(message);
  for (const [text, ErrorClass] of PLATFORM_MESSAGES) if (upper.includes(text)) return ErrorClass;
  const embedded = embeddedSqliteClass(message);
  if (embedded) return embedded;
  if (upper.startsWith('D1_ERROR') || upper.startsWith('D1_EXEC_ERROR')) return InvalidOperationError;
  return undefined;
}

/** Maps an error thrown by a D1 binding to the DumboError family; DumboErrors pass through. */
function mapD1Error(error) {
  if (DumboError.isInstanceOf(error)) return error;
  const innerError = error instanceof Error ? error : undefined;
  const message = innerError?.message;
  if (!message) {
    return new DumboError({ errorCode: 500, message: innerError ? message : String(error), innerError });
  }
  const ErrorClass = classFor(message);
  return ErrorClass ? new ErrorClass(message, innerError) : new DumboError({ errorCode: 500, message, innerError });
}

module.exports = { mapD1Error };
