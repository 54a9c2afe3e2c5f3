import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const errors = require('../../lib/errors.cjs');
const {
  DumboError,
  TransientDatabaseError,
  IntegrityConstraintViolationError,
  UniqueConstraintError,
  ConnectionError,
  DataError,
  BatchCommandNoChangesError,
  errorClassFor,
  fromNative,
} = errors;

// [class, parent, errorCode, default message]
const table = [
  ['ConcurrencyError', 'DumboError', 412, 'Expected document state does not match current one!'],
  ['TransientDatabaseError', 'DumboError', 503, 'A transient error occurred during database operation. Retrying the operation might succeed.'],
  ['ConnectionError', 'TransientDatabaseError', 503, 'A connection error occurred during database operation.'],
  ['SerializationError', 'TransientDatabaseError', 503, 'A serialization failure occurred. The transaction can be retried.'],
  ['DeadlockError', 'TransientDatabaseError', 503, 'A deadlock was detected. The transaction can be retried.'],
  ['LockNotAvailableError', 'TransientDatabaseError', 503, 'The requested lock is not available.'],
  ['InsufficientResourcesError', 'TransientDatabaseError', 503, 'Insufficient resources to complete the database operation (e.g. disk full, out of memory, too many connections).'],
  ['SystemError', 'TransientDatabaseError', 503, 'A system-level error occurred (e.g. I/O error).'],
  ['AdminShutdownError', 'TransientDatabaseError', 503, 'The database server is shutting down or restarting.'],
  ['QueryCanceledError', 'TransientDatabaseError', 503, 'The query was canceled, e.g. due to statement timeout or user request.'],
  ['IntegrityConstraintViolationError', 'DumboError', 409, 'An integrity constraint violation occurred!'],
  ['UniqueConstraintError', 'IntegrityConstraintViolationError', 409, 'Unique constraint violation occurred!'],
  ['ForeignKeyViolationError', 'IntegrityConstraintViolationError', 409, 'Foreign key constraint violation occurred!'],
  ['NotNullViolationError', 'IntegrityConstraintViolationError', 409, 'NOT NULL constraint violation occurred!'],
  ['CheckViolationError', 'IntegrityConstraintViolationError', 409, 'CHECK constraint violation occurred!'],
  ['ExclusionViolationError', 'IntegrityConstraintViolationError', 409, 'Exclusion constraint violation occurred!'],
  ['DataError', 'DumboError', 400, 'A data error occurred (e.g. invalid value, type mismatch).'],
  ['InvalidOperationError', 'DumboError', 400, 'Invalid operation (e.g. syntax error, insufficient privileges, undefined table).'],
  ['NotRegisteredError', 'DumboError', 500, 'No implementation registered (e.g. missing formatter, plugin or driver import).'],
];

describe('DumboError', () => {
  it('defaults to 500 with the upstream message (typo included)', () => {
    const error = new DumboError();
    assert.equal(error.errorCode, 500);
    assert.equal(error.errorType, 'DumboError');
    assert.equal(
      error.message,
      "Error with status code '500' ocurred during DumboError processing",
    );
    assert.equal(error.innerError, undefined);
    assert.equal('cause' in error, false);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'DumboError');
  });

  it('accepts a message string', () => {
    const error = new DumboError('boom');
    assert.equal(error.message, 'boom');
    assert.equal(error.errorCode, 500);
  });

  it('accepts a numeric code', () => {
    const error = new DumboError(418);
    assert.equal(error.errorCode, 418);
    assert.equal(
      error.message,
      "Error with status code '418' ocurred during DumboError processing",
    );
  });

  it('accepts an options object with innerError passed as cause', () => {
    const inner = new Error('inner');
    const error = new DumboError({
      errorCode: 422,
      errorType: 'Custom',
      message: 'outer',
      innerError: inner,
    });
    assert.equal(error.errorCode, 422);
    assert.equal(error.errorType, 'Custom');
    assert.equal(error.message, 'outer');
    assert.equal(error.innerError, inner);
    assert.equal(error.cause, inner);
  });

  it('uses the default message only when the message key is absent', () => {
    assert.equal(
      new DumboError({ errorCode: 400 }).message,
      "Error with status code '400' ocurred during DumboError processing",
    );
    assert.equal(new DumboError({ errorCode: 400, message: undefined }).message, '');
    assert.equal(new DumboError({ errorCode: 400, errorType: undefined }).errorType, 'DumboError');
  });

  it('has static ErrorCode and ErrorType', () => {
    assert.equal(DumboError.ErrorCode, 500);
    assert.equal(DumboError.ErrorType, 'DumboError');
  });

  it('keeps instanceof for user subclasses', () => {
    class MyError extends UniqueConstraintError {}
    const error = new MyError('mine');
    assert.ok(error instanceof MyError);
    assert.ok(error instanceof UniqueConstraintError);
    assert.equal(error.errorType, 'UniqueConstraintError');
  });

  it('includes the class name in the stack', () => {
    assert.match(new DataError('bad').stack, /^DataError: bad\n/);
  });
});

