// Formatter resolution, default migrator options and database metadata through the
// plugin registry (RFC phase 3, reference 5.7, 7.1, 7.3), and the migration hash.
// Only fake connectors ('Fake*:*') are registered, in this file's own process.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  SQL,
  SQLCreateSchema,
  pluginRegistry,
  getFormatter,
  registerFormatter,
  formatSQL,
  describeSQL,
  getDefaultMigratorOptionsFromRegistry,
  registerDefaultMigratorOptions,
  getDatabaseMetadata,
  getDefaultDatabase,
  getDefaultDatabaseAsync,
  resolveDatabaseMetadata,
  dumboDatabaseMetadataRegistry,
  DumboDatabaseMetadataRegistry,
  NoDatabaseLock,
  defaultDatabaseLockOptions,
  NotRegisteredError,
  sqlMigration,
  runSQLMigrations,
} from '@event-driven-io/dumbo';
import { pgFormatter, AdvisoryLock, DefaultPostgreSQLMigratorOptions, postgreSQLMetadata } from '@event-driven-io/dumbo/postgresql';
import { sqliteFormatter, DefaultSQLiteMigratorOptions, sqliteMetadata } from '@event-driven-io/dumbo/sqlite';

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A JS formatter: upper-cases keywords it is told about; enough to tell it apart. */
const jsFormatter = {
  format: (sql, options) => {
    const { query, params } = SQL.format(sql, sqliteFormatter, options);
    return { query: `/* js */ ${query}`, params };
  },
  describe: (sql, options) => `/* js */ ${SQL.describe(sql, sqliteFormatter, options)}`,
};

const fakePlugin = (connector, extra = {}) => ({ connector, createPool: () => ({}), ...extra });

describe('getFormatter', () => {
  it('finds the built-in formatters by dialect and by connector, before their plugins load', () => {
    assert.equal(pluginRegistry.tryGetSync('PostgreSQL:pg'), undefined, 'the lazy built-in plugin is not loaded');
    assert.equal(getFormatter('PostgreSQL'), pgFormatter);
    assert.equal(getFormatter('PostgreSQL:pg'), pgFormatter);
    assert.equal(getFormatter('SQLite'), sqliteFormatter);
    assert.equal(getFormatter('SQLite:sqlite3'), sqliteFormatter);
  });

  it('throws NotRegisteredError for an unknown dialect', () => {
    assert.throws(
      () => getFormatter('Oracle'),
      (error) => error instanceof NotRegisteredError && error.message === 'No SQL formatter registered for dialect: Oracle',
    );
    assert.throws(() => SQL.format(SQL`SELECT 1`, 'Oracle:oci'), NotRegisteredError);
  });

  it("finds a JS plugin's sqlFormatter through the plugin registry, by connector and by database type", () => {
    pluginRegistry.register('FakeFmt:js', fakePlugin('FakeFmt:js', { sqlFormatter: jsFormatter, defaultMigratorOptions: {} }));
    assert.equal(getFormatter('FakeFmt:js'), jsFormatter);
    assert.equal(getFormatter('FakeFmt'), jsFormatter);
    assert.equal(SQL.format(SQL`SELECT ${1}`, 'FakeFmt:js').query, '/* js */ SELECT ?');
    assert.equal(SQL.describe(SQL`SELECT ${'a'}`, 'FakeFmt'), '/* js */ SELECT "a"');
    assert.equal(SQL.format(SQL`SELECT ${1}`, jsFormatter).query, '/* js */ SELECT ?');
  });

  it('registerFormatter registers a dialect and overrides what the registry would give', () => {
    const custom = { ...jsFormatter, describe: () => 'custom' };
    registerFormatter('FakeOnly', custom);
    assert.equal(getFormatter('FakeOnly'), custom);
    assert.equal(getFormatter('FakeOnly:any'), custom, 'a connector falls back to its database type');
    registerFormatter('FakeFmt', custom);
    assert.equal(getFormatter('FakeFmt:js'), custom);
    assert.throws(() => registerFormatter('X', {}), TypeError);
  });

  it('SQL.format / SQL.describe take a dialect name; formatSQL / describeSQL take a serializer', () => {
    assert.deepEqual(SQL.format(SQL`SELECT ${[1, 2]}`, 'PostgreSQL'), { query: 'SELECT $1, $2', params: [1, 2] });
    assert.equal(SQL.describe(SQL`SELECT ${'x'}`, 'SQLite'), 'SELECT "x"');
    const shouting = { serialize: (v) => JSON.stringify(v).toUpperCase(), deserialize: JSON.parse };
    assert.equal(describeSQL(SQL`SELECT ${{ a: 'b' }}`, 'PostgreSQL', shouting), 'SELECT "{\\"A\\":\\"B\\"}"');
    assert.deepEqual(formatSQL(SQL`SELECT ${{ a: 'b' }}`, pgFormatter, shouting).params, ['{"A":"B"}']);
  });
});

