'use strict';
// Upstream's mappers from a JS driver's error ({ code, message }) to the DumboError
// family: mapSqliteError (SQLite result code names) and mapPostgresError (SQLSTATE).
// The tables are the native drivers' own (crates/dumbo-sqlite/src/errors.rs,
// crates/dumbo-pg/src/errors.rs), read through the binding, so an error means the
// same class whichever driver raised it.
const { DumboError, errorClassFor } = require('./errors.cjs');
const { binding } = require('./native.cjs');

const isObject = (value) => value !== null && typeof value === 'object';

// Plain objects ({ code, message }) are accepted as well as Error instances.
const messageOf = (error) =>
  isObject(error) && typeof error.message === 'string' ? error.message : undefined;
const innerErrorOf = (error) => (isObject(error) ? error : undefined);

const genericError = (error) =>
  new DumboError({ errorCode: 500, message: messageOf(error), innerError: innerErrorOf(error) });

/** A mapper that passes DumboErrors through and asks `errorTypeFor(code, message)` for the class. */
const codeMapper = (errorTypeFor) => (error) => {
  if (DumboError.isInstanceOf(error)) return error;
  if (!isObject(error) || typeof error.code !== 'string') return genericError(error);
  const message = messageOf(error);
  const ErrorClass = errorClassFor(errorTypeFor(error.code, message));
  return ErrorClass === DumboError ? genericError(error) : new ErrorClass(message, innerErrorOf(error));
};

// A bare SQLITE_CONSTRAINT (node-sqlite3 gives no subtype) is classed by its message.
const mapSqliteError = codeMapper((code, message) => binding.sqliteErrorType(code, message));
const mapPostgresError = codeMapper((code) => binding.postgresErrorType(code));

module.exports = { mapSqliteError, mapPostgresError };
