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