describe('getDefaultMigratorOptionsFromRegistry', () => {
  it('gives the built-in defaults: an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite', () => {
    assert.equal(getDefaultMigratorOptionsFromRegistry('PostgreSQL'), DefaultPostgreSQLMigratorOptions);
    assert.equal(getDefaultMigratorOptionsFromRegistry('PostgreSQL:pg'), DefaultPostgreSQLMigratorOptions);
    assert.equal(DefaultPostgreSQLMigratorOptions.lock.databaseLock, AdvisoryLock);
    assert.equal(getDefaultMigratorOptionsFromRegistry('SQLite:sqlite3'), DefaultSQLiteMigratorOptions);
    assert.equal(DefaultSQLiteMigratorOptions.lock, undefined, 'no lock: SQLite has one writer');
    assert.deepEqual(DefaultSQLiteMigratorOptions.transactionOptions, { mode: 'IMMEDIATE' });
  });

  it("reads a JS plugin's defaultMigratorOptions from the registry", () => {
    const defaults = { migrationTable: { tableName: 'fake_ledger' } };
    pluginRegistry.register('FakeMig:js', fakePlugin('FakeMig:js', { defaultMigratorOptions: defaults }));
    assert.equal(getDefaultMigratorOptionsFromRegistry('FakeMig:js'), defaults);
    assert.equal(getDefaultMigratorOptionsFromRegistry('FakeMig'), defaults);
  });

  it('registerDefaultMigratorOptions overrides, by database type or connector', () => {
    const mine = { dryRun: true };
    registerDefaultMigratorOptions('FakeMig', mine);
    assert.equal(getDefaultMigratorOptionsFromRegistry('FakeMig:js'), mine);
    const exact = { dryRun: false };
    registerDefaultMigratorOptions('FakeMig:js', exact);
    assert.equal(getDefaultMigratorOptionsFromRegistry('FakeMig:js'), exact);
  });

  it('throws NotRegisteredError with the upstream message when nothing is known', () => {
    assert.throws(
      () => getDefaultMigratorOptionsFromRegistry('Oracle'),
      (error) =>
        error instanceof NotRegisteredError &&
        error.message === 'No default migrator options registered for database type: Oracle',
    );
  });

  it('runSQLMigrations checks names before touching the pool', async () => {
    const untouched = { driverType: 'SQLite:sqlite3', withTransaction: () => assert.fail('no database work expected') };
    const name = 'n'.repeat(256);
    await assert.rejects(
      runSQLMigrations(untouched, [sqlMigration(name, [SQL`SELECT 1`])]),
      (error) =>
        error.name === 'InvalidOperationError' &&
        error.message === `Migration name "${name}" is 256 characters long, exceeding the maximum of 255 characters.`,
    );
  });
});

