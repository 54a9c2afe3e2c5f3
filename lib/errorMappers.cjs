'use strict';
// Upstream's mappers from a driver's JS error ({ code, message }) to the DumboError
// family: mapSqliteError (reference 6.3, node-sqlite3 codes) and mapPostgresError
// (reference 6.2, SQLSTATE). The native drivers map in Rust; these keep upstream's
// API for errors that come from JS drivers.
const {
  AdminShutdownError,
  CheckViolationError,
  ConnectionError,
  DataError,
  DeadlockError,
  DumboError,
  ExclusionViolationError,
  ForeignKeyViolationError,
  InsufficientResourcesError,
  IntegrityConstraintViolationError,
  InvalidOperationError,
  LockNotAvailableError,
  NotNullViolationError,
  QueryCanceledError,
  SerializationError,
  SystemError,
  UniqueConstraintError,
} = require('./errors.cjs');

const { sqliteClassFor } = require('./sqliteErrorClasses.cjs');

const isObject = (value) => value !== null && typeof value === 'object';

// Shared by the two JS mappers: message and innerError of a driver error.
// Plain objects ({ code, message }) are accepted as well as Error instances.
const messageOf = (error) =>
  isObject(error) && typeof error.message === 'string'
    ? error.message
    : undefined;
const innerErrorOf = (error) => (isObject(error) ? error : undefined);

const genericError = (error) =>
  new DumboError({
    errorCode: 500,
    message: messageOf(error),
    innerError: innerErrorOf(error),
  });

const mapSqliteError = (error) => {
  if (DumboError.isInstanceOf(error)) return error;
  if (!isObject(error) || typeof error.code !== 'string')
    return genericError(error);
  const message = messageOf(error);
  const ErrorClass = sqliteClassFor(error.code, message);
  return ErrorClass === undefined
    ? genericError(error)
    : new ErrorClass(message, innerErrorOf(error));
};

const postgresCodes = {
  '23505': UniqueConstraintError,
  '23503': ForeignKeyViolationError,
  '23502': NotNullViolationError,
  '23514': CheckViolationError,
  '23P01': ExclusionViolationError,
  '40001': SerializationError,
  '40P01': DeadlockError,
  '55P03': LockNotAvailableError,
  '55006': LockNotAvailableError,
  '57014': QueryCanceledError,
  '57P01': AdminShutdownError,
  '57P02': AdminShutdownError,
  '57P03': ConnectionError,
  '57P05': ConnectionError,
};

// Fallbacks by SQLSTATE class (the first two characters).
const postgresClasses = {
  '08': ConnectionError,
  '22': DataError,
  '23': IntegrityConstraintViolationError,
  '42': InvalidOperationError,
  '53': InsufficientResourcesError,
  '57': ConnectionError,
  '58': SystemError,
};

const mapPostgresError = (error) => {
  if (DumboError.isInstanceOf(error)) return error;
  if (!isObject(error) || typeof error.code !== 'string')
    return genericError(error);
  const code = error.code;
  const sqlClass = code.slice(0, 2);
  const ErrorClass = Object.hasOwn(postgresCodes, code)
    ? postgresCodes[code]
    : Object.hasOwn(postgresClasses, sqlClass)
      ? postgresClasses[sqlClass]
      : undefined;
  return ErrorClass === undefined
    ? genericError(error)
    : new ErrorClass(messageOf(error), innerErrorOf(error));
};

module.exports = { mapSqliteError, mapPostgresError };
