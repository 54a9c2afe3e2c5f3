// Migrations of a JS plugin (RFC phase 3): the migrator takes the connector's
// defaultMigratorOptions and sqlFormatter from the plugin registry, exactly as for the
// built-ins. The plugin here wraps the built-in SQLite pool under its own connector,
// with a formatter and defaults of its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dumbo,
  pluginRegistry,
  SQL,
  runSQLMigrations,
  sqlMigration,
  registerDefaultMigratorOptions,
} from '@event-driven-io/dumbo';
import { dumbo as sqlitePool, sqliteFormatter } from '@event-driven-io/dumbo/sqlite3';

const CONNECTOR = 'SQLiteLedger:test';
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const lockCalls = [];
const recordingLock = {
  acquire: async () => {},
  tryAcquire: async () => true,
  release: async () => true,
  withAcquire: async (execute, handle, options) => {
    lockCalls.push({ execute, options });
    return handle();
  },
};

const pluginFormatter = {
  format: (sql, options) => sqliteFormatter.format(sql, options),
  describe: (sql, options) => `-- plugin\n${sqliteFormatter.describe(sql, options)}`,
};

const plugin = {
  connector: CONNECTOR,
  createPool: (options) => ({ ...sqlitePool({ fileName: options.fileName }), driverType: CONNECTOR }),
  sqlFormatter: pluginFormatter,
  defaultMigratorOptions: {
    migrationTable: { tableName: 'plugin_ledger' },
    lock: { databaseLock: recordingLock, options: { lockId: 42 } },
  },
};

describe('migrations of a JS plugin', () => {
  let dir;
  let pool;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-plugin-migrations-'));
    pluginRegistry.register(CONNECTOR, plugin);
    pool = dumbo({ connector: CONNECTOR, fileName: path.join(dir, 'plugin.db') });
  });
  after(async () => {
    await pool?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("uses the plugin's defaultMigratorOptions (ledger table, lock) and its formatter's describe for the hash", async () => {
    const migration = sqlMigration('001', [SQL`CREATE TABLE t (id INTEGER)`, SQL`INSERT INTO t VALUES (${7})`]);
    assert.deepEqual(await runSQLMigrations(pool, [migration]), { applied: [migration], skipped: [] });

    const { rows } = await pool.execute.query(SQL`SELECT name, sql_hash FROM plugin_ledger`);
    assert.deepEqual(rows, [
      { name: '001', sql_hash: sha256('-- plugin\nCREATE TABLE t (id INTEGER)\nINSERT INTO t VALUES (7)') },
    ]);
    assert.equal(lockCalls.length, 1);
    assert.deepEqual(lockCalls[0].options, { lockId: 42 });
    assert.equal(typeof lockCalls[0].execute.batchCommand, 'function', "the lock gets the transaction's executor");
    assert.notEqual(lockCalls[0].execute, pool.execute);
  });

  it('caller options and registerDefaultMigratorOptions override the plugin defaults', async () => {
    const migration = sqlMigration('002', [SQL`CREATE TABLE u (id INTEGER)`]);
    await runSQLMigrations(pool, [migration], { migrationTable: { tableName: 'caller_ledger' } });
    assert.deepEqual((await pool.execute.query(SQL`SELECT name FROM caller_ledger`)).rows, [{ name: '002' }]);

    registerDefaultMigratorOptions(CONNECTOR, { migrationTable: { tableName: 'registered_ledger' } });
    await runSQLMigrations(pool, [sqlMigration('003', [SQL`CREATE TABLE v (id INTEGER)`])]);
    assert.deepEqual((await pool.execute.query(SQL`SELECT name FROM registered_ledger`)).rows, [{ name: '003' }]);
    assert.equal(lockCalls.length, 2, 'the registered defaults have no lock: NoDatabaseLock');
  });
});
