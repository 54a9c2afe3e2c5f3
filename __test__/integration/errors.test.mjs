// Driver errors from real SQLite statements (reference 6.1, 6.3), class identity
// across entry points and module systems, and Rust panics.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as root from '@event-driven-io/dumbo';
import * as sqlite3Entry from '@event-driven-io/dumbo/sqlite3';
import * as sqliteEntry from '@event-driven-io/dumbo/sqlite';

const {
  SQL,
  DumboError,
  IntegrityConstraintViolationError,
  UniqueConstraintError,
  ForeignKeyViolationError,
  NotNullViolationError,
  CheckViolationError,
  InvalidOperationError,
  ConnectionError,
  TransientDatabaseError,
} = root;
const { dumbo } = sqlite3Entry;
const require = createRequire(import.meta.url);

let dir;
let pool;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-'));
  pool = dumbo({ fileName: path.join(dir, 'errors.db') });
  await pool.execute.command(
    SQL`CREATE TABLE parent (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT NOT NULL DEFAULT 'n', age INTEGER CHECK (age >= 0))`,
  );
  await pool.execute.command(
    SQL`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))`,
  );
  await pool.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${1}, ${'a@x'})`);
});
after(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function assertDriverError(error, { ErrorClass, message, code, errorCode }) {
  assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error?.name}: ${error?.message}`);
  assert.ok(error instanceof DumboError);
  assert.equal(error.constructor, ErrorClass);
  assert.equal(error.name, ErrorClass.name);
  assert.equal(error.errorType, ErrorClass.ErrorType);
  assert.equal(error.errorCode, errorCode);
  assert.equal(error.message, message);
  assert.equal(error.code, code);
  assert.ok(error.innerError instanceof Error, 'innerError is the driver error');
  assert.equal(error.cause, error.innerError);
  assert.equal(error.innerError.code, code);
  assert.equal(error.innerError.message, message);
  assert.equal(DumboError.isInstanceOf(error, { errorType: ErrorClass.ErrorType, errorCode }), true);
  return true;
}

const constraint = (ErrorClass, message) => (error) =>
  assertDriverError(error, { ErrorClass, message, code: 'SQLITE_CONSTRAINT', errorCode: 409 });

describe('SQLite constraint violations', () => {
  it('UNIQUE gives UniqueConstraintError', async () => {
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${2}, ${'a@x'})`),
      constraint(UniqueConstraintError, 'UNIQUE constraint failed: parent.email'),
    );
  });

  it('PRIMARY KEY gives UniqueConstraintError', async () => {
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${1}, ${'b@x'})`),
      constraint(UniqueConstraintError, 'UNIQUE constraint failed: parent.id'),
    );
  });

  it('FOREIGN KEY gives ForeignKeyViolationError (foreign_keys is on by default)', async () => {
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO child (parent_id) VALUES (${999})`),
      constraint(ForeignKeyViolationError, 'FOREIGN KEY constraint failed'),
    );
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO child (parent_id) VALUES (${1})`).then(() =>
        pool.execute.command(SQL`DELETE FROM parent WHERE id = ${1}`),
      ),
      constraint(ForeignKeyViolationError, 'FOREIGN KEY constraint failed'),
    );
  });

  it('NOT NULL gives NotNullViolationError', async () => {
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO parent (id, name) VALUES (${3}, ${null})`),
      constraint(NotNullViolationError, 'NOT NULL constraint failed: parent.name'),
    );
  });

  it('CHECK gives CheckViolationError', async () => {
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO parent (id, age) VALUES (${4}, ${-1})`),
      constraint(CheckViolationError, 'CHECK constraint failed: age >= 0'),
    );
  });

  it('all are IntegrityConstraintViolationErrors; the failed statements changed nothing', async () => {
    await assert.rejects(
      pool.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${5}, ${'a@x'})`),
      (error) => error instanceof IntegrityConstraintViolationError,
    );
    const { rows } = await pool.execute.query(SQL`SELECT id FROM parent ORDER BY id`);
    assert.deepEqual(rows, [{ id: 1 }]);
  });

  it('errors keep their class through withTransaction (rethrown after rollback)', async () => {
    await assert.rejects(
      pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${6}, ${'six@x'})`);
        await tx.execute.command(SQL`INSERT INTO parent (id, email) VALUES (${7}, ${'six@x'})`);
      }),
      constraint(UniqueConstraintError, 'UNIQUE constraint failed: parent.email'),
    );
    const { rows } = await pool.execute.query(SQL`SELECT count(*) AS n FROM parent WHERE id = ${6}`);
    assert.deepEqual(rows, [{ n: 0 }]);
  });
});

