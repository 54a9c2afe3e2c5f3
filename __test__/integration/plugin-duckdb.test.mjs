// The community plugin example '@acme/dumbo-duckdb' (examples/dumbo-duckdb, issue 4
// section 3): the shared behaviour suite through the Dumbo API in direct mode (the
// plugin's own dumbo()) and automatic mode (the root dumbo(), plugin registered
// lazily), then what is particular to this plugin. Tests that need a registry of their
// own (registration options, spies on createPool) run in a child process each.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { duckdbTarget } from '../support/databases.mjs';
import {
  SQL,
  CheckViolationError,
  ConnectionError,
  DataError,
  DumboError,
  ForeignKeyViolationError,
  InvalidOperationError,
  SerializationError,
  UniqueConstraintError,
  jsonField,
  jsonTextField,
  capabilitiesOf,
} from '@event-driven-io/dumbo';
import * as duckdb from '@acme/dumbo-duckdb';

const { dumbo, duckDBPlugin } = duckdb;
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const TEST_TIMEOUT = { timeout: 60_000 };

sharedBehaviourTests(duckdbTarget({ mode: 'direct' }));
sharedBehaviourTests(duckdbTarget({ mode: 'auto' }));

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
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-duckdb-plugin-'));
  tempDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A direct-mode pool, always closed. */
