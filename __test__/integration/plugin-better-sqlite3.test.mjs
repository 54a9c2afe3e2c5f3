// The community plugin example '@acme/dumbo-better-sqlite3'
// (examples/dumbo-better-sqlite3, issue 4 section 3): a second SQLite driver next to
// the built-in 'SQLite:sqlite3'. The shared behaviour suite through the Dumbo API in
// direct mode (file and ':memory:') and automatic mode (the root dumbo(), plugin
// registered lazily), then what is particular to this plugin. Tests that need a
// registry of their own run in a child process each.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { betterSqlite3Target } from '../support/databases.mjs';
import {
  SQL,
  CheckViolationError,
  ConnectionError,
  DumboError,
  ForeignKeyViolationError,
  InvalidOperationError,
  NotNullViolationError,
  UniqueConstraintError,
  capabilitiesOf,
} from '@event-driven-io/dumbo';
import { sqliteFormatter, DefaultSQLiteMigratorOptions } from '@event-driven-io/dumbo/sqlite';
import * as betterSqlite3 from '@acme/dumbo-better-sqlite3';

const { dumbo, betterSqlite3Plugin } = betterSqlite3;
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const TEST_TIMEOUT = { timeout: 60_000 };

sharedBehaviourTests(betterSqlite3Target({ mode: 'direct' }));
sharedBehaviourTests(betterSqlite3Target({ mode: 'auto' }));
sharedBehaviourTests(betterSqlite3Target({ mode: 'direct', memory: true }));

/**
 * Runs an ES module in a fresh Node process (a registry of its own) from the
 * repository root and returns what it printed last, parsed as JSON. A child that
 * throws, or that does not exit by itself within the timeout, fails the test.
 */