describe('DumboError subclasses', () => {
  for (const [name, parentName, errorCode, defaultMessage] of table) {
    it(`${name}: ${errorCode}, type, default message, hierarchy`, () => {
      const ErrorClass = errors[name];
      const error = new ErrorClass();
      assert.equal(error.errorCode, errorCode);
      assert.equal(error.errorType, name);
      assert.equal(error.message, defaultMessage);
      assert.equal(error.name, name);
      assert.equal(ErrorClass.name, name);
      assert.equal(ErrorClass.ErrorCode, errorCode);
      assert.equal(ErrorClass.ErrorType, name);
      assert.ok(error instanceof ErrorClass);
      assert.ok(error instanceof errors[parentName]);
      assert.ok(error instanceof DumboError);
      assert.ok(error instanceof Error);
      assert.equal(Object.getPrototypeOf(error), ErrorClass.prototype);
    });

    it(`${name}: custom message and innerError`, () => {
      const inner = new Error('driver');
      const error = new errors[name]('custom', inner);
      assert.equal(error.message, 'custom');
      assert.equal(error.innerError, inner);
      assert.equal(error.cause, inner);
      assert.equal(error.errorType, name);
    });
  }

  it('treats a null message as absent', () => {
    assert.equal(new ConnectionError(null).message, 'A connection error occurred during database operation.');
  });

  it('BatchCommandNoChangesError carries statementIndex and name', () => {
    const error = new BatchCommandNoChangesError(3);
    assert.equal(error.statementIndex, 3);
    assert.equal(error.message, 'Batch command at index 3 affected no rows');
    assert.equal(error.errorCode, 409);
    assert.equal(error.errorType, 'BatchCommandNoChangesError');
    assert.equal(error.name, 'BatchCommandNoChangesError');
    assert.equal(BatchCommandNoChangesError.ErrorCode, 409);
    assert.equal(BatchCommandNoChangesError.ErrorType, 'BatchCommandNoChangesError');
    assert.ok(error instanceof DumboError);
  });
});

describe('DumboError.isInstanceOf', () => {
  it('is duck-typed', () => {
    assert.equal(DumboError.isInstanceOf(new DataError()), true);
    assert.equal(DumboError.isInstanceOf({ errorCode: 400, errorType: 'DataError' }), true);
    assert.equal(DumboError.isInstanceOf(new Error('x')), false);
    assert.equal(DumboError.isInstanceOf(null), false);
    assert.equal(DumboError.isInstanceOf('DataError'), false);
    assert.equal(DumboError.isInstanceOf({ errorCode: '400', errorType: 'DataError' }), false);
    assert.equal(DumboError.isInstanceOf({ errorCode: NaN, errorType: 'DataError' }), false);
    assert.equal(DumboError.isInstanceOf({ errorCode: 400 }), false);
  });

  it('filters by errorCode and errorType', () => {
    const error = new UniqueConstraintError();
    assert.equal(DumboError.isInstanceOf(error, { errorCode: 409 }), true);
    assert.equal(DumboError.isInstanceOf(error, { errorCode: 500 }), false);
    assert.equal(DumboError.isInstanceOf(error, { errorType: 'UniqueConstraintError' }), true);
    assert.equal(DumboError.isInstanceOf(error, { errorType: 'DataError' }), false);
    assert.equal(
      DumboError.isInstanceOf(error, { errorCode: 409, errorType: 'UniqueConstraintError' }),
      true,
    );
    assert.equal(DumboError.isInstanceOf(error, {}), true);
  });
});

