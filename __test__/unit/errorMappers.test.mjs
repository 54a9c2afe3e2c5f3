import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const errors = require('../../lib/errors.cjs');
const { DumboError } = errors;
const { mapSqliteError, mapPostgresError } = require('../../lib/errorMappers.cjs');

const driverError = (code, message) => Object.assign(new Error(message), { code });

const expectMapped = (mapped, className, source) => {
  assert.equal(mapped.errorType, className);
  assert.ok(mapped instanceof errors[className]);
  assert.equal(mapped.message, source.message);
  assert.equal(mapped.innerError, source);
  assert.equal(mapped.cause, source);
};

describe('mapSqliteError', () => {
  const constraintCases = [
    ['SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email', 'UniqueConstraintError'],
    ['SQLITE_CONSTRAINT: PRIMARY KEY must be unique', 'UniqueConstraintError'],
    ['SQLITE_CONSTRAINT: FOREIGN KEY constraint failed', 'ForeignKeyViolationError'],
    ['SQLITE_CONSTRAINT: NOT NULL constraint failed: users.name', 'NotNullViolationError'],
    ['SQLITE_CONSTRAINT: CHECK constraint failed: age > 0', 'CheckViolationError'],
    ['sqlite_constraint: unique constraint failed', 'UniqueConstraintError'],
    ['SQLITE_CONSTRAINT: constraint failed', 'IntegrityConstraintViolationError'],
  ];
  for (const [message, className] of constraintCases) {
    it(`SQLITE_CONSTRAINT "${message}" -> ${className}`, () => {
      const source = driverError('SQLITE_CONSTRAINT', message);
      expectMapped(mapSqliteError(source), className, source);
    });
  }

  const codeCases = {
    SQLITE_BUSY: 'LockNotAvailableError',
    SQLITE_PROTOCOL: 'LockNotAvailableError',
    SQLITE_LOCKED: 'DeadlockError',
    SQLITE_CANTOPEN: 'ConnectionError',
    SQLITE_NOTADB: 'ConnectionError',
    SQLITE_NOMEM: 'InsufficientResourcesError',
    SQLITE_FULL: 'InsufficientResourcesError',
    SQLITE_IOERR: 'SystemError',
    SQLITE_CORRUPT: 'SystemError',
    SQLITE_INTERNAL: 'SystemError',
    SQLITE_NOLFS: 'SystemError',
    SQLITE_TOOBIG: 'DataError',
    SQLITE_MISMATCH: 'DataError',
    SQLITE_RANGE: 'DataError',
    SQLITE_ERROR: 'InvalidOperationError',
    SQLITE_READONLY: 'InvalidOperationError',
    SQLITE_MISUSE: 'InvalidOperationError',
    SQLITE_AUTH: 'InvalidOperationError',
    SQLITE_PERM: 'InvalidOperationError',
    SQLITE_SCHEMA: 'InvalidOperationError',
    SQLITE_ABORT: 'SerializationError',
    SQLITE_INTERRUPT: 'SerializationError',
  };
  it('maps every listed result code', () => {
    for (const [code, className] of Object.entries(codeCases)) {
      const source = driverError(code, `${code}: something`);
      expectMapped(mapSqliteError(source), className, source);
    }
  });

  it('maps extended codes through their primary code', () => {
    const source = driverError('SQLITE_IOERR_READ', 'disk I/O error');
    expectMapped(mapSqliteError(source), 'SystemError', source);
    const unique = driverError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: t.a');
    expectMapped(mapSqliteError(unique), 'UniqueConstraintError', unique);
  });

  it('takes a constraint kind from an extended code before the message', () => {
    const source = driverError('SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: t.unique_name');
    expectMapped(mapSqliteError(source), 'NotNullViolationError', source);
    const check = driverError('SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed: unique_positive');
    expectMapped(mapSqliteError(check), 'CheckViolationError', check);
  });

  it('falls back to DumboError 500 for unknown codes', () => {
    for (const code of ['SQLITE_NOTICE', 'SQLITE_WARNING', 'SQLITE_NOTICE_RECOVER_WAL', 'EBUSY', 'toString']) {
      const source = driverError(code, 'odd');
      const mapped = mapSqliteError(source);
      assert.equal(Object.getPrototypeOf(mapped), DumboError.prototype, code);
      assert.equal(mapped.errorCode, 500);
      assert.equal(mapped.message, 'odd');
      assert.equal(mapped.innerError, source);
    }
  });

  it('accepts plain objects', () => {
    const source = { code: 'SQLITE_BUSY', message: 'database is locked' };
    expectMapped(mapSqliteError(source), 'LockNotAvailableError', source);
  });

  it('passes DumboErrors through and wraps code-less errors', () => {
    const dumbo = new errors.DataError();
    assert.equal(mapSqliteError(dumbo), dumbo);
    const plain = new Error('plain');
    const mapped = mapSqliteError(plain);
    assert.equal(mapped.errorCode, 500);
    assert.equal(mapped.message, 'plain');
    assert.equal(mapped.innerError, plain);
    const junk = mapSqliteError('junk');
    assert.equal(junk.errorCode, 500);
    assert.equal(junk.message, '');
    assert.equal(junk.innerError, undefined);
  });

  it('uses class default messages when the driver gave none', () => {
    const mapped = mapSqliteError({ code: 'SQLITE_BUSY' });
    assert.equal(mapped.message, 'The requested lock is not available.');
  });
});