async function withPool(options, fn) {
  const pool = dumbo(options);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

describe('@acme/dumbo-duckdb: package', () => {
  it('is installed as a workspace package that uses this repository as @event-driven-io/dumbo (one copy)', () => {
    const esm = fileURLToPath(import.meta.resolve('@acme/dumbo-duckdb'));
    assert.equal(fs.realpathSync(esm), path.join(root, 'examples/dumbo-duckdb/index.mjs'));
    const cjs = require.resolve('@acme/dumbo-duckdb');
    assert.equal(fs.realpathSync(cjs), path.join(root, 'examples/dumbo-duckdb/index.cjs'));
    // The plugin's own require('@event-driven-io/dumbo') is this repository's entry point.
    const fromPlugin = createRequire(path.join(root, 'examples/dumbo-duckdb/index.cjs'));
    assert.equal(fs.realpathSync(fromPlugin.resolve('@event-driven-io/dumbo')), path.join(root, 'index.cjs'));
    assert.equal(fs.realpathSync(path.join(root, 'node_modules/@event-driven-io/dumbo')), fs.realpathSync(root));
  });

  it('ESM and CommonJS give the same plugin object; the plugin classes are the core classes', async () => {
    const cjs = require('@acme/dumbo-duckdb');
    assert.equal(cjs.duckDBPlugin, duckDBPlugin);
    assert.equal(cjs.plugin, duckDBPlugin);
    assert.equal(cjs.dumbo, dumbo);
    const { duckDBPlugin: viaRegister } = await import('@acme/dumbo-duckdb/register');
    assert.equal(viaRegister, duckDBPlugin);
    // An error from the plugin is an instance of the classes this test imported.
    await withPool({}, async (pool) => {
      await assert.rejects(pool.execute.query(SQL`SELEC 1`), (error) => error instanceof InvalidOperationError);
    });
  });

  it('has the StoragePlugin shape: connector, createPool, sqlFormatter, defaultMigratorOptions, canHandle, capabilities', () => {
    assert.equal(duckDBPlugin.connector, 'DuckDB:nodejs');
    assert.equal(duckDBPlugin.createPool, duckdb.duckDBPool);
    assert.equal(duckDBPlugin.sqlFormatter, duckdb.duckDBFormatter);
    assert.deepEqual(duckDBPlugin.defaultMigratorOptions, {});
    assert.deepEqual(duckDBPlugin.capabilities, {
      json: { operators: true, indexing: false, path: true },
      arrays: true,
      returning: true,
      cte: true,
    });
    assert.deepEqual(capabilitiesOf(duckDBPlugin), duckDBPlugin.capabilities);
    assert.ok(Object.isFrozen(duckDBPlugin));
  });

  it('canHandle claims duckdb: connection strings and nothing else', () => {
    for (const connectionString of ['duckdb::memory:', 'duckdb:/tmp/x.duckdb', 'duckdb:./x.duckdb', 'duckdb:///tmp/x.duckdb']) {
      assert.equal(duckDBPlugin.canHandle({ connectionString }), true, connectionString);
    }
    for (const options of [
      { connectionString: 'file:./x.db' },
      { connectionString: ':memory:' },
      { connectionString: 'postgresql://localhost/db' },
      { fileName: 'x.duckdb' },
      {},
    ]) {
      assert.equal(duckDBPlugin.canHandle(options), false, JSON.stringify(options));
    }
  });

  it("sqlFormatter: $n placeholders, arrays as one LIST parameter, dialect 'DuckDB'", () => {
    const formatted = duckdb.duckDBFormatter.format(
      SQL`SELECT * FROM ${SQL.identifier('t')} WHERE a = ${1} AND b = ANY (${[1, 2]}) AND ${SQL.in('c', ['x', 'y'])} AND d = ${true}`,
    );
    assert.deepEqual(formatted, {
      query: 'SELECT * FROM t WHERE a = $1 AND b = ANY ($2) AND c = ANY ($3) AND d = $4',
      params: [1, [1, 2], ['x', 'y'], true],
    });
    assert.equal(duckdb.duckDBFormatter.dialect, 'DuckDB');
    assert.equal(duckdb.duckDBFormatter.describe(SQL`SELECT ${'a'}`), 'SELECT "a"');
  });
});

describe('@acme/dumbo-duckdb: the three registration options and lazy loading', () => {
  it('option 1: importing /register registers the plugin; the root dumbo() then picks it by canHandle and returns its pool', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import { duckDBPlugin } from '@acme/dumbo-duckdb';
      const before = pluginRegistry.has('DuckDB:nodejs');
      await import('@acme/dumbo-duckdb/register');
      const { createRequire } = await import('node:module');
      createRequire(process.cwd() + '/index.cjs')('@acme/dumbo-duckdb/register'); // CommonJS too: the same plugin, a no-op
      const pool = dumbo({ connectionString: 'duckdb::memory:' });
      const rows = (await pool.execute.query(SQL\`SELECT 40 + \${2} AS answer\`)).rows;
      const sqlite = dumbo({ connectionString: ':memory:' });
      await pool.close();
      await sqlite.close();
      console.log(JSON.stringify({
        before,
        after: pluginRegistry.has('DuckDB:nodejs'),
        same: pluginRegistry.tryGetSync('DuckDB:nodejs') === duckDBPlugin,
        driverType: pool.driverType,
        deferred: 'isLoaded' in pool,
        rows,
        sqliteDriverType: sqlite.driverType,
      }));
    `);
    assert.deepEqual(result, {
      before: false,
      after: true,
      same: true,
      driverType: 'DuckDB:nodejs',
      deferred: false,
      rows: [{ answer: 42 }],
      sqliteDriverType: 'SQLite:sqlite3',
    });
  });

  it('option 2: importing the package registers nothing; registerDuckDB() does (twice is a no-op, another object for the connector throws)', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, PluginAlreadyRegisteredError, SQL } from '@event-driven-io/dumbo';
      import { registerDuckDB, duckDBPlugin } from '@acme/dumbo-duckdb';
      const before = pluginRegistry.has('DuckDB:nodejs');
      registerDuckDB();
      registerDuckDB();
      let conflict;
      try {
        pluginRegistry.register('DuckDB:nodejs', { ...duckDBPlugin });
      } catch (error) {
        conflict = error instanceof PluginAlreadyRegisteredError;
      }
      const pool = dumbo({ connectionString: 'duckdb::memory:', connector: 'DuckDB:nodejs' });
      const rows = (await pool.execute.query(SQL\`SELECT \${'ok'} AS status\`)).rows;
      await pool.close();
      console.log(JSON.stringify({ before, after: pluginRegistry.tryGetSync('DuckDB:nodejs') === duckDBPlugin, conflict, rows }));
    `);
    assert.deepEqual(result, { before: false, after: true, conflict: true, rows: [{ status: 'ok' }] });
  });

  it("option 3: the plugin's dumbo() is createPool, without touching the registry", TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import { dumbo } from '@acme/dumbo-duckdb';
      const pool = dumbo({ connectionString: 'duckdb::memory:' });
      const rows = (await pool.execute.query(SQL\`SELECT \${7}::BIGINT AS n\`)).rows;
      await pool.close();
      console.log(JSON.stringify({ registered: pluginRegistry.has('DuckDB:nodejs'), driverType: pool.driverType, n: String(rows[0].n), type: typeof rows[0].n }));
    `);
    assert.deepEqual(result, { registered: false, driverType: 'DuckDB:nodejs', n: '7', type: 'bigint' });
  });

  it('lazy: dumbo() returns a deferred pool; concurrent first calls run the loader once and createPool once; every call is forwarded', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL, UniqueConstraintError } from '@event-driven-io/dumbo';
      let loads = 0;
      const created = [];
      pluginRegistry.register('DuckDB:nodejs', () => {
        loads++;
        return import('@acme/dumbo-duckdb').then(({ duckDBPlugin }) => ({
          ...duckDBPlugin,
          createPool(options) {
            const pool = duckDBPlugin.createPool(options);
            created.push(pool);
            return pool;
          },
        }));
      });
      const pool = dumbo({ connectionString: 'duckdb::memory:', connector: 'DuckDB:nodejs' });
      const beforeUse = { loads, created: created.length, isLoaded: pool.isLoaded, driverType: pool.driverType };
      // Concurrent first calls of every kind, before anything is loaded.
      const results = await Promise.all([
        pool.execute.query(SQL\`SELECT 1 AS a\`),
        pool.execute.command(SQL\`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)\`).then(() =>
          pool.execute.batchCommand([SQL\`INSERT INTO t VALUES (\${1}, \${'a'})\`, SQL\`INSERT INTO t VALUES (\${2}, \${'b'})\`])),
        pool.withConnection(async (connection) => (await connection.execute.query(SQL\`SELECT 2 AS b\`)).rows),
        pool.withTransaction(async (tx) => (await tx.execute.query(SQL\`SELECT 3 AS c\`)).rows),
        pool.execute.batchQuery([SQL\`SELECT 4 AS d\`, SQL\`SELECT 5 AS e\`]),
      ]);
      const afterUse = { loads, created: created.length, isLoaded: pool.isLoaded };
      // Transactions through the deferred pool: manual and callback, commit and rollback.
      const manual = pool.transaction();
      await manual.begin();
      await manual.execute.command(SQL\`INSERT INTO t VALUES (\${3}, \${'c'})\`);
      await manual.rollback();
      const kept = await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL\`INSERT INTO t VALUES (\${4}, \${'d'})\`);
        return { success: true, result: 'kept' };
      });
      const connection = await pool.connection();
      const viaConnection = (await connection.execute.query(SQL\`SELECT id FROM t ORDER BY id\`)).rows;
      await connection.close();
      let unique;
      await pool.execute.command(SQL\`INSERT INTO t VALUES (\${1}, \${'dup'})\`).catch((error) => {
        unique = { isUnique: error instanceof UniqueConstraintError, cause: error.cause instanceof Error && error.cause.message.startsWith('Constraint Error') };
      });
      // Once loaded, the root dumbo() returns the plugin's pool itself.
      const second = dumbo({ connectionString: 'duckdb::memory:', connector: 'DuckDB:nodejs' });
      const direct = second === created[created.length - 1];
      await pool.close();
      await second.close();
      console.log(JSON.stringify({ beforeUse, afterUse, results, kept, viaConnection, unique, direct, loadsAtEnd: loads, createdAtEnd: created.length }));
    `);
    assert.deepEqual(result.beforeUse, { loads: 0, created: 0, isLoaded: false, driverType: 'DuckDB:nodejs' });
    assert.deepEqual(result.afterUse, { loads: 1, created: 1, isLoaded: true });
    assert.deepEqual(result.results, [
      { rowCount: 1, rows: [{ a: 1 }] },
      [
        { rowCount: 1, rows: [] },
        { rowCount: 1, rows: [] },
      ],
      [{ b: 2 }],
      [{ c: 3 }],
      [
        { rowCount: 1, rows: [{ d: 4 }] },
        { rowCount: 1, rows: [{ e: 5 }] },
      ],
    ]);
    assert.equal(result.kept, 'kept');
    assert.deepEqual(result.viaConnection, [{ id: 1 }, { id: 2 }, { id: 4 }]);
    assert.deepEqual(result.unique, { isUnique: true, cause: true });
    assert.equal(result.direct, true);
    assert.equal(result.loadsAtEnd, 1);
    assert.equal(result.createdAtEnd, 2);
  });

  it("a loaded plugin: the root dumbo() returns exactly createPool's object, and createPool receives the user's options", TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import { duckDBPlugin } from '@acme/dumbo-duckdb';
      const seen = [];
      const created = [];
      pluginRegistry.register('DuckDB:nodejs', {
        ...duckDBPlugin,
        createPool(options) {
          seen.push(options);
          const pool = duckDBPlugin.createPool(options);
          created.push(pool);
          return pool;
        },
      });
      const options = { connectionString: 'duckdb::memory:', max: 2, custom: { anything: true } };
      const pool = dumbo(options); // picked by canHandle: no connector given
      const explicit = { connectionString: 'duckdb::memory:', connector: 'DuckDB:nodejs' };
      const pool2 = dumbo(explicit);
      const answer = (await pool.execute.query(SQL\`SELECT 1 AS one\`)).rows;
      await pool.close();
      await pool2.close();
      console.log(JSON.stringify({
        same: pool === created[0] && pool2 === created[1],
        sameOptions: seen[0] === options && seen[1] === explicit,
        answer,
      }));
    `);
    assert.deepEqual(result, { same: true, sameOptions: true, answer: [{ one: 1 }] });
  });

  it('errors thrown inside plugin code reject the caller with the original error object (or as its cause)', TEST_TIMEOUT, async () => {
    const result = await runChild(`
      import { dumbo, pluginRegistry, SQL } from '@event-driven-io/dumbo';
      import { duckDBPlugin } from '@acme/dumbo-duckdb';
      const original = (error, expected) => error === expected || error?.cause === expected;
      const out = {};

      // createPool throws, plugin loaded: dumbo() throws it.
      const createFailure = new Error('createPool failed');
      pluginRegistry.register('Acme:throwing-create', { ...duckDBPlugin, connector: 'Acme:throwing-create', canHandle: () => false, createPool() { throw createFailure; } });
      try { dumbo({ connector: 'Acme:throwing-create' }); out.directCreate = 'no error'; } catch (error) { out.directCreate = original(error, createFailure); }

      // createPool throws, plugin lazy: the deferred pool's first call rejects with it.
      pluginRegistry.register('Acme:lazy-throwing-create', async () => ({ ...duckDBPlugin, connector: 'Acme:lazy-throwing-create', canHandle: () => false, createPool() { throw createFailure; } }));
      const lazyCreate = dumbo({ connector: 'Acme:lazy-throwing-create' });
      out.lazyCreate = await lazyCreate.execute.query(SQL\`SELECT 1\`).then(() => 'no error', (error) => original(error, createFailure));
      await lazyCreate.close();

      // The loader rejects.
      const loadFailure = new TypeError('module not found');
      pluginRegistry.register('Acme:failing-loader', () => Promise.reject(loadFailure));
      const failingLoader = dumbo({ connector: 'Acme:failing-loader' });
      out.loader = await failingLoader.withTransaction(async () => 1).then(() => 'no error', (error) => original(error, loadFailure));
      await failingLoader.close();

      // A pool method throws (sync and async) behind a deferred pool: the same object arrives.
      const queryFailure = new RangeError('query failed in plugin code');
      const txFailure = { notAnError: true };
      pluginRegistry.register('Acme:throwing-pool', async () => ({
        ...duckDBPlugin,
        connector: 'Acme:throwing-pool',
        canHandle: () => false,
        createPool(options) {
          const pool = duckDBPlugin.createPool({ connectionString: 'duckdb::memory:' });
          return {
            ...pool,
            execute: { ...pool.execute, query() { throw queryFailure; } },
            withTransaction: async () => { throw txFailure; },
          };
        },
      }));
      const throwing = dumbo({ connector: 'Acme:throwing-pool' });
      out.query = await throwing.execute.query(SQL\`SELECT 1\`).then(() => 'no error', (error) => original(error, queryFailure));
      out.tx = await throwing.withTransaction(async () => 1).then(() => 'no error', (error) => original(error, txFailure));
      out.commandStillWorks = (await throwing.execute.command(SQL\`SELECT 1 AS x\`)).rows;
      await throwing.close();

      // A user callback's error through the real plugin behind a deferred pool.
      pluginRegistry.register('DuckDB:nodejs', () => import('@acme/dumbo-duckdb').then((m) => m.plugin));
      const pool = dumbo({ connectionString: 'duckdb::memory:', connector: 'DuckDB:nodejs' });
      const callbackFailure = new Error('callback failed');
      out.callback = await pool.withTransaction(async () => { throw callbackFailure; }).then(() => 'no error', (error) => error === callbackFailure);
      await pool.close();
      console.log(JSON.stringify(out));
    `);
    assert.deepEqual(result, {
      directCreate: true,
      lazyCreate: true,
      loader: true,
      query: true,
      tx: true,
      commandStillWorks: [{ x: 1 }],
      callback: true,
    });
  });

  it('a process with open DuckDB pools (file and memory) exits by itself', TEST_TIMEOUT, async () => {
    const dir = tempDir();
    const result = await runChild(`
      import { SQL } from '@event-driven-io/dumbo';
      import { dumbo } from '@acme/dumbo-duckdb';
      const file = dumbo({ connectionString: ${JSON.stringify(`duckdb:${path.join(dir, 'open.duckdb')}`)} });
      const memory = dumbo({ connectionString: 'duckdb::memory:' });
      const connection = await memory.connection();
      await file.execute.command(SQL\`CREATE TABLE t AS SELECT 1 AS v\`);
      await connection.execute.query(SQL\`SELECT 1\`);
      console.log(JSON.stringify({ done: true })); // no close(): the process must still exit
    `);
    assert.deepEqual(result, { done: true });
  });
});

