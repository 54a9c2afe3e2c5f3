'use strict';

// The DumboError family and `fromNative`, which turns the
// native core's error reports into it. JS driver-error mappers: errorMappers.cjs.
//
// Deliberate difference from upstream: every class sets `name` to its class
// name (upstream leaves 'Error' except for BatchCommandNoChangesError), so a
// stack trace or `console.error` says what failed. `name` lives on the
// prototype, so instances stay small and `errorType` remains the stable key.

const isNumber = (value) => typeof value === 'number' && value === value;
const isObject = (value) => value !== null && typeof value === 'object';

const setName = (ErrorClass, name) =>
  Object.defineProperty(ErrorClass.prototype, 'name', {
    value: name,
    writable: true,
    configurable: true,
    enumerable: false,
  });

const defaultDumboMessage = (errorCode) =>
  // 'ocurred' is upstream's spelling; callers match on it.
  `Error with status code '${errorCode}' ocurred during DumboError processing`;

class DumboError extends Error {
  // `options`: { errorCode, errorType?, message?, innerError? } | message | code.
  constructor(options) {
    const isOptions = isObject(options);
    const errorCode =
      isOptions && 'errorCode' in options
        ? options.errorCode
        : isNumber(options)
          ? options
          : 500;
    const errorType =
      isOptions && 'errorType' in options
        ? (options.errorType ?? 'DumboError')
        : 'DumboError';
    // An explicit `message: undefined` gives '' (as upstream), not the default.
    const message =
      isOptions && 'message' in options
        ? options.message
        : typeof options === 'string'
          ? options
          : defaultDumboMessage(errorCode);
    const innerError =
      isOptions && 'innerError' in options ? options.innerError : undefined;

    // Only pass `cause` when there is one, so errors without it stay clean.
    if (innerError === undefined) super(message);
    else super(message, { cause: innerError });

    this.errorCode = errorCode;
    this.errorType = errorType;
    this.innerError = innerError;

    // Upstream needs this for down-levelled classes; with native classes it is
    // a no-op, and new.target keeps user subclasses correct too.
    Object.setPrototypeOf(this, new.target.prototype);
  }

  // Duck-typed so it works across bundle copies and for plain objects.
  static isInstanceOf(error, options) {
    if (
      !isObject(error) ||
      !isNumber(error.errorCode) ||
      typeof error.errorType !== 'string'
    )
      return false;
    if (options === undefined || options === null) return true;
    if (
      options.errorCode !== undefined &&
      error.errorCode !== options.errorCode
    )
      return false;
    return (
      options.errorType === undefined || error.errorType === options.errorType
    );
  }
}
DumboError.ErrorCode = 500;
DumboError.ErrorType = 'DumboError';
setName(DumboError, 'DumboError');

// Every subclass takes (message?, innerError?); a nullish message means the
// class default. Children of DumboError pass the options form, deeper
// subclasses pass their default down and then claim their own errorType.
const defineDumboError = (errorType, Parent, errorCode, defaultMessage) => {
  const ErrorClass = {
    [errorType]: class extends Parent {
      constructor(message, innerError) {
        const text = message ?? defaultMessage;
        if (Parent === DumboError)
          super({ errorCode, errorType, message: text, innerError });
        else super(text, innerError);
        this.errorType = errorType;
      }
    },
  }[errorType];
  ErrorClass.ErrorCode = errorCode;
  ErrorClass.ErrorType = errorType;
  setName(ErrorClass, errorType);
  return ErrorClass;
};

const ConcurrencyError = defineDumboError(
  'ConcurrencyError',
  DumboError,
  412,
  'Expected document state does not match current one!',
);

const TransientDatabaseError = defineDumboError(
  'TransientDatabaseError',
  DumboError,
  503,
  'A transient error occurred during database operation. Retrying the operation might succeed.',
);
const transient = (errorType, defaultMessage) =>
  defineDumboError(errorType, TransientDatabaseError, 503, defaultMessage);
const ConnectionError = transient(
  'ConnectionError',
  'A connection error occurred during database operation.',
);
const SerializationError = transient(
  'SerializationError',
  'A serialization failure occurred. The transaction can be retried.',
);
const DeadlockError = transient(
  'DeadlockError',
  'A deadlock was detected. The transaction can be retried.',
);
const LockNotAvailableError = transient(
  'LockNotAvailableError',
  'The requested lock is not available.',
);
const InsufficientResourcesError = transient(
  'InsufficientResourcesError',
  'Insufficient resources to complete the database operation (e.g. disk full, out of memory, too many connections).',
);
const SystemError = transient(
  'SystemError',
  'A system-level error occurred (e.g. I/O error).',
);
const AdminShutdownError = transient(
  'AdminShutdownError',
  'The database server is shutting down or restarting.',
);
const QueryCanceledError = transient(
  'QueryCanceledError',
  'The query was canceled, e.g. due to statement timeout or user request.',
);

const IntegrityConstraintViolationError = defineDumboError(
  'IntegrityConstraintViolationError',
  DumboError,
  409,
  'An integrity constraint violation occurred!',
);
const integrity = (errorType, defaultMessage) =>
  defineDumboError(
    errorType,
    IntegrityConstraintViolationError,
    409,
    defaultMessage,
  );
