// Reliability, bad input: invalid connection strings, option values of the wrong
// type, unknown connectors, malformed plugins, values that are not SQL, values that
// cannot be bound. Each is refused with the error class users can act on (or a
// TypeError naming the bad value), never echoing a password, and the pools go on.
// Plugin registration rules in detail: registry.test.mjs. See docs/reliability.md.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as root from '@event-driven-io/dumbo';
import * as pg from '@event-driven-io/dumbo/pg';
import * as sqlite from '@event-driven-io/dumbo/sqlite3';
import { pgTestUrl } from '../support/postgres.mjs';

const { SQL, DumboError, DataError, InvalidOperationError, NotRegisteredError, pluginRegistry } = root;
const SECRET = 'Pw-n0t-2-b3-sh0wn';

/** Everything an error shows when logged: message, stack, properties, cause. */
const everything = (error) => `${error?.message} ${error?.stack} ${inspect(error, { depth: 5 })}`;

function refused(run, ErrorClass, pattern) {
  let error;
  try {
    const result = run();
    if (typeof result?.then === 'function') throw new Error('expected a synchronous refusal');
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'expected an error');
  assert.equal(error.constructor, ErrorClass, `got ${error?.constructor?.name}: ${error?.message}`);
  if (pattern) assert.match(error.message, pattern);
  assert.doesNotMatch(everything(error), new RegExp(SECRET), 'the password is echoed');
  return error;
}

async function rejected(promise, ErrorClass, pattern) {
  const error = await promise.then(
    () => assert.fail(`expected ${ErrorClass.name}`),
    (e) => e,
  );
  assert.equal(error.constructor, ErrorClass, `got ${error?.constructor?.name}: ${error?.message}`);
  if (pattern) assert.match(error.message, pattern);
  return error;
}

describe('connection strings', () => {
  const invalid = [
    '',
    `mysql://app:${SECRET}@db.example/prod`,
    `http://app:${SECRET}@db.example`,
    `postgresql://app:${SECRET}@db.example:notaport/prod`,
    `postgresql://app:${SECRET}@db.example/prod?sslmode=sometimes`,
    `postgresql://db.example/prod?password=${SECRET}&sslmode=sometimes`,
    `app:${SECRET}@db.example/prod`,
    `postgresql:/app:${SECRET}@db.example/prod`,
  ];

  it('the PostgreSQL driver refuses invalid strings with InvalidOperationError, never showing the password', () => {
    for (const connectionString of invalid) {
      const error = refused(() => pg.dumbo({ connectionString }), InvalidOperationError, /^Invalid PostgreSQL connection string: /);
      if (connectionString.includes('@')) assert.match(error.message, /\*\*\*/, connectionString);
    }
  });

  it('the SQLite driver refuses other databases\' URLs with InvalidOperationError, never showing the password', () => {
    for (const connectionString of invalid.filter((cs) => cs.includes('://') || cs === '')) {
      refused(() => sqlite.dumbo({ connectionString }), InvalidOperationError, /^Invalid SQLite connection string: /);
    }
  });

  it('automatic mode refuses strings no connector handles (InvalidOperationError) and lists the registered connectors', () => {
    for (const connectionString of ['', `mysql://app:${SECRET}@db.example/prod`, 'ftp://example.org/db']) {
      refused(() => root.dumbo({ connectionString }), InvalidOperationError, /Registered connectors: SQLite:sqlite3, PostgreSQL:pg/);
    }
  });

  it('checkConnection reports an invalid string (successful: false) instead of throwing, without the password', async () => {
    const result = await pg.checkConnection(`postgresql://app:${SECRET}@db.example:notaport/prod`);
    assert.equal(result.successful, false);
    assert.ok(result.error instanceof InvalidOperationError);
    assert.doesNotMatch(everything(result.error), new RegExp(SECRET));
  });
});