describe('@acme/dumbo-duckdb: connection strings', () => {
  it("'duckdb::memory:' (and no connection string) is a private in-memory database per pool", async () => {
    await withPool({ connectionString: 'duckdb::memory:' }, async (a) => {
      await withPool({}, async (b) => {
        await a.execute.command(SQL`CREATE TABLE only_in_a (v INTEGER)`);
        await a.execute.command(SQL`INSERT INTO only_in_a VALUES (${1})`);
        assert.deepEqual((await a.execute.query(SQL`SELECT v FROM only_in_a`)).rows, [{ v: 1 }]);
        await assert.rejects(b.execute.query(SQL`SELECT v FROM only_in_a`), (error) => {
          assert.ok(error instanceof InvalidOperationError);
          assert.match(error.message, /^Catalog Error: Table with name only_in_a does not exist/);
          return true;
        });
      });
    });
  });

  it("'duckdb:/path/file.duckdb' is a file shared by the pools of this process and kept after they close", async () => {
    const file = path.join(tempDir(), 'data.duckdb');
    await withPool({ connectionString: `duckdb:${file}` }, async (a) => {
      await withPool({ connectionString: `duckdb://${file}` }, async (b) => {
        await a.execute.command(SQL`CREATE TABLE shared (v INTEGER)`);
        await b.execute.command(SQL`INSERT INTO shared VALUES (${1}), (${2})`);
        assert.deepEqual((await a.execute.query(SQL`SELECT v FROM shared ORDER BY v`)).rows, [{ v: 1 }, { v: 2 }]);
      });
    });
    assert.ok(fs.existsSync(file));
    await withPool({ connectionString: `duckdb:${file}` }, async (pool) => {
      assert.deepEqual((await pool.execute.query(SQL`SELECT count(*) AS n FROM shared`)).rows, [{ n: 2n }]);
    });
  });

  it('query parameters and the config option are DuckDB settings', async () => {
    await withPool({ connectionString: 'duckdb::memory:?threads=1' }, async (pool) => {
      assert.deepEqual((await pool.execute.query(SQL`SELECT current_setting('threads') AS threads`)).rows, [{ threads: 1n }]);
    });
    await withPool({ connectionString: 'duckdb::memory:?threads=1', config: { threads: 3 } }, async (pool) => {
      assert.deepEqual((await pool.execute.query(SQL`SELECT current_setting('threads') AS threads`)).rows, [{ threads: 3n }]);
    });
    const file = path.join(tempDir(), 'ro.duckdb');
    await withPool({ connectionString: `duckdb:${file}` }, (pool) => pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`));
    // A read-only handle needs its own process-wide instance: open it in a child process.
    const result = await runChild(`
      import { SQL } from '@event-driven-io/dumbo';
      import { dumbo } from '@acme/dumbo-duckdb';
      const pool = dumbo({ connectionString: ${JSON.stringify(`duckdb:${file}?access_mode=READ_ONLY`)} });
      const error = await pool.execute.command(SQL\`INSERT INTO t VALUES (1)\`).then(() => null, (e) => ({ name: e.name, message: e.message.split('\\n')[0] }));
      await pool.close();
      console.log(JSON.stringify(error));
    `);
    assert.equal(result.name, 'InvalidOperationError');
    assert.match(result.message, /read-only/);
  });

  it('a string that is not a DuckDB database is refused when the pool is created; an unreachable file on first use', async () => {
    for (const connectionString of ['duckdb:', 'file:./x.db', 'duckdb::memory:named', 'duckdb:%zz']) {
      assert.throws(() => dumbo({ connectionString }), InvalidOperationError, connectionString);
    }
    assert.throws(() => dumbo({ max: 0 }), TypeError);
    assert.throws(() => dumbo({ transactionOptions: { useSavepoints: true } }), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(error.message, duckdb.SAVEPOINTS_UNSUPPORTED);
      return true;
    });
    await withPool({ connectionString: `duckdb:${path.join(tempDir(), 'missing', 'dir', 'x.duckdb')}` }, async (pool) => {
      await assert.rejects(pool.execute.query(SQL`SELECT 1`), (error) => {
        assert.ok(error instanceof ConnectionError, `${error}`);
        assert.match(error.message, /^IO Error: Cannot open file/);
        assert.ok(error.cause instanceof Error);
        return true;
      });
    });
  });
});