describe('mapPostgresError', () => {
  const cases = {
    23505: 'UniqueConstraintError',
    23503: 'ForeignKeyViolationError',
    23502: 'NotNullViolationError',
    23514: 'CheckViolationError',
    '23P01': 'ExclusionViolationError',
    23001: 'IntegrityConstraintViolationError',
    40001: 'SerializationError',
    '40P01': 'DeadlockError',
    '55P03': 'LockNotAvailableError',
    55006: 'LockNotAvailableError',
    57014: 'QueryCanceledError',
    '57P01': 'AdminShutdownError',
    '57P02': 'AdminShutdownError',
    '57P03': 'ConnectionError',
    '57P05': 'ConnectionError',
    '57000': 'ConnectionError',
    '08006': 'ConnectionError',
    '08001': 'ConnectionError',
    '22P02': 'DataError',
    22012: 'DataError',
    42601: 'InvalidOperationError',
    '42P01': 'InvalidOperationError',
    53300: 'InsufficientResourcesError',
    58030: 'SystemError',
  };
  it('maps SQLSTATE codes, exact first then by class', () => {
    for (const [code, className] of Object.entries(cases)) {
      const source = driverError(code, `pg ${code}`);
      expectMapped(mapPostgresError(source), className, source);
    }
  });

  it('falls back to DumboError 500 for other codes', () => {
    // 25xxx (transaction state) and 28xxx (authorization) have no class of their own.
    for (const code of ['01000', 'P0001', 'XX000', '40000', '25P02', '25006', '28P01', '28000', 'ECONNREFUSED']) {
      const source = driverError(code, 'other');
      const mapped = mapPostgresError(source);
      assert.equal(Object.getPrototypeOf(mapped), DumboError.prototype, code);
      assert.equal(mapped.errorCode, 500);
      assert.equal(mapped.innerError, source);
    }
  });

  it('passes DumboErrors through (duck-typed)', () => {
    const duck = { errorCode: 409, errorType: 'UniqueConstraintError', code: '23505' };
    assert.equal(mapPostgresError(duck), duck);
  });

  it('wraps errors without a string code as DumboError 500', () => {
    const source = Object.assign(new Error('numeric'), { code: 23505 });
    const mapped = mapPostgresError(source);
    assert.equal(mapped.errorCode, 500);
    assert.equal(mapped.errorType, 'DumboError');
    assert.equal(mapped.message, 'numeric');
    assert.equal(mapped.cause, source);
    assert.equal(mapPostgresError(undefined).message, '');
  });
});