describe('options of the wrong type', () => {
  const pgUrl = 'postgresql://app@127.0.0.1:5432/db';
  const pgCases = [
    [undefined, /PostgreSQL pool options must be an object/],
    [{ connectionString: 42 }, /'connectionString' must be a string, got number/],
    [{ connectionString: pgUrl, max: '10' }, /'max' must be a number >= 1, got 10/],
    [{ connectionString: pgUrl, max: 0 }, /'max'/],
    [{ connectionString: pgUrl, max: Number.NaN }, /'max' must be a number >= 1, got NaN/],
    [{ connectionString: pgUrl, connectionTimeoutMillis: '5' }, /'connectionTimeoutMillis' must be a number >= 0/],
    [{ connectionString: pgUrl, connectTimeoutMillis: -5 }, /'connectTimeoutMillis' must be a number >= 0, got -5/],
    [{ connectionString: pgUrl, database: 5 }, /'database' must be a string, got number/],
    [{ connectionString: pgUrl, pooled: 'no' }, /'pooled' must be a boolean, got string/],
    [{ connectionString: pgUrl, transactionOptions: 'x' }, /'transactionOptions' must be an object/],
    [{ connectionString: pgUrl, transactionOptions: { isolationLevel: 'SOMETIMES' } }, /SOMETIMES/],
    [{ connectionString: pgUrl, serializer: {} }, /'serializer' must have serialize\(value\) and deserialize\(text\)/],
  ];
  const sqliteCases = [
    [undefined, /SQLite pool options must be an object/],
    [{ fileName: 5 }, /'fileName' must be a string, got number/],
    [{ connectionString: null }, /'connectionString' must be a string, got object/],
    [{ singleton: 'yes' }, /'singleton' must be a boolean, got string/],
    [{ readonly: 1 }, /'readonly' must be a boolean, got number/],
    [{ pragmaOptions: 'x' }, /'pragmaOptions' must be an object/],
    [{ maxTaskIdleTime: '5' }, /'maxTaskIdleTime' must be a number, got string/],
    [{ defaultTransactionMode: 'SOMETIMES' }, /'defaultTransactionMode' must be one of DEFERRED, IMMEDIATE, EXCLUSIVE, got SOMETIMES/],
  ];

  it('PostgreSQL: a TypeError naming the option and the value', () => {
    for (const [options, pattern] of pgCases) refused(() => pg.dumbo(options), TypeError, pattern);
  });

  it('SQLite: a TypeError naming the option and the value', () => {
    for (const [options, pattern] of sqliteCases) refused(() => sqlite.dumbo(options), TypeError, pattern);
  });

  it('SQLite pragma values: a wrong type is a TypeError, an unknown mode an InvalidOperationError naming it, before anything is opened', async () => {
    for (const [pragmaOptions, ErrorClass, pattern] of [
      [{ busy_timeout: 'x' }, TypeError, /pragmaOptions\.busy_timeout must be a number/],
      [{ cache_size: 'big' }, TypeError, /pragmaOptions\.cache_size must be a number/],
      [{ journal_mode: 'BOGUS; DROP TABLE t' }, InvalidOperationError, /Invalid SQLite pragma journal_mode: "BOGUS; DROP TABLE t"/],
    ]) {
      const pool = sqlite.dumbo({ connectionString: ':memory:', pragmaOptions });
      await rejected(pool.execute.query(SQL`SELECT 1`), ErrorClass, pattern);
      await pool.close();
    }
  });

  it('automatic mode: options that are not an object are a TypeError', () => {
    for (const options of [undefined, null, 'postgresql://x', 42]) {
      refused(() => root.dumbo(options), TypeError, /dumbo\(options\) expects an options object/);
    }
  });

  it('per-call options: a timeoutMs that is not a number is a TypeError', async () => {
    const pool = pg.dumbo({ connectionString: 'postgresql://app@127.0.0.1:1/db' });
    try {
      await rejected(pool.execute.query(SQL`SELECT 1`, { timeoutMs: '5' }), TypeError, /timeoutMs must be a number/);
      await rejected(pool.execute.query(SQL`SELECT 1`, { timeoutMs: -1 }), TypeError, /timeoutMs must be a non-negative number/);
    } finally {
      await pool.close();
    }
  });
});