function runChild(source, { timeout = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', source],
      { cwd: root, timeout, killSignal: 'SIGKILL', maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`child process failed (${error.killed ? 'killed after timeout' : `exit ${error.code}`}):\n${stderr}`));
          return;
        }
        const lines = stdout.trim().split('\n');
        try {
          resolve(JSON.parse(lines[lines.length - 1]));
        } catch {
          reject(new Error(`child process printed no JSON result:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

const tempDirs = [];
const tempFile = (name = 'db.sqlite') => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-better-sqlite3-plugin-'));
  tempDirs.push(dir);
  return path.join(dir, name);
};
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function withPool(options, fn) {
  const pool = dumbo(options);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

describe('@acme/dumbo-better-sqlite3: package', () => {
  it('is installed as a workspace package that uses this repository as @event-driven-io/dumbo (one copy)', () => {
    const esm = fileURLToPath(import.meta.resolve('@acme/dumbo-better-sqlite3'));
    assert.equal(fs.realpathSync(esm), path.join(root, 'examples/dumbo-better-sqlite3/index.mjs'));
    const fromPlugin = createRequire(path.join(root, 'examples/dumbo-better-sqlite3/index.cjs'));
    assert.equal(fs.realpathSync(fromPlugin.resolve('@event-driven-io/dumbo')), path.join(root, 'index.cjs'));
    assert.equal(fs.realpathSync(fromPlugin.resolve('@event-driven-io/dumbo/sqlite')), path.join(root, 'entry/sqlite.cjs'));
    // better-sqlite3 12 with its native binding, built at install time.
    assert.match(fromPlugin('better-sqlite3/package.json').version, /^12\./);
  });

  it('ESM and CommonJS give the same plugin object', async () => {
    assert.equal(require('@acme/dumbo-better-sqlite3').betterSqlite3Plugin, betterSqlite3Plugin);
    assert.equal(betterSqlite3.plugin, betterSqlite3Plugin);
    const { betterSqlite3Plugin: viaRegister } = await import('@acme/dumbo-better-sqlite3/register');
    assert.equal(viaRegister, betterSqlite3Plugin);
  });

  it("has the StoragePlugin shape, with the built-in SQLite formatter and migrator options", () => {
    assert.equal(betterSqlite3Plugin.connector, 'SQLite:better-sqlite3');
    assert.equal(betterSqlite3Plugin.createPool, betterSqlite3.betterSqlite3Pool);
    assert.equal(betterSqlite3Plugin.sqlFormatter, sqliteFormatter);
    assert.equal(betterSqlite3Plugin.defaultMigratorOptions, DefaultSQLiteMigratorOptions);
    assert.deepEqual(capabilitiesOf(betterSqlite3Plugin), {
      json: { operators: true, indexing: false, path: true },
      arrays: false,
      returning: true,
      cte: true,
    });
    assert.ok(Object.isFrozen(betterSqlite3Plugin));
  });

  it('canHandle claims only options that name its connector', () => {
    assert.equal(betterSqlite3Plugin.canHandle({ connector: 'SQLite:better-sqlite3', connectionString: 'file:./x.db' }), true);
    for (const options of [
      { connectionString: 'file:./x.db' },
      { connectionString: ':memory:' },
      { fileName: './x.db' },
      { connectionString: 'file:./x.db', connector: 'SQLite:sqlite3' },
      {},
    ]) {
      assert.equal(betterSqlite3Plugin.canHandle(options), false, JSON.stringify(options));
    }
  });
});

describe('@acme/dumbo-better-sqlite3: two SQLite drivers registered at once', () => {
  it("SQLite strings go to the built-in 'SQLite:sqlite3'; connector: 'SQLite:better-sqlite3' chooses the plugin; both share the file", TEST_TIMEOUT, async () => {
    const file = tempFile();
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import '@acme/dumbo-better-sqlite3/register';
      const file = ${JSON.stringify(file)};
      const registered = pluginRegistry.list().filter((c) => c.startsWith('SQLite:'));
      const builtIn = dumbo({ connectionString: 'file:' + file });
      const viaFileName = dumbo({ fileName: file });
      const plugin = dumbo({ connectionString: 'file:' + file, connector: 'SQLite:better-sqlite3' });
      const pluginByPath = dumbo({ connectionString: file, connector: 'SQLite:better-sqlite3' });
      await builtIn.execute.command(SQL\`CREATE TABLE drivers (name TEXT)\`);
      await builtIn.execute.command(SQL\`INSERT INTO drivers VALUES (\${'sqlite3'})\`);
      await plugin.execute.command(SQL\`INSERT INTO drivers VALUES (\${'better-sqlite3'})\`);
      const seenByBuiltIn = (await viaFileName.execute.query(SQL\`SELECT name FROM drivers ORDER BY name\`)).rows;
      const seenByPlugin = (await pluginByPath.execute.query(SQL\`SELECT name FROM drivers ORDER BY name\`)).rows;
      // The built-in loaded directly (no more deferral) is still the default.
      await import('@event-driven-io/dumbo/sqlite3');
      const afterDirectImport = dumbo({ connectionString: ':memory:' });
      const out = {
        registered,
        builtIn: [builtIn.driverType, 'isLoaded' in builtIn],
        viaFileName: viaFileName.driverType,
        plugin: [plugin.driverType, 'isLoaded' in plugin],
        pluginByPath: pluginByPath.driverType,
        afterDirectImport: [afterDirectImport.driverType, 'isLoaded' in afterDirectImport],
        seenByBuiltIn,
        seenByPlugin,
      };
      for (const pool of [builtIn, viaFileName, plugin, pluginByPath, afterDirectImport]) await pool.close();
      console.log(JSON.stringify(out));
    `);
    assert.deepEqual(result, {
      registered: ['SQLite:sqlite3', 'SQLite:better-sqlite3'],
      builtIn: ['SQLite:sqlite3', true],
      viaFileName: 'SQLite:sqlite3',
      plugin: ['SQLite:better-sqlite3', false],
      pluginByPath: 'SQLite:better-sqlite3',
      afterDirectImport: ['SQLite:sqlite3', false],
      seenByBuiltIn: [{ name: 'better-sqlite3' }, { name: 'sqlite3' }],
      seenByPlugin: [{ name: 'better-sqlite3' }, { name: 'sqlite3' }],
    });
  });
});