describe('@acme/dumbo-duckdb: values', () => {
  it('results: DuckDB types as documented (BIGINT → bigint, DATE/TIMESTAMP → Date, LIST → array, STRUCT → object, ...)', async () => {
    await withPool({}, async (pool) => {
      const { rows } = await pool.execute.query(SQL`
        SELECT 1::INTEGER AS int, 2::BIGINT AS big, 1.5::DOUBLE AS dbl, 2.25::DECIMAL(10, 2) AS dec,
               true AS bool, 'text' AS txt, NULL AS nothing,
               DATE '2024-01-02' AS day, TIMESTAMP '2024-01-02 03:04:05.006' AS ts,
               TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tstz, [1, 2, 3] AS list, {'a': 1, 'b': 'x'} AS struct,
               '\\x01\\x02'::BLOB AS blob, '{"k": [1, 2]}'::JSON AS json, 170141183460469231731687303715884105727::HUGEINT AS huge`);
      assert.equal(rows.length, 1);
      const row = rows[0];
      assert.deepEqual(
        { ...row, day: row.day.toISOString(), ts: row.ts.toISOString(), tstz: row.tstz.toISOString(), blob: [...row.blob] },
        {
          int: 1,
          big: 2n,
          dbl: 1.5,
          dec: 2.25,
          bool: true,
          txt: 'text',
          nothing: null,
          day: '2024-01-02T00:00:00.000Z',
          ts: '2024-01-02T03:04:05.006Z',
          tstz: '2024-01-02T03:04:05.000Z',
          list: [1, 2, 3],
          struct: { a: 1, b: 'x' },
          blob: [1, 2],
          json: '{"k": [1, 2]}',
          huge: 2n ** 127n - 1n,
        },
      );
      assert.ok(row.day instanceof Date && row.ts instanceof Date);
      assert.ok(row.blob instanceof Uint8Array);
    });
  });

  it('parameters: numbers, bigint, booleans, null, strings, Date, Buffer, objects (JSON text) and arrays (LIST)', async () => {
    await withPool({}, async (pool) => {
      await pool.execute.command(
        SQL`CREATE TABLE v (id INTEGER, big BIGINT, dbl DOUBLE, flag BOOLEAN, txt TEXT, happened TIMESTAMPTZ, bytes BLOB, doc JSON, tags VARCHAR[])`,
      );
      const at = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 10));
      const inserted = await pool.execute.command(
        SQL`INSERT INTO v VALUES (${1}, ${2n ** 62n}, ${0.5}, ${true}, ${"it's"}, ${at}, ${Buffer.from([0, 255])}, ${{ a: [1, 'x'] }}, ${['p', 'q']}),
                                 (${2}, ${null}, ${2 ** 53 + 2}, ${false}, ${null}, ${null}, ${null}, ${null}, ${['only']})
                          RETURNING id`,
      );
      assert.deepEqual(inserted, { rowCount: 2, rows: [{ id: 1 }, { id: 2 }] });
      const { rows } = await pool.execute.query(SQL`SELECT * FROM v ORDER BY id`);
      assert.deepEqual(
        rows.map((r) => ({ ...r, happened: r.happened?.toISOString() ?? null, bytes: r.bytes ? [...r.bytes] : null })),
        [
          { id: 1, big: 2n ** 62n, dbl: 0.5, flag: true, txt: "it's", happened: at.toISOString(), bytes: [0, 255], doc: '{"a":[1,"x"]}', tags: ['p', 'q'] },
          { id: 2, big: null, dbl: 2 ** 53 + 2, flag: false, txt: null, happened: null, bytes: null, doc: null, tags: ['only'] },
        ],
      );
      // Arrays bind as one list: = ANY (...) and SQL.in.
      assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM v WHERE id = ANY (${[2, 3]})`)).rows, [{ id: 2 }]);
      assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM v WHERE ${SQL.in('id', [1, 2])} ORDER BY id`)).rows, [{ id: 1 }, { id: 2 }]);
      assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM v WHERE ${SQL.in('id', [])}`)).rows, []);
      assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM v WHERE big = ${2n ** 62n}`)).rows, [{ id: 1 }]);
    });
  });

  it('jsonField / jsonTextField render DuckDB JSON operators for the plugin (capabilities.json.operators)', async () => {
    const doc = SQL.identifier('doc');
    const field = jsonField(duckDBPlugin, doc, 'a.b');
    const text = jsonTextField(duckDBPlugin, doc, ['a', 'b']);
    assert.equal(SQL.describe(field, duckdb.duckDBFormatter), `doc -> '$.a.b'`);
    assert.equal(SQL.describe(text, duckdb.duckDBFormatter), `doc ->> '$.a.b'`);
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE docs (doc JSON)`);
      await pool.execute.command(SQL`INSERT INTO docs VALUES (${{ a: { b: 'deep' } }})`);
      assert.deepEqual((await pool.execute.query(SQL`SELECT ${field} AS f, ${text} AS t FROM docs`)).rows, [{ f: '"deep"', t: 'deep' }]);
    });
  });

  it('a multi-statement string without parameters runs every statement', async () => {
    await withPool({}, async (pool) => {
      const result = await pool.execute.command(SQL`CREATE TABLE m (v INTEGER); INSERT INTO m VALUES (1), (2); SELECT count(*) AS n FROM m`);
      assert.deepEqual(result, { rowCount: 1, rows: [{ n: 2n }] });
    });
  });
});

describe('@acme/dumbo-duckdb: errors and transactions', () => {
  it('constraint, data and conflict errors map to their DumboError classes, the DuckDB error as cause', async () => {
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE parent (id INTEGER PRIMARY KEY, v INTEGER)`);
      await pool.execute.command(SQL`CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent (id), n INTEGER CHECK (n > 0))`);
      await pool.execute.command(SQL`INSERT INTO parent VALUES (${1}, ${0})`);
      const expectError = async (statement, ErrorClass, errorCode, prefix) =>
        assert.rejects(pool.execute.command(statement), (error) => {
          assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error.name}: ${error.message}`);
          assert.ok(error instanceof DumboError);
          assert.equal(error.errorCode, errorCode);
          assert.ok(error.message.startsWith(prefix), error.message);
          assert.ok(error.cause instanceof Error);
          assert.equal(error.innerError, error.cause);
          return true;
        });
      await expectError(SQL`INSERT INTO parent VALUES (${1}, ${1})`, UniqueConstraintError, 409, 'Constraint Error: Duplicate key');
      await expectError(SQL`INSERT INTO child VALUES (${1}, ${99}, ${1})`, ForeignKeyViolationError, 409, 'Constraint Error');
      await expectError(SQL`INSERT INTO child VALUES (${1}, ${1}, ${-1})`, CheckViolationError, 409, 'Constraint Error: CHECK');
      await expectError(SQL`SELECT CAST(${'abc'} AS INTEGER)`, DataError, 400, 'Conversion Error');
      await expectError(SQL`SELECT 2147483647::INTEGER + 1`, DataError, 400, 'Out of Range Error');
      await expectError(SQL`SELECT nope FROM parent`, InvalidOperationError, 400, 'Binder Error');

      // Two open transactions updating one row: the second gets a SerializationError.
      const a = pool.transaction();
      const b = pool.transaction();
      await a.begin();
      await b.begin();
      try {
        await a.execute.command(SQL`UPDATE parent SET v = ${1} WHERE id = ${1}`);
        await assert.rejects(b.execute.command(SQL`UPDATE parent SET v = ${2} WHERE id = ${1}`), (error) => {
          assert.ok(error instanceof SerializationError, `${error.name}: ${error.message}`);
          assert.match(error.message, /Conflict/);
          return true;
        });
        await a.commit();
      } finally {
        await b.rollback();
        await a.rollback();
      }
      assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM parent`)).rows, [{ v: 1 }]);
    });
  });

  it('useSavepoints is refused (DuckDB has no savepoints); nested transactions without savepoints work', async () => {
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE s (v INTEGER)`);
      await assert.rejects(
        pool.withTransaction(async (tx) => tx.execute.command(SQL`INSERT INTO s VALUES (1)`), {
          allowNestedTransactions: true,
          useSavepoints: true,
        }),
        (error) => error instanceof InvalidOperationError && error.message === duckdb.SAVEPOINTS_UNSUPPORTED,
      );
      assert.throws(() => pool.transaction({ useSavepoints: true }), InvalidOperationError);
      await pool.withTransaction(
        async (tx) => {
          await tx.execute.command(SQL`INSERT INTO s VALUES (1)`);
          await tx.withTransaction((inner) => inner.execute.command(SQL`INSERT INTO s VALUES (2)`));
        },
        { allowNestedTransactions: true },
      );
      assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM s ORDER BY v`)).rows, [{ v: 1 }, { v: 2 }]);
    });
  });

  it('readonly transactions refuse writes; the pool goes on', async () => {
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE r (v INTEGER)`);
      await assert.rejects(
        pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO r VALUES (1)`), { readonly: true }),
        (error) => error instanceof InvalidOperationError && /read-only/.test(error.message),
      );
      assert.deepEqual(await pool.withTransaction(async (tx) => (await tx.execute.query(SQL`SELECT count(*) AS n FROM r`)).rows, { readonly: true }), [{ n: 0n }]);
      await pool.execute.command(SQL`INSERT INTO r VALUES (1)`);
    });
  });

  it('pool.execute inside a withTransaction callback runs in that transaction', async () => {
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE w (v INTEGER)`);
      const result = await pool.withTransaction(async () => {
        await pool.execute.command(SQL`INSERT INTO w VALUES (1)`);
        return { success: false, result: (await pool.execute.query(SQL`SELECT count(*) AS n FROM w`)).rows };
      });
      assert.deepEqual(result, [{ n: 1n }]);
      assert.deepEqual((await pool.execute.query(SQL`SELECT count(*) AS n FROM w`)).rows, [{ n: 0n }]);
    });
  });

  it('a transaction left open on a borrowed connection or in withConnection is rolled back when the connection goes back', async () => {
    await withPool({ max: 1 }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE l (v INTEGER)`);
      const connection = await pool.connection();
      await connection.transaction().begin();
      await connection.execute.command(SQL`INSERT INTO l VALUES (1)`);
      await connection.close();
      await pool.withConnection(async (c) => {
        await c.transaction().begin();
        await c.execute.command(SQL`INSERT INTO l VALUES (2)`);
      });
      await pool.execute.command(SQL`INSERT INTO l VALUES (3)`);
      assert.deepEqual((await pool.execute.query(SQL`SELECT v FROM l`)).rows, [{ v: 3 }]);
      // The one connection is usable for a new transaction.
      await pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO l VALUES (4)`));
    });
  });

  it('max bounds the open connections; a call that finds none free within connectionTimeoutMillis gets a ConnectionError', async () => {
    await withPool({ max: 1, connectionTimeoutMillis: 50 }, async (pool) => {
      const held = await pool.connection();
      try {
        await assert.rejects(pool.execute.query(SQL`SELECT 1`), (error) => {
          assert.ok(error instanceof ConnectionError);
          assert.match(error.message, /exhausted/);
          return true;
        });
      } finally {
        await held.close();
      }
      // Released: the pool works again.
      assert.deepEqual((await pool.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
    });
  });

  it('connection.open() gives the @duckdb/node-api DuckDBConnection', async () => {
    const { DuckDBConnection } = createRequire(path.join(root, 'examples/dumbo-duckdb/index.cjs'))('@duckdb/node-api');
    await withPool({}, async (pool) => {
      await pool.withConnection(async (connection) => {
        const raw = await connection.open();
        assert.ok(raw instanceof DuckDBConnection);
        assert.equal(await connection.open(), raw);
      });
    });
  });
});