describe('database metadata', () => {
  it('knows PostgreSQL and SQLite by database or driver type', async () => {
    assert.equal(getDatabaseMetadata('PostgreSQL:pg'), postgreSQLMetadata);
    assert.equal(getDatabaseMetadata('SQLite'), sqliteMetadata);
    assert.equal(getDatabaseMetadata('Oracle:oci'), null);
    assert.deepEqual(postgreSQLMetadata.capabilities, {
      supportsSchemas: true,
      supportsFunctions: true,
      supportsMultipleDatabases: true,
    });
    assert.deepEqual(sqliteMetadata.capabilities, {
      supportsSchemas: false,
      supportsFunctions: false,
      supportsMultipleDatabases: false,
    });
    assert.equal(getDefaultDatabase('PostgreSQL:pg'), 'postgres');
    assert.equal(getDefaultDatabase('SQLite:sqlite3'), 'main');
    assert.equal(getDefaultDatabase('Oracle'), undefined);
    assert.equal(await getDefaultDatabaseAsync('SQLite'), 'main');
    assert.equal(postgreSQLMetadata.parseDatabaseName('postgresql://u@h:5432/app'), 'app');
    assert.equal(postgreSQLMetadata.parseDatabaseName(), 'postgres');
    assert.equal(typeof postgreSQLMetadata.functionExists, 'function');
    assert.equal(sqliteMetadata.functionExists, undefined);
    assert.equal(sqliteMetadata.parseDatabaseName, undefined);
  });

  it('the registry keeps the first concrete entry and resolves lazy ones once', async () => {
    const registry = DumboDatabaseMetadataRegistry();
    const meta = { databaseType: 'Lazy', defaultDatabaseName: 'lazy_db' };
    let loads = 0;
    registry.register('Lazy', async () => (loads++, meta));
    assert.equal(registry.tryGet('Lazy'), null);
    assert.equal(await registry.tryResolve('Lazy'), meta);
    assert.equal(registry.tryGet('Lazy'), meta);
    await registry.tryResolve('Lazy');
    assert.equal(loads, 1);
    registry.register('Lazy', { ...meta, defaultDatabaseName: 'other' });
    assert.equal(registry.tryGet('Lazy'), meta, 'a concrete entry is not replaced');
    assert.deepEqual(registry.databaseTypes, ['Lazy']);
    assert.deepEqual(dumboDatabaseMetadataRegistry.databaseTypes.sort(), ['PostgreSQL', 'SQLite']);
    assert.equal(await resolveDatabaseMetadata('X:y', meta), meta);
  });
});

describe('NoDatabaseLock', () => {
  it('acquires nothing and runs the handle', async () => {
    assert.equal(await NoDatabaseLock.acquire(undefined, { lockId: 1 }), undefined);
    assert.equal(await NoDatabaseLock.tryAcquire(undefined, { lockId: 1 }), true);
    assert.equal(await NoDatabaseLock.release(undefined, { lockId: 1 }), true);
    assert.equal(await NoDatabaseLock.withAcquire(undefined, async () => 42, { lockId: 1 }), 42);
    assert.deepEqual(defaultDatabaseLockOptions, { timeoutMs: 10000 });
  });
});

describe('the migration hash', () => {
  const hashOf = async (sqls, connector) => {
    // Through a fake pool that records the INSERT into the ledger.
    const recorded = [];
    const execute = {
      query: async () => ({ rowCount: 0, rows: [] }),
      command: async (sql) => {
        const { query, params } = SQL.format(sql, connector);
        if (query.includes('INSERT INTO')) recorded.push(params[1]);
        return { rowCount: 1, rows: [] };
      },
      batchQuery: async () => [],
      batchCommand: async () => [],
    };
    const pool = { driverType: connector };
    await runSQLMigrations(pool, [sqlMigration('m', sqls)], { execute, lock: { databaseLock: NoDatabaseLock } });
    return recorded[0];
  };

  it('is the SHA-256 of the described statements, on both dialects and through a JS formatter', async () => {
    const sqls = [SQL`CREATE TABLE a (id INT)`, SQL`INSERT INTO a VALUES (${1}, ${'x'}, ${{ k: "v'" }})`];
    for (const connector of ['PostgreSQL:pg', 'SQLite:sqlite3', 'FakeFmt:js']) {
      const described = SQL.describe(sqls, getFormatter(connector));
      assert.equal(await hashOf(sqls, connector), sha256(described), connector);
    }
    assert.equal(
      await hashOf(sqls, 'SQLite:sqlite3'),
      sha256('CREATE TABLE a (id INT)\nINSERT INTO a VALUES (1, "x", "{\\"k\\":\\"v\'\\"}")'),
    );
  });

  it('covers only the statements that render SQL', async () => {
    const createSchema = SQL`${SQLCreateSchema.from({ databaseSchemaName: 'crm' })}`;
    const table = SQL`CREATE TABLE t (id INT)`;
    assert.equal(await hashOf([SQL.EMPTY, createSchema, table], 'SQLite:sqlite3'), sha256('CREATE TABLE t (id INT)'));
    assert.equal(
      await hashOf([SQL.EMPTY, createSchema, table], 'PostgreSQL:pg'),
      sha256('CREATE SCHEMA IF NOT EXISTS crm\nCREATE TABLE t (id INT)'),
    );
    assert.equal(await hashOf([createSchema], 'SQLite:sqlite3'), undefined, 'nothing to run: not recorded');
  });
});