describe('@acme/dumbo-better-sqlite3: the three registration options and lazy loading', () => {
  it('option 1: importing /register registers the plugin (ESM and CommonJS: the same object)', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import { createRequire } from 'node:module';
      import { betterSqlite3Plugin } from '@acme/dumbo-better-sqlite3';
      const before = pluginRegistry.has('SQLite:better-sqlite3');
      await import('@acme/dumbo-better-sqlite3/register');
      createRequire(process.cwd() + '/index.cjs')('@acme/dumbo-better-sqlite3/register');
      const pool = dumbo({ connectionString: ':memory:', connector: 'SQLite:better-sqlite3' });
      const rows = (await pool.execute.query(SQL\`SELECT \${20} + \${22} AS answer\`)).rows;
      await pool.close();
      console.log(JSON.stringify({ before, same: pluginRegistry.tryGetSync('SQLite:better-sqlite3') === betterSqlite3Plugin, driverType: pool.driverType, deferred: 'isLoaded' in pool, rows }));
    `);
    assert.deepEqual(result, { before: false, same: true, driverType: 'SQLite:better-sqlite3', deferred: false, rows: [{ answer: 42 }] });
  });

  it('option 2: registerBetterSqlite3() registers the plugin; importing the package alone does not', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { pluginRegistry } from '@event-driven-io/dumbo';
      import { registerBetterSqlite3, betterSqlite3Plugin } from '@acme/dumbo-better-sqlite3';
      const before = pluginRegistry.has('SQLite:better-sqlite3');
      registerBetterSqlite3();
      registerBetterSqlite3();
      console.log(JSON.stringify({ before, after: pluginRegistry.tryGetSync('SQLite:better-sqlite3') === betterSqlite3Plugin }));
    `);
    assert.deepEqual(result, { before: false, after: true });
  });

  it("option 3: the plugin's dumbo() is createPool, without touching the registry", TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import { dumbo } from '@acme/dumbo-better-sqlite3';
      const pool = dumbo({ connectionString: ':memory:' });
      const rows = (await pool.execute.query(SQL\`SELECT 1 AS one\`)).rows;
      await pool.close();
      console.log(JSON.stringify({ registered: pluginRegistry.has('SQLite:better-sqlite3'), driverType: pool.driverType, rows }));
    `);
    assert.deepEqual(result, { registered: false, driverType: 'SQLite:better-sqlite3', rows: [{ one: 1 }] });
  });

  it('lazy: concurrent first calls on the deferred pool run the loader once and createPool once; results and errors pass through', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL, UniqueConstraintError } from '@event-driven-io/dumbo';
      let loads = 0;
      const created = [];
      const seen = [];
      pluginRegistry.register('SQLite:better-sqlite3', () => {
        loads++;
        return import('@acme/dumbo-better-sqlite3').then(({ plugin }) => ({
          ...plugin,
          createPool(options) {
            seen.push(options);
            const pool = plugin.createPool(options);
            created.push(pool);
            return pool;
          },
        }));
      });
      const options = { connectionString: ':memory:', connector: 'SQLite:better-sqlite3' };
      const pool = dumbo(options);
      const before = { loads, created: created.length, isLoaded: pool.isLoaded };
      const results = await Promise.all([
        pool.execute.command(SQL\`CREATE TABLE t (id INTEGER PRIMARY KEY)\`),
        pool.execute.query(SQL\`SELECT 1 AS a\`),
        pool.withTransaction(async (tx) => (await tx.execute.query(SQL\`SELECT 2 AS b\`)).rows),
        pool.withConnection(async (connection) => (await connection.execute.query(SQL\`SELECT 3 AS c\`)).rows),
      ]);
      const failure = new Error('callback failed');
      const callback = await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL\`INSERT INTO t VALUES (\${1})\`);
        throw failure;
      }).then(() => 'no error', (error) => error === failure);
      const unique = await pool.execute.command(SQL\`INSERT INTO t VALUES (\${2}), (\${2})\`).then(() => 'no error', (error) =>
        error instanceof UniqueConstraintError && error.cause?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
      const rows = (await pool.execute.query(SQL\`SELECT count(*) AS n FROM t\`)).rows;
      await pool.close();
      console.log(JSON.stringify({ before, after: { loads, created: created.length }, sameOptions: seen[0] === options, results, callback, unique, rows }));
    `);
    assert.deepEqual(result, {
      before: { loads: 0, created: 0, isLoaded: false },
      after: { loads: 1, created: 1 },
      sameOptions: true,
      results: [{ rowCount: 0, rows: [] }, { rowCount: 1, rows: [{ a: 1 }] }, [{ b: 2 }], [{ c: 3 }]],
      callback: true,
      unique: true,
      rows: [{ n: 0 }],
    });
  });

  it("a loaded plugin: the root dumbo() returns exactly createPool's object; createPool receives the user's options; its throw reaches the caller", TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry } from '@event-driven-io/dumbo';
      import { plugin } from '@acme/dumbo-better-sqlite3';
      const seen = [];
      const created = [];
      pluginRegistry.register('SQLite:better-sqlite3', {
        ...plugin,
        createPool(options) {
          seen.push(options);
          const pool = plugin.createPool(options);
          created.push(pool);
          return pool;
        },
      });
      const options = { fileName: ':memory:', connector: 'SQLite:better-sqlite3', extra: 1 };
      const pool = dumbo(options);
      let thrown;
      try {
        dumbo({ connector: 'SQLite:better-sqlite3', transactionOptions: { mode: 'SOMETIMES' } });
      } catch (error) {
        thrown = { isTypeError: error instanceof TypeError, message: error.message };
      }
      await pool.close();
      console.log(JSON.stringify({ same: pool === created[0], sameOptions: seen[0] === options, thrown }));
    `);
    assert.deepEqual(result, {
      same: true,
      sameOptions: true,
      thrown: {
        isTypeError: true,
        message: "better-sqlite3 option 'defaultTransactionMode' must be one of DEFERRED, IMMEDIATE, EXCLUSIVE, got SOMETIMES",
      },
    });
  });

  it('a process with open better-sqlite3 pools exits by itself', TEST_TIMEOUT, async () => {
    const file = tempFile();
    const result = await runChild(`
      import { SQL } from '@event-driven-io/dumbo';
      import { dumbo } from '@acme/dumbo-better-sqlite3';
      const pool = dumbo({ fileName: ${JSON.stringify(file)} });
      const memory = dumbo({ fileName: ':memory:' });
      await pool.execute.command(SQL\`CREATE TABLE t (v INTEGER)\`);
      const tx = pool.transaction();
      await tx.begin();
      await tx.execute.command(SQL\`INSERT INTO t VALUES (1)\`);
      await pool.execute.query(SQL\`SELECT count(*) AS n FROM t\`); // the reader handle is open too
      await memory.execute.query(SQL\`SELECT 1\`);
      console.log(JSON.stringify({ done: true })); // no commit, no close()
    `);
    assert.deepEqual(result, { done: true });
  });
});