describe('connectors and plugins', () => {
  const registered = [];
  after(() => {
    // The registry has no unregister: these connectors stay, under names no other test uses.
    assert.ok(registered.every((c) => pluginRegistry.has(c)));
  });

  it('an unknown connector is a NotRegisteredError naming it', async () => {
    refused(() => root.dumbo({ connector: 'Nope:driver', connectionString: 'nope://x' }), NotRegisteredError, /No plugin found for driver type: Nope:driver/);
    await rejected(pluginRegistry.resolve('Nope:other'), NotRegisteredError, /Nope:other/);
  });

  it('automatic mode: a connector that is not a string is a TypeError; unsupported strings never echo a password', () => {
    refused(() => root.dumbo({ connectionString: ':memory:', connector: 42 }), TypeError, /'connector' must be a connector name/);
    for (const cs of ['someone:s3cret@host/db', 'mysql://u:s3cret@host/db', 'mysql://host/db?user=u&password=s3cret']) {
      let error;
      try {
        root.dumbo({ connectionString: cs });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof InvalidOperationError, `expected InvalidOperationError for ${cs}`);
      assert.match(error.message, /Unsupported database connection string/);
      assert.doesNotMatch(error.message, /s3cret/);
    }
  });

  it('malformed plugins are refused at registration with a TypeError naming the connector', () => {
    for (const [plugin, pattern] of [
      [null, /must be a plugin object or a function/],
      [42, /must be a plugin object or a function/],
      [{}, /has no connector string/],
      [{ connector: 'Other:x', createPool: () => ({}) }, /does not match the connector it is registered for: 'Reliability:bad'/],
      [{ connector: 'Reliability:bad', createPool: 'x' }, /has no createPool function/],
    ]) {
      refused(() => pluginRegistry.register('Reliability:bad', plugin), TypeError, pattern);
    }
    refused(() => pluginRegistry.register('nocolon', { connector: 'nocolon', createPool: () => ({}) }), TypeError, /Invalid connector 'nocolon'/);
    assert.equal(pluginRegistry.has('Reliability:bad'), false);
  });

  it('a lazy plugin that fails to load, or loads something that is not a plugin, rejects with a DumboError naming the connector', async () => {
    pluginRegistry.register('Reliability:lazyfail', () => Promise.reject(new Error('cannot load the driver')));
    pluginRegistry.register('Reliability:lazyjunk', () => Promise.resolve(42));
    registered.push('Reliability:lazyfail', 'Reliability:lazyjunk');
    const failing = root.dumbo({ connector: 'Reliability:lazyfail', connectionString: 'x://y' });
    const junk = root.dumbo({ connector: 'Reliability:lazyjunk', connectionString: 'x://y' });
    const e1 = await rejected(failing.execute.query(SQL`SELECT 1`), DumboError, /Failed to load plugin for connector Reliability:lazyfail: cannot load the driver/);
    assert.ok(DumboError.isInstanceOf(e1));
    await rejected(junk.execute.query(SQL`SELECT 1`), DumboError, /Failed to load plugin for connector Reliability:lazyjunk/);
  });
});

describe('values that are not SQL, and values that cannot be bound', () => {
  const notSQL = ['SELECT 1', 42, null, undefined, { sql: 'SELECT 1' }, [SQL`SELECT 1`], new String('SELECT 1')];
  const unbindable = [
    [Symbol('s'), DataError, /Cannot bind a value of type symbol/],
    [() => 1, DataError, /Cannot bind a value of type function/],
    [new Date(Number.NaN), DataError, /invalid Date/i],
  ];

  const targets = [
    ['SQLite', () => sqlite.dumbo({ connectionString: ':memory:' })],
    ['PostgreSQL', () => pg.dumbo({ connectionString: pgTestUrl(), max: 2 })],
  ];
  for (const [name, open] of targets) {
    it(`${name}: execute refuses anything but SQL with InvalidOperationError, and refuses unbindable values with DataError; the pool goes on`, async () => {
      const pool = open();
      try {
        for (const value of notSQL) {
          for (const call of [() => pool.execute.query(value), () => pool.execute.command(value), () => pool.execute.batchQuery([value])]) {
            await rejected(call(), InvalidOperationError, /^Expected TokenizedSQL, got string-based SQL$/);
          }
        }
        for (const [value, ErrorClass, pattern] of unbindable) {
          await rejected(pool.execute.query(SQL`SELECT ${value} AS v`), ErrorClass, pattern);
        }
        const circular = {};
        circular.self = circular;
        await rejected(pool.execute.query(SQL`SELECT ${circular} AS v`), TypeError, /circular/);
        await rejected(pool.execute.query(SQL`SELECT 1 AS ${SQL.identifier(42)}`), DataError, /SQL identifier must be a string/);
        await rejected(pool.execute.query(SQL`SELECT ${SQL.array([])} AS v`), DataError, /Empty arrays are not supported/);
        await rejected(pool.withTransaction(42), TypeError);
        assert.deepEqual((await pool.execute.query(SQL`SELECT ${'still'} AS v`)).rows, [{ v: 'still' }]);
      } finally {
        await pool.close();
      }
    });
  }
});