const UniqueConstraintError = integrity(
  'UniqueConstraintError',
  'Unique constraint violation occurred!',
);
const ForeignKeyViolationError = integrity(
  'ForeignKeyViolationError',
  'Foreign key constraint violation occurred!',
);
const NotNullViolationError = integrity(
  'NotNullViolationError',
  'NOT NULL constraint violation occurred!',
);
const CheckViolationError = integrity(
  'CheckViolationError',
  'CHECK constraint violation occurred!',
);
const ExclusionViolationError = integrity(
  'ExclusionViolationError',
  'Exclusion constraint violation occurred!',
);

const DataError = defineDumboError(
  'DataError',
  DumboError,
  400,
  'A data error occurred (e.g. invalid value, type mismatch).',
);
const InvalidOperationError = defineDumboError(
  'InvalidOperationError',
  DumboError,
  400,
  'Invalid operation (e.g. syntax error, insufficient privileges, undefined table).',
);
const NotRegisteredError = defineDumboError(
  'NotRegisteredError',
  DumboError,
  500,
  'No implementation registered (e.g. missing formatter, plugin or driver import).',
);
// Not upstream: the registry's answer to a second, different plugin for a connector.
const PluginAlreadyRegisteredError = defineDumboError(
  'PluginAlreadyRegisteredError',
  DumboError,
  409,
  'A different plugin is already registered for this connector.',
);

class BatchCommandNoChangesError extends DumboError {
  constructor(statementIndex) {
    super({
      errorCode: 409,
      errorType: 'BatchCommandNoChangesError',
      message: `Batch command at index ${statementIndex} affected no rows`,
    });
    this.statementIndex = statementIndex;
  }
}
BatchCommandNoChangesError.ErrorCode = 409;
BatchCommandNoChangesError.ErrorType = 'BatchCommandNoChangesError';
setName(BatchCommandNoChangesError, 'BatchCommandNoChangesError');

// Every class by its errorType (each class's name is its errorType).
const errorClassesByType = {
  DumboError,
  ConcurrencyError,
  TransientDatabaseError,
  ConnectionError,
  SerializationError,
  DeadlockError,
  LockNotAvailableError,
  InsufficientResourcesError,
  SystemError,
  AdminShutdownError,
  QueryCanceledError,
  IntegrityConstraintViolationError,
  UniqueConstraintError,
  ForeignKeyViolationError,
  NotNullViolationError,
  CheckViolationError,
  ExclusionViolationError,
  DataError,
  InvalidOperationError,
  NotRegisteredError,
  PluginAlreadyRegisteredError,
  BatchCommandNoChangesError,
};
const allErrorClasses = Object.values(errorClassesByType);

const errorClasses = new Map(
  allErrorClasses.map((ErrorClass) => [ErrorClass.ErrorType, ErrorClass]),
);

const errorClassFor = (errorType) => errorClasses.get(errorType) ?? DumboError;

// Fields of a driver error that must not overwrite the error's own identity.
const reservedFields = new Set([
  'message',
  'name',
  'stack',
  'cause',
  'errorCode',
  'errorType',
  'innerError',
  'statementIndex',
  '__proto__',
  'constructor',
]);

const copyDriverFields = (target, driverError) => {
  for (const key of Object.keys(driverError)) {
    const value = driverError[key];
    if (value !== undefined && !reservedFields.has(key)) target[key] = value;
  }
};

const instantiate = (ErrorClass, message, innerError, nativeError) => {
  if (ErrorClass === BatchCommandNoChangesError)
    return new BatchCommandNoChangesError(nativeError.statementIndex);
  if (ErrorClass === DumboError)
    return new DumboError({ errorCode: 500, message, innerError });
  return new ErrorClass(message, innerError);
};

// The native core reports errors as plain Errors or objects (the error
// factory spec): `code` is an errorType, `message` the message, `driverError`
// ({ code, errno?, ...fields }) what the database said, `innerError` an
// original JS error (e.g. thrown by a callback), `statementIndex` for
// BatchCommandNoChangesError. Anything else is returned untouched. Never throws.
const fromNative = (err) => {
  try {
    if (!isObject(err) || DumboError.isInstanceOf(err)) return err;
    if (typeof err.code !== 'string' || !errorClasses.has(err.code)) return err;

    const ErrorClass = errorClasses.get(err.code);
    const message = typeof err.message === 'string' ? err.message : '';
    const driverError = isObject(err.driverError) ? err.driverError : undefined;

    let innerError = err.innerError ?? undefined;
    if (innerError === undefined && driverError !== undefined) {
      // Not thrown: it stands for the driver's own error, as pg/sqlite3 give.
      innerError = new Error(message);
      copyDriverFields(innerError, driverError);
    }

    const mapped = instantiate(ErrorClass, message, innerError, err);
    // Users check `err.code === '23505'` or 'SQLITE_CONSTRAINT' directly.
    if (driverError !== undefined) copyDriverFields(mapped, driverError);
    // Start the stack at the caller rather than inside this helper.
    if (typeof Error.captureStackTrace === 'function')
      Error.captureStackTrace(mapped, fromNative);
    return mapped;
  } catch {
    return err;
  }
};

module.exports = {
  ...errorClassesByType,
  errorClassFor,
  fromNative,
};