describe('errorClassFor', () => {
  it('returns the class for each errorType, DumboError otherwise', () => {
    for (const [name] of table) assert.equal(errorClassFor(name), errors[name]);
    assert.equal(errorClassFor('BatchCommandNoChangesError'), BatchCommandNoChangesError);
    assert.equal(errorClassFor('DumboError'), DumboError);
    assert.equal(errorClassFor('Nope'), DumboError);
    assert.equal(errorClassFor('constructor'), DumboError);
    assert.equal(errorClassFor(undefined), DumboError);
  });
});

const nativeError = (code, message, extra = {}) =>
  Object.assign(new Error(message), { code }, extra);

describe('fromNative', () => {
  it('maps the errorType code to the class, keeping the message', () => {
    const mapped = fromNative(nativeError('InvalidOperationError', 'near "SELEC": syntax error'));
    assert.ok(mapped instanceof errors.InvalidOperationError);
    assert.equal(mapped.message, 'near "SELEC": syntax error');
    assert.equal(mapped.errorCode, 400);
    assert.equal(mapped.innerError, undefined);
    assert.equal(mapped.code, undefined);
  });

  it('maps every known errorType', () => {
    for (const [name, , errorCode] of table) {
      const mapped = fromNative(nativeError(name, 'm'));
      assert.ok(mapped instanceof errors[name], name);
      assert.equal(mapped.errorCode, errorCode);
      assert.equal(mapped.errorType, name);
      assert.equal(mapped.message, 'm');
    }
    const generic = fromNative(nativeError('DumboError', 'generic'));
    assert.equal(Object.getPrototypeOf(generic), DumboError.prototype);
    assert.equal(generic.errorCode, 500);
    assert.equal(generic.message, 'generic');
  });

  it('copies driverError fields onto the error and an innerError', () => {
    const mapped = fromNative(
      nativeError('UniqueConstraintError', 'duplicate key value violates unique constraint "users_pkey"', {
        driverError: {
          code: '23505',
          detail: 'Key (id)=(1) already exists.',
          constraint: 'users_pkey',
          table: 'users',
          schema: 'public',
          hint: undefined,
        },
      }),
    );
    assert.ok(mapped instanceof UniqueConstraintError);
    assert.equal(mapped.code, '23505');
    assert.equal(mapped.constraint, 'users_pkey');
    assert.equal(mapped.detail, 'Key (id)=(1) already exists.');
    assert.equal('hint' in mapped, false);
    assert.ok(mapped.innerError instanceof Error);
    assert.equal(mapped.cause, mapped.innerError);
    assert.equal(mapped.innerError.message, mapped.message);
    assert.equal(mapped.innerError.code, '23505');
    assert.equal(mapped.innerError.table, 'users');
    assert.equal(mapped.innerError.schema, 'public');
  });

  it('copies SQLite code and errno', () => {
    const mapped = fromNative(
      nativeError('UniqueConstraintError', 'UNIQUE constraint failed: users.email', {
        driverError: { code: 'SQLITE_CONSTRAINT', errno: 19, extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' },
      }),
    );
    assert.equal(mapped.code, 'SQLITE_CONSTRAINT');
    assert.equal(mapped.errno, 19);
    assert.equal(mapped.extendedCode, 'SQLITE_CONSTRAINT_UNIQUE');
    assert.equal(mapped.innerError.errno, 19);
  });

  it('does not let driver fields overwrite the error identity', () => {
    const mapped = fromNative(
      nativeError('DataError', 'bad', {
        driverError: { code: '22P02', message: 'other', errorCode: 1, errorType: 'X', name: 'Y' },
      }),
    );
    assert.equal(mapped.message, 'bad');
    assert.equal(mapped.errorCode, 400);
    assert.equal(mapped.errorType, 'DataError');
    assert.equal(mapped.name, 'DataError');
    assert.equal(mapped.innerError.message, 'bad');
  });

  it('builds BatchCommandNoChangesError from statementIndex', () => {
    const mapped = fromNative(
      nativeError('BatchCommandNoChangesError', 'Batch command at index 2 affected no rows', { statementIndex: 2 }),
    );
    assert.ok(mapped instanceof BatchCommandNoChangesError);
    assert.equal(mapped.statementIndex, 2);
    assert.equal(mapped.message, 'Batch command at index 2 affected no rows');
  });

  it('starts the stack at the caller', () => {
    const mapped = fromNative(nativeError('ConnectionError', 'refused'));
    assert.match(mapped.stack, /^ConnectionError: refused\n/);
    assert.doesNotMatch(mapped.stack, /at fromNative/);
  });

  it('returns DumboErrors and unknown errors unchanged', () => {
    const dumbo = new DataError();
    assert.equal(fromNative(dumbo), dumbo);
    const duck = { errorCode: 400, errorType: 'DataError', code: 'ConnectionError' };
    assert.equal(fromNative(duck), duck);
    const plain = new Error('x');
    assert.equal(fromNative(plain), plain);
    const napi = nativeError('GenericFailure', 'x');
    assert.equal(fromNative(napi), napi);
    const numeric = nativeError(42, 'x');
    assert.equal(fromNative(numeric), numeric);
    const proto = nativeError('toString', 'x');
    assert.equal(fromNative(proto), proto);
  });

  it('never throws on junk input', () => {
    for (const junk of [undefined, null, 0, 'str', Symbol('s'), 10n, () => {}, [], {}]) {
      assert.equal(fromNative(junk), junk);
    }
    const hostile = new Proxy({}, { get() { throw new TypeError('trap'); }, has() { throw new TypeError('trap'); } });
    assert.equal(fromNative(hostile), hostile);
    const badDriver = nativeError('DataError', 'x', {
      driverError: new Proxy({}, { ownKeys() { throw new TypeError('trap'); } }),
    });
    assert.equal(fromNative(badDriver), badDriver);
    const noMessage = fromNative({ code: 'DataError' });
    assert.ok(noMessage instanceof DataError);
    assert.equal(noMessage.message, '');
    const driverNotObject = fromNative(nativeError('DataError', 'y', { driverError: 'nope' }));
    assert.equal(driverNotObject.innerError, undefined);
  });

  it('keeps a given innerError (e.g. a JS callback error) as innerError and cause', () => {
    const original = new TypeError('callback failed');
    const mapped = fromNative({ code: 'DumboError', message: 'callback failed', innerError: original });
    assert.equal(mapped.innerError, original);
    assert.equal(mapped.cause, original);
    const withDriver = fromNative({
      code: 'DataError',
      message: 'bad',
      innerError: original,
      driverError: { code: '22P02' },
    });
    assert.equal(withDriver.innerError, original);
    assert.equal(withDriver.code, '22P02');
  });

  it('maps the native error-factory spec (a plain object)', () => {
    const mapped = fromNative({
      code: 'BatchCommandNoChangesError',
      message: 'Batch command at index 0 affected no rows',
      statementIndex: 0,
    });
    assert.ok(mapped instanceof BatchCommandNoChangesError);
    assert.equal(mapped.statementIndex, 0);
  });

  it('maps a plain object with an errorType code', () => {
    const mapped = fromNative({ code: 'ConnectionError', message: 'down' });
    assert.ok(mapped instanceof ConnectionError);
    assert.ok(mapped instanceof TransientDatabaseError);
    assert.equal(mapped.message, 'down');
  });
});

describe('IntegrityConstraintViolationError family', () => {
  it('children keep the 409 code of the parent', () => {
    assert.equal(new UniqueConstraintError().errorCode, IntegrityConstraintViolationError.ErrorCode);
  });
});
