'use strict';
// DuckDB errors → the DumboError family. DuckDB reports the kind of an error as the
// prefix of its message ("Constraint Error: ...", "Parser Error: ...", the name of
// its ExceptionType); @duckdb/node-api throws a plain Error with that message. The
// DuckDB error is kept as `innerError` (and `cause`).
const {
  CheckViolationError,
  ConnectionError,
  DataError,
  DumboError,
  ForeignKeyViolationError,
  InsufficientResourcesError,
  IntegrityConstraintViolationError,
  InvalidOperationError,
  NotNullViolationError,
  QueryCanceledError,
  SerializationError,
  SystemError,
  UniqueConstraintError,
} = require('@event-driven-io/dumbo');

/** "Constraint Error: Duplicate key ..." → 'Constraint'. */
function duckDBErrorType(error) {
  const message = typeof error?.message === 'string' ? error.message : '';
  const match = /^([A-Za-z_ ]+?) Error: /.exec(message);
  return match ? match[1] : undefined;
}

function constraintClass(message) {
  if (/NOT NULL constraint/i.test(message)) return NotNullViolationError;
  if (/CHECK constraint/i.test(message)) return CheckViolationError;
  if (/foreign key/i.test(message)) return ForeignKeyViolationError;
  if (/(unique|primary key) constraint|duplicate key/i.test(message)) return UniqueConstraintError;
  return IntegrityConstraintViolationError;
}

const byType = {
  // The statement itself is wrong: syntax, names, types of expressions, permissions.
  Parser: InvalidOperationError,
  Syntax: InvalidOperationError,
  Catalog: InvalidOperationError,
  Binder: InvalidOperationError,
  Planner: InvalidOperationError,
  Optimizer: InvalidOperationError,
  'Not implemented': InvalidOperationError,
  Permission: InvalidOperationError,
  Dependency: InvalidOperationError,
  Sequence: InvalidOperationError,
  'Parameter Not Resolved': InvalidOperationError,
  'Parameter Not Allowed': InvalidOperationError,
  'Missing Extension': InvalidOperationError,
  Settings: InvalidOperationError,
  INVALID_CONFIGURATION: InvalidOperationError,
  Invalid: InvalidOperationError,
  // The data is wrong.
  Conversion: DataError,
  'Out of Range': DataError,
  'Invalid Input': DataError,
  'Mismatch Type': DataError,
  'Invalid type': DataError,
  'Divide by Zero': DataError,
  Decimal: DataError,
  'Object Size': DataError,
  // The environment.
  'Out of Memory': InsufficientResourcesError,
  INTERRUPT: QueryCanceledError,
  Interrupt: QueryCanceledError,
  IO: SystemError,
  FATAL: SystemError,
  Fatal: SystemError,
  INTERNAL: SystemError,
  Internal: SystemError,
  Connection: ConnectionError,
  Network: ConnectionError,
};

/** The DumboError for an error thrown by @duckdb/node-api (DumboErrors pass through). */
function mapDuckDBError(error) {
  if (DumboError.isInstanceOf(error)) return error;
  const inner = error instanceof Error ? error : new Error(String(error));
  const message = inner.message;
  const type = duckDBErrorType(inner);
  let ErrorClass;
  if (type === 'Constraint') ErrorClass = constraintClass(message);
  else if (type === 'Invalid Input' && /read-only mode|read only/i.test(message)) {
    // A write on a database opened with access_mode=READ_ONLY: not the data's fault.
    ErrorClass = InvalidOperationError;
  } else if (type === 'TransactionContext') {
    // Write-write conflicts between concurrent transactions are retryable.
    ErrorClass = /conflict/i.test(message) ? SerializationError : InvalidOperationError;
  } else if (type !== undefined && Object.hasOwn(byType, type)) ErrorClass = byType[type];
  if (ErrorClass === undefined) {
    return new DumboError({ errorCode: 500, message, innerError: inner });
  }
  return new ErrorClass(message, inner);
}

/** Opening a database failed (missing directory, locked file, bad configuration). */
function mapDuckDBOpenError(error) {
  if (DumboError.isInstanceOf(error)) return error;
  const inner = error instanceof Error ? error : new Error(String(error));
  const type = duckDBErrorType(inner);
  if (type === 'Invalid Input' || type === 'INVALID_CONFIGURATION' || type === 'Catalog') {
    return new InvalidOperationError(inner.message, inner);
  }
  return new ConnectionError(inner.message, inner);
}

module.exports = { mapDuckDBError, mapDuckDBOpenError, duckDBErrorType };