describe('other SQLite errors', () => {
  it('a syntax error gives InvalidOperationError', async () => {
    await assert.rejects(pool.execute.query(SQL`SELEC 1`), (error) =>
      assertDriverError(error, {
        ErrorClass: InvalidOperationError,
        message: 'near "SELEC": syntax error',
        code: 'SQLITE_ERROR',
        errorCode: 400,
      }),
    );
  });

  it('a missing table gives InvalidOperationError', async () => {
    await assert.rejects(pool.execute.command(SQL`INSERT INTO nope (x) VALUES (${1})`), (error) =>
      assertDriverError(error, {
        ErrorClass: InvalidOperationError,
        message: 'no such table: nope',
        code: 'SQLITE_ERROR',
        errorCode: 400,
      }),
    );
  });

  it('a plain string instead of SQL gives InvalidOperationError', async () => {
    for (const run of [
      () => pool.execute.query('SELECT 1'),
      () => pool.execute.command('DELETE FROM parent'),
      () => pool.execute.batchQuery(['SELECT 1']),
    ]) {
      await assert.rejects(run(), (error) => {
        assert.ok(error instanceof InvalidOperationError);
        assert.equal(error.message, 'Expected TokenizedSQL, got string-based SQL');
        assert.equal(error.errorCode, 400);
        return true;
      });
    }
    const { rows } = await pool.execute.query(SQL`SELECT count(*) AS n FROM parent`);
    assert.deepEqual(rows, [{ n: 1 }]);
  });

  it('a file that is not a database gives ConnectionError', async () => {
    const file = path.join(dir, 'not-a-db.db');
    fs.writeFileSync(file, 'this is not a SQLite database, just some text. '.repeat(200));
    for (const open of [() => dumbo({ fileName: file }), () => root.dumbo({ connectionString: file })]) {
      const bad = open();
      await assert.rejects(bad.execute.query(SQL`SELECT 1`), (error) => {
        assert.ok(error instanceof ConnectionError);
        assert.ok(error instanceof TransientDatabaseError);
        assert.equal(error.errorCode, 503);
        assert.equal(error.code, 'SQLITE_NOTADB');
        assert.equal(error.message, 'file is not a database');
        assert.equal(error.cause, error.innerError);
        assert.ok(error.innerError instanceof Error);
        return true;
      });
      await bad.close();
    }
  });

  it('a database that cannot be opened gives ConnectionError', async () => {
    const file = path.join(dir, 'no', 'such', 'dir', 'x.db');
    const bad = dumbo({ fileName: file });
    await assert.rejects(bad.execute.query(SQL`SELECT 1`), (error) => {
      assert.ok(error instanceof ConnectionError);
      assert.equal(error.code, 'SQLITE_CANTOPEN');
      assert.equal(error.message, `unable to open database file: ${file}`);
      return true;
    });
    await bad.close();
  });

  it('an invalid connection string in direct mode gives InvalidOperationError', () => {
    assert.throws(() => dumbo({ connectionString: 'mysql://localhost/db' }), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(
        error.message,
        'Invalid SQLite connection string: mysql://localhost/db. It should start with "file:", ":memory:", "/", or "./".',
      );
      return true;
    });
  });
});

describe('class identity across entry points', () => {
  it('the root and the SQLite entries share the same class objects', () => {
    assert.equal(sqlite3Entry.DumboError, root.DumboError);
    assert.equal(sqliteEntry.DumboError, root.DumboError);
  });

  it('ESM and CommonJS entries share the same classes and functions', () => {
    const cjsRoot = require('@event-driven-io/dumbo');
    const cjsSqlite3 = require('@event-driven-io/dumbo/sqlite3');
    for (const name of [
      'DumboError',
      'UniqueConstraintError',
      'ForeignKeyViolationError',
      'InvalidOperationError',
      'ConnectionError',
      'NotRegisteredError',
      'BatchCommandNoChangesError',
      'SQL',
      'dumbo',
      'pluginRegistry',
    ]) {
      assert.equal(cjsRoot[name], root[name], `root ${name}`);
    }
    assert.equal(cjsSqlite3.dumbo, sqlite3Entry.dumbo);
    assert.equal(cjsSqlite3.DumboError, root.DumboError);
  });

  it('errors from a direct-mode pool are instances of the classes of every entry', async () => {
    const cjsRoot = require('@event-driven-io/dumbo');
    const error = await pool.execute
      .command(SQL`INSERT INTO parent (id, email) VALUES (${8}, ${'a@x'})`)
      .then(() => assert.fail('expected a UniqueConstraintError'), (e) => e);
    assert.ok(error instanceof root.UniqueConstraintError);
    assert.ok(error instanceof cjsRoot.UniqueConstraintError);
    assert.ok(error instanceof sqlite3Entry.DumboError);
    assert.ok(error instanceof cjsRoot.IntegrityConstraintViolationError);
  });

  it('errors from a CommonJS-created pool are instances of the ESM classes', async () => {
    const cjsPool = require('@event-driven-io/dumbo/sqlite3').dumbo({ connectionString: ':memory:' });
    const error = await cjsPool.execute.query(SQL`SELECT * FROM missing`).then(
      () => assert.fail('expected an error'),
      (e) => e,
    );
    assert.ok(error instanceof root.InvalidOperationError);
    await cjsPool.close();
  });
});

describe('Rust panics', () => {
  it('a panic in the native code throws an Error and the process goes on', async () => {
    const binding = require('../../binding.cjs');
    assert.throws(() => binding.__provokePanicForTests(), (error) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /provoked panic \(test hook\)/);
      return true;
    });
    // A second time, and the addon still works afterwards.
    assert.throws(() => binding.__provokePanicForTests(), Error);
    const { rows } = await pool.execute.query(SQL`SELECT ${1} + ${1} AS two`);
    assert.deepEqual(rows, [{ two: 2 }]);
  });
});
