// Driver-type helpers and parseConnectionString (upstream core/drivers and
// storage/all/connections/connectionString), through the public entry point.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseConnectionString,
  toDatabaseDriverType,
  fromDatabaseDriverType,
  getDatabaseDriverName,
  getDatabaseType,
  InvalidOperationError,
} from '@event-driven-io/dumbo';

describe('parseConnectionString', () => {
  const cases = [
    ['postgresql://user@localhost:5432/db', 'PostgreSQL', 'pg'],
    ['postgres://localhost/db', 'PostgreSQL', 'pg'],
    ['file:./app.db?mode=ro', 'SQLite', 'sqlite3'],
    [':memory:', 'SQLite', 'sqlite3'],
    ['/var/data/app.db', 'SQLite', 'sqlite3'],
    ['./app.db', 'SQLite', 'sqlite3'],
    ['d1://my-database', 'SQLite', 'd1'],
  ];
  for (const [connectionString, databaseType, driverName] of cases) {
    it(`${connectionString} → ${databaseType}:${driverName}`, () => {
      assert.deepEqual(parseConnectionString(connectionString), { databaseType, driverName });
    });
  }

  it('anything else is an InvalidOperationError naming the string', () => {
    for (const connectionString of ['mysql://localhost:3306/dumbo', 'test.db', '../x.db', 'sqlite:x.db', ':memory:?cache=shared', '']) {
      assert.throws(() => parseConnectionString(connectionString), (error) => {
        assert.ok(error instanceof InvalidOperationError, `${connectionString}: ${error}`);
        assert.equal(error.message, `Unsupported database connection string: ${connectionString}`);
        return true;
      });
    }
  });

  it('masks a password it echoes, and refuses a non-string with a TypeError', () => {
    assert.throws(() => parseConnectionString('mysql://root:s3cret@localhost/db'), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.ok(!error.message.includes('s3cret'), error.message);
      return true;
    });
    assert.throws(() => parseConnectionString(undefined), {
      name: 'TypeError',
      message: 'parseConnectionString expects a string, got undefined',
    });
  });
});

describe('driver-type helpers', () => {
  it('toDatabaseDriverType joins, fromDatabaseDriverType splits', () => {
    assert.equal(toDatabaseDriverType('PostgreSQL', 'pg'), 'PostgreSQL:pg');
    assert.deepEqual(fromDatabaseDriverType('SQLite:d1'), { databaseType: 'SQLite', driverName: 'd1' });
    assert.equal(getDatabaseDriverName('SQLite:sqlite3'), 'sqlite3');
    assert.equal(getDatabaseType('PostgreSQL:pg'), 'PostgreSQL');
  });

  it('upstream splitting: a value without a driver name gives undefined; a non-string is a TypeError', () => {
    assert.deepEqual(fromDatabaseDriverType('PostgreSQL'), { databaseType: 'PostgreSQL', driverName: undefined });
    assert.throws(() => getDatabaseType(42), {
      name: 'TypeError',
      message: "A driver type must be a string such as 'SQLite:sqlite3', got number",
    });
  });
});