describe('@acme/dumbo-better-sqlite3: connection strings and pragmas', () => {
  it("file: URIs, paths and fileName name the same file; URI parameters and pragmaOptions set pragmas (defaults < URI < pragmaOptions)", async () => {
    const file = tempFile();
    const pragma = async (pool, name) => (await pool.execute.query(SQL`SELECT * FROM ${SQL.plain(`pragma_${name}`)}`)).rows[0];
    await withPool({ connectionString: `file:${file}` }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`);
      assert.deepEqual(await pragma(pool, 'journal_mode'), { journal_mode: 'wal' });
      assert.deepEqual(await pragma(pool, 'foreign_keys'), { foreign_keys: 1 });
      assert.deepEqual(await pragma(pool, 'busy_timeout'), { timeout: 5000 });
    });
    await withPool({ connectionString: `file://${file}?busy_timeout=1234&foreign_keys=false` }, async (pool) => {
      assert.deepEqual(await pragma(pool, 'busy_timeout'), { timeout: 1234 });
      assert.deepEqual(await pragma(pool, 'foreign_keys'), { foreign_keys: 0 });
      assert.deepEqual((await pool.execute.query(SQL`SELECT count(*) AS n FROM t`)).rows, [{ n: 0 }]);
    });
    await withPool({ connectionString: `file:${file}?busy_timeout=1234`, pragmaOptions: { busy_timeout: 99 } }, async (pool) => {
      assert.deepEqual(await pragma(pool, 'busy_timeout'), { timeout: 99 });
    });
    // Without Dumbo's defaults a new file keeps SQLite's rollback journal.
    await withPool({ fileName: tempFile(), skipDatabasePragmas: true }, async (pool) => {
      assert.deepEqual(await pragma(pool, 'journal_mode'), { journal_mode: 'delete' });
    });
  });

  it('bad strings and options are refused when the pool is created; a missing directory on first use', async () => {
    for (const connectionString of ['mysql://localhost/db', 'duckdb::memory:', 'relative.db']) {
      assert.throws(() => dumbo({ connectionString }), InvalidOperationError, connectionString);
    }
    assert.throws(() => dumbo({ fileName: ':memory:', pragmaOptions: { 'journal_mode; DROP TABLE t': 'WAL' } }), TypeError);
    assert.throws(() => dumbo({ fileName: ':memory:', pragmaOptions: { journal_mode: "WAL'; --" } }), TypeError);
    await withPool({ fileName: path.join(path.dirname(tempFile()), 'missing', 'x.db') }, async (pool) => {
      await assert.rejects(pool.execute.query(SQL`SELECT 1`), (error) => error instanceof ConnectionError && error.cause instanceof Error);
    });
  });
});

describe('@acme/dumbo-better-sqlite3: values, errors and the writer', () => {
  it('integers: numbers where exact, BigInt beyond 2^53; booleans bind as 1/0; Buffers, Dates, objects and SQL.in', async () => {
    await withPool({ fileName: ':memory:' }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE v (id INTEGER PRIMARY KEY, big INTEGER, flag INTEGER, bytes BLOB, at TEXT, doc TEXT)`);
      const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
      await pool.execute.command(
        SQL`INSERT INTO v VALUES (${1}, ${2n ** 62n + 1n}, ${true}, ${Buffer.from([1, 2])}, ${at}, ${{ a: 1 }}), (${2}, ${-(2 ** 53) + 1}, ${false}, ${null}, ${null}, ${null})`,
      );
      const { rows } = await pool.execute.query(SQL`SELECT * FROM v WHERE ${SQL.in('id', [1, 2])} ORDER BY id`);
      assert.deepEqual(rows, [
        { id: 1, big: 2n ** 62n + 1n, flag: 1, bytes: Buffer.from([1, 2]), at: at.toISOString(), doc: '{"a":1}' },
        { id: 2, big: -(2 ** 53) + 1, flag: 0, bytes: null, at: null, doc: null },
      ]);
      assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM v WHERE big = ${2n ** 62n + 1n}`)).rows, [{ id: 1 }]);
    });
  });

  it('constraint kinds come from the extended result code, not the message; syntax errors are InvalidOperationError', async () => {
    await withPool({ fileName: ':memory:' }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE parent (id INTEGER PRIMARY KEY)`);
      await pool.execute.command(
        SQL`CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent (id), unique_code TEXT NOT NULL, n INTEGER CHECK (n > 0))`,
      );
      await pool.execute.command(SQL`INSERT INTO parent VALUES (${1})`);
      const expectError = (statement, ErrorClass, code) =>
        assert.rejects(pool.execute.command(statement), (error) => {
          assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error.name}: ${error.message}`);
          assert.ok(error instanceof DumboError);
          assert.equal(error.cause.code, code);
          assert.equal(error.innerError, error.cause);
          return true;
        });
      // "NOT NULL constraint failed: child.unique_code": the message says UNIQUE, the code NOTNULL.
      await expectError(SQL`INSERT INTO child (id, parent, unique_code, n) VALUES (${1}, ${1}, ${null}, ${1})`, NotNullViolationError, 'SQLITE_CONSTRAINT_NOTNULL');
      await expectError(SQL`INSERT INTO child (id, parent, unique_code, n) VALUES (${1}, ${9}, ${'x'}, ${1})`, ForeignKeyViolationError, 'SQLITE_CONSTRAINT_FOREIGNKEY');
      await expectError(SQL`INSERT INTO child (id, parent, unique_code, n) VALUES (${1}, ${1}, ${'x'}, ${-1})`, CheckViolationError, 'SQLITE_CONSTRAINT_CHECK');
      await expectError(SQL`INSERT INTO parent VALUES (${1})`, UniqueConstraintError, 'SQLITE_CONSTRAINT_PRIMARYKEY');
      await expectError(SQL`SELEC 1`, InvalidOperationError, 'SQLITE_ERROR');
    });
  });

  it('a parameterless multi-statement string runs as a script', async () => {
    await withPool({ fileName: ':memory:' }, async (pool) => {
      assert.deepEqual(await pool.execute.command(SQL`CREATE TABLE s (v INTEGER); INSERT INTO s VALUES (1); INSERT INTO s VALUES (2);`), {
        rowCount: 0,
        rows: [],
      });
      assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM s ORDER BY v`)).rows, [{ v: 1 }, { v: 2 }]);
    });
  });

  it('an open transaction holds the writer: a write through the pool waits for its end, a read does not see its rows', async () => {
    await withPool({ fileName: tempFile() }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE w (v INTEGER)`);
      const values = async (executor) => (await executor.execute.query(SQL`SELECT v FROM w ORDER BY v`)).rows.map((r) => r.v);
      const tx = pool.transaction({ mode: 'IMMEDIATE' });
      await tx.begin();
      const order = [];
      await tx.execute.command(SQL`INSERT INTO w VALUES (1)`);
      const waiting = pool.execute.command(SQL`INSERT INTO w VALUES (2)`).then((result) => {
        order.push('pool write');
        return result;
      });
      assert.deepEqual(await values(pool), [], 'reads outside the transaction do not see its row');
      assert.deepEqual(await values(tx), [1], 'the waiting write has not run inside the transaction');
      order.push('commit');
      await tx.commit();
      assert.deepEqual(await waiting, { rowCount: 1, rows: [] });
      assert.deepEqual(order, ['commit', 'pool write']);
      assert.deepEqual(await values(pool), [1, 2]);
    });
  });

  it('a transaction left open on a borrowed connection or in withConnection is rolled back when the writer goes back', async () => {
    await withPool({ fileName: tempFile() }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE l (v INTEGER)`);
      const connection = await pool.connection();
      await connection.transaction().begin();
      await connection.execute.command(SQL`INSERT INTO l VALUES (1)`);
      await connection.close();
      await pool.withConnection(async (c) => {
        await c.transaction().begin();
        await c.execute.command(SQL`INSERT INTO l VALUES (2)`);
      });
      // The next user of the writer is not inside either transaction: this commits.
      await pool.execute.command(SQL`INSERT INTO l VALUES (3)`);
      const again = await pool.connection();
      assert.equal((await again.open()).inTransaction, false);
      await again.close();
      assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM l`)).rows, [{ v: 3 }]);
    });
  });

  it('close() lets a running withTransaction finish, then refuses new work', async () => {
    const pool = dumbo({ fileName: ':memory:' });
    await pool.execute.command(SQL`CREATE TABLE c (v INTEGER)`);
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    const running = pool.withTransaction(async (tx) => {
      await gate;
      await tx.execute.command(SQL`INSERT INTO c VALUES (1)`);
      return (await tx.execute.query(SQL`SELECT count(*) AS n FROM c`)).rows;
    });
    const closing = pool.close();
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), /Connection pool has been closed/);
    release();
    assert.deepEqual(await running, [{ n: 1 }]);
    await closing;
  });

  it('connection.open() gives the better-sqlite3 Database (the writer)', async () => {
    const Database = createRequire(path.join(root, 'examples/dumbo-better-sqlite3/index.cjs'))('better-sqlite3');
    await withPool({ fileName: ':memory:' }, async (pool) => {
      await pool.withConnection(async (connection) => {
        const db = await connection.open();
        assert.ok(db instanceof Database);
        assert.equal(db.memory, true);
        await connection.withTransaction(async () => assert.equal(db.inTransaction, true));
        assert.equal(db.inTransaction, false);
      });
    });
  });
});
