// Automatic mode (RFC 3.1, 4.2.1): the root dumbo() returns a deferred pool
// synchronously and loads the plugin on first use. This file never imports
// '@event-driven-io/dumbo/sqlite3' (node --test runs each file in its own process),
// and its tests run in order: the first ones see SQLite not loaded yet.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  dumbo,
  SQL,
  pluginRegistry,
  DumboError,
  InvalidOperationError,
  NotRegisteredError,
} from '@event-driven-io/dumbo';

const require = createRequire(import.meta.url);
const loadedSqliteModules = () =>
  Object.keys(require.cache).filter((file) => file.includes(`${path.sep}lib${path.sep}sqlite${path.sep}`));

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-'));
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const closedMessage = 'Connection pool has been closed';
const isClosedError = (error) => {
  assert.ok(error instanceof InvalidOperationError, `expected InvalidOperationError, got ${error}`);
  assert.equal(error.message, closedMessage);
  return true;
};

const deferred = () => {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

/** A fake pool that records every call and returns/throws what the test configured. */
function recordingPool(connector) {
  const calls = [];
  const record = (name, args) => calls.push({ name, args });
  const results = {
    query: { rowCount: 1, rows: [{ a: 1 }] },
    batchQuery: [{ rowCount: 0, rows: [] }],
    command: { rowCount: 3, rows: [] },
    batchCommand: [{ rowCount: 1, rows: [] }],
    connection: { kind: 'connection' },
  };
  const pool = {
    driverType: connector,
    calls,
    results,
    execute: {
      query: async (...args) => (record('query', args), results.query),
      batchQuery: async (...args) => (record('batchQuery', args), results.batchQuery),
      command: async (...args) => (record('command', args), results.command),
      batchCommand: async (...args) => (record('batchCommand', args), results.batchCommand),
    },
    connection: async (...args) => (record('connection', args), results.connection),
    withConnection: async (handle, options) => {
      record('withConnection', [handle, options]);
      return handle(results.connection, { abort: 'ctx' });
    },
    withTransaction: async (handle, options) => {
      record('withTransaction', [handle, options]);
      return handle({ kind: 'transaction' }, { abort: 'ctx' });
    },
    transaction: (...args) => {
      record('transaction', args);
      return { kind: 'real-transaction' };
    },
    close: async (...args) => record('close', args),
  };
  return pool;
}

/** Registers a lazy fake plugin that counts loader and createPool calls. */
function lazyFake(connector, { loadDelay, failFirstLoad, createPool } = {}) {
  const stats = { loads: 0, creates: 0, options: [], pools: [] };
  const plugin = {
    connector,
    createPool:
      createPool ??
      ((options) => {
        stats.creates++;
        stats.options.push(options);
        const pool = recordingPool(connector);
        stats.pools.push(pool);
        return pool;
      }),
  };
  stats.plugin = plugin;
  pluginRegistry.register(connector, async () => {
    stats.loads++;
    if (loadDelay) await loadDelay();
    if (failFirstLoad && stats.loads === 1) throw failFirstLoad;
    return plugin;
  });
  return stats;
}

describe('deferred pool over SQLite (automatic mode)', () => {
  it('dumbo() returns a deferred pool synchronously and loads nothing; close() before first use loads nothing', async () => {
    const file = path.join(dir, 'never.db');
    const pool = dumbo({ connectionString: `file:${file}` });

    assert.equal(typeof pool.then, 'undefined', 'not a promise');
    assert.equal(pool.isLoaded, false);
    assert.equal(pool.driverType, 'SQLite:sqlite3');
    assert.equal(typeof pool.execute.query, 'function');
    assert.equal(pluginRegistry.tryGetSync('SQLite:sqlite3'), undefined);
    assert.deepEqual(loadedSqliteModules(), []);

    await pool.close();

    assert.equal(pool.isLoaded, false);
    assert.equal(pluginRegistry.tryGetSync('SQLite:sqlite3'), undefined);
    assert.deepEqual(loadedSqliteModules(), []);
    assert.equal(fs.existsSync(file), false, 'no database file created');

    await assert.rejects(pool.execute.query(SQL`SELECT 1`), isClosedError);
    await assert.rejects(pool.execute.command(SQL`SELECT 1`), isClosedError);
    await assert.rejects(pool.execute.batchQuery([SQL`SELECT 1`]), isClosedError);
    await assert.rejects(pool.execute.batchCommand([SQL`SELECT 1`]), isClosedError);
    await assert.rejects(pool.connection(), isClosedError);
    await assert.rejects(pool.withConnection(async () => 1), isClosedError);
    await assert.rejects(pool.withTransaction(async () => 1), isClosedError);
    assert.throws(() => pool.transaction(), isClosedError);
    // Idempotent.
    await pool.close();
    assert.deepEqual(loadedSqliteModules(), [], 'calls after close loaded nothing');
    assert.equal(pluginRegistry.tryGetSync('SQLite:sqlite3'), undefined);
  });

  it('pool.transaction() is synchronous before the load; begin/execute/commit/rollback work', async () => {
    const pool = dumbo({ connectionString: `file:${path.join(dir, 'tx.db')}` });
    assert.equal(pool.isLoaded, false);

    const tx = pool.transaction();
    assert.equal(typeof tx.then, 'undefined', 'transaction() returns the transaction, not a promise');
    assert.equal(tx.driverType, 'SQLite:sqlite3');
    assert.equal(pool.isLoaded, false, 'creating the transaction loads nothing');

    await tx.begin();
    assert.equal(pool.isLoaded, true);
    assert.notEqual(pluginRegistry.tryGetSync('SQLite:sqlite3'), undefined);
    await tx.execute.command(SQL`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)`);
    const inserted = await tx.execute.command(SQL`INSERT INTO items (name) VALUES (${'committed'})`);
    assert.deepEqual(inserted, { rowCount: 1, rows: [] });
    await tx.commit();

    const tx2 = pool.transaction();
    await tx2.begin();
    await tx2.execute.command(SQL`INSERT INTO items (name) VALUES (${'rolled back'})`);
    await tx2.rollback();

    const { rows } = await pool.execute.query(SQL`SELECT name FROM items ORDER BY id`);
    assert.deepEqual(rows, [{ name: 'committed' }]);
    await pool.close();
  });

  it('once SQLite is loaded, dumbo() returns the plugin pool directly', async () => {
    const plugin = pluginRegistry.tryGetSync('SQLite:sqlite3');
    assert.equal(plugin.connector, 'SQLite:sqlite3');
    const pool = dumbo({ connectionString: `file:${path.join(dir, 'direct.db')}` });
    assert.equal(pool.isLoaded, undefined, 'not a deferred pool');
    assert.equal(pool.driverType, 'SQLite:sqlite3');
    const { rows } = await pool.execute.query(SQL`SELECT ${41} + 1 AS answer`);
    assert.deepEqual(rows, [{ answer: 42 }]);
    await pool.close();
  });
});

describe('deferred pool over a fake lazy plugin', () => {
  it('concurrent first calls load the plugin and create the pool once', async () => {
    const gate = deferred();
    const stats = lazyFake('Fake:x', { loadDelay: () => gate.promise });
    const options = { connector: 'Fake:x', custom: 'value' };
    const pool = dumbo(options);
    assert.equal(pool.isLoaded, false);
    assert.equal(pool.driverType, 'Fake:x');
    assert.equal(stats.loads, 0, 'dumbo() does not load');

    const sql = SQL`SELECT 1`;
    const calls = [
      ...Array.from({ length: 8 }, () => pool.execute.query(sql)),
      pool.connection(),
      pool.execute.command(sql),
    ];
    gate.resolve();
    const results = await Promise.all(calls);

    assert.equal(stats.loads, 1);
    assert.equal(stats.creates, 1);
    assert.equal(stats.options[0], options, 'createPool received the user options object');
    const real = stats.pools[0];
    for (const r of results.slice(0, 8)) assert.equal(r, real.results.query);
    assert.equal(results[8], real.results.connection);
    assert.equal(results[9], real.results.command);
    assert.equal(pool.isLoaded, true);
    assert.equal(real.calls.length, 10);
  });

  it('after the plugin is loaded, dumbo() returns exactly what createPool returned', () => {
    const stats = lazyFake('Fake:x-direct');
    return pluginRegistry.resolve('Fake:x-direct').then(() => {
      const options = { connector: 'Fake:x-direct', other: 1 };
      const pool = dumbo(options);
      assert.equal(stats.creates, 1);
      assert.equal(pool, stats.pools[0]);
      assert.equal(stats.options[0], options);
    });
  });

  it('forwards execute.*, connection, withConnection and withTransaction with their arguments and results', async () => {
    const stats = lazyFake('Fake:forward');
    const pool = dumbo({ connector: 'Fake:forward' });
    const sql = SQL`SELECT ${1}`;
    const sqls = [SQL`SELECT 1`, SQL`SELECT 2`];
    const options = { mapping: {}, flag: true };

    // Before the load (the first call waits for it) and after (direct forwarding).
    for (const phase of ['first use', 'loaded']) {
      const query = await pool.execute.query(sql, options);
      const batchQuery = await pool.execute.batchQuery(sqls, options);
      const command = await pool.execute.command(sql, options);
      const batchCommand = await pool.execute.batchCommand(sqls, options);
      const connection = await pool.connection(options);
      const handle = async (conn, ctx) => ({ conn, ctx });
      const withConnection = await pool.withConnection(handle, options);
      const withTransaction = await pool.withTransaction(handle, options);

      const real = stats.pools[0];
      assert.equal(stats.creates, 1, phase);
      assert.equal(query, real.results.query, phase);
      assert.equal(batchQuery, real.results.batchQuery, phase);
      assert.equal(command, real.results.command, phase);
      assert.equal(batchCommand, real.results.batchCommand, phase);
      assert.equal(connection, real.results.connection, phase);
      assert.deepEqual(withConnection, { conn: real.results.connection, ctx: { abort: 'ctx' } }, phase);
      assert.deepEqual(withTransaction, { conn: { kind: 'transaction' }, ctx: { abort: 'ctx' } }, phase);

      const calls = real.calls.splice(0);
      assert.deepEqual(
        calls.map((c) => c.name),
        ['query', 'batchQuery', 'command', 'batchCommand', 'connection', 'withConnection', 'withTransaction'],
        phase,
      );
      assert.equal(calls[0].args[0], sql);
      assert.equal(calls[0].args[1], options);
      assert.equal(calls[1].args[0], sqls);
      assert.equal(calls[1].args[1], options);
      assert.equal(calls[2].args[0], sql);
      assert.equal(calls[3].args[0], sqls);
      assert.equal(calls[4].args[0], options);
      assert.equal(calls[5].args[0], handle);
      assert.equal(calls[5].args[1], options);
      assert.equal(calls[6].args[0], handle);
      assert.equal(calls[6].args[1], options);
    }
  });

  it('once loaded, pool.execute is the real executor; an executor taken before the load keeps forwarding', async () => {
    const stats = lazyFake('Fake:adopt');
    const pool = dumbo({ connector: 'Fake:adopt' });
    const early = pool.execute;
    assert.equal(stats.creates, 0);
    await early.query(SQL`SELECT 1`);
    const real = stats.pools[0];
    // Statements no longer pass through the deferred layer.
    assert.equal(pool.execute, real.execute);
    assert.notEqual(early, real.execute);
    assert.equal(await early.command(SQL`SELECT 2`), real.results.command);
    assert.deepEqual(real.calls.map((c) => c.name), ['query', 'command']);
  });

  it('passes errors through unchanged (rejections and synchronous throws, before and after the load)', async () => {
    const stats = lazyFake('Fake:errors');
    const pool = dumbo({ connector: 'Fake:errors' });
    const rejection = new RangeError('query failed');
    rejection.code = 'E_QUERY';
    const thrown = new SyntaxError('connection threw synchronously');
    const sql = SQL`SELECT 1`;

    for (const phase of ['first use', 'loaded']) {
      const first = phase === 'first use';
      const patch = (real) => {
        real.execute.query = async () => {
          throw rejection;
        };
        real.connection = () => {
          throw thrown;
        };
      };
      if (first) {
        // Patch the real pool as soon as it is created.
        const original = stats.plugin.createPool;
        stats.plugin.createPool = (options) => {
          const real = original(options);
          patch(real);
          return real;
        };
      }
      await assert.rejects(pool.execute.query(sql), (error) => error === rejection);
      const pending = pool.connection();
      assert.ok(pending instanceof Promise, `${phase}: a synchronous throw becomes a rejection`);
      await assert.rejects(pending, (error) => error === thrown);
      await assert.rejects(
        pool.withTransaction(async () => {
          throw rejection;
        }),
        (error) => error === rejection,
      );
    }
    assert.equal(stats.creates, 1);
  });

  it('deferred transaction methods wait for the real transaction and forward to it', async () => {
    const stats = lazyFake('Fake:tx');
    const pool = dumbo({ connector: 'Fake:tx' });
    const txOptions = { mode: 'EXCLUSIVE' };
    const tx = pool.transaction(txOptions);
    assert.equal(stats.loads, 0);
    assert.equal(tx.driverType, 'Fake:tx');

    const log = [];
    const realTx = {
      begin: async () => log.push('begin'),
      commit: async () => log.push('commit'),
      rollback: async (error) => log.push(['rollback', error]),
      execute: { query: async (sql, options) => ({ sql, options }) },
      withTransaction: async (handle, options) => handle('nested', options),
    };
    const original = stats.plugin.createPool;
    stats.plugin.createPool = (options) => {
      const real = original(options);
      real.transaction = (opts) => {
        log.push(['transaction', opts]);
        return realTx;
      };
      return real;
    };

    await tx.begin();
    const sql = SQL`SELECT 1`;
    const queryOptions = { a: 1 };
    const result = await tx.execute.query(sql, queryOptions);
    assert.equal(result.sql, sql);
    assert.equal(result.options, queryOptions);
    const nested = await tx.withTransaction(async (inner, opts) => [inner, opts], { x: 1 });
    assert.deepEqual(nested, ['nested', { x: 1 }]);
    const reason = new Error('why');
    await tx.rollback(reason);
    await tx.commit();
    assert.deepEqual(log, [['transaction', txOptions], 'begin', ['rollback', reason], 'commit']);
    assert.equal(log[0][1], txOptions, 'the options object is passed through');

    // Once loaded, transaction() returns the real pool's transaction directly.
    assert.equal(pool.transaction(txOptions), realTx);
  });

  it('a failed load rejects with an error naming the connector, with the original error as cause; the next call retries', async () => {
    const failure = new Error('cannot import driver');
    failure.code = 'ERR_MODULE_NOT_FOUND';
    const stats = lazyFake('Fake:fail', { failFirstLoad: failure });
    const pool = dumbo({ connector: 'Fake:fail' });

    await assert.rejects(pool.execute.query(SQL`SELECT 1`), (error) => {
      assert.ok(error instanceof DumboError);
      assert.equal(DumboError.isInstanceOf(error), true);
      assert.equal(error.message, 'Failed to load plugin for connector Fake:fail: cannot import driver');
      assert.equal(error.cause, failure);
      assert.equal(error.innerError, failure);
      return true;
    });
    assert.equal(pool.isLoaded, false);
    assert.equal(stats.creates, 0);

    const result = await pool.execute.query(SQL`SELECT 1`);
    assert.equal(stats.loads, 2);
    assert.equal(stats.creates, 1);
    assert.equal(result, stats.pools[0].results.query);
    assert.equal(pool.isLoaded, true);
  });

  it('a createPool that throws rejects every waiting call and is retried on the next call', async () => {
    const failure = new TypeError('bad options');
    let attempts = 0;
    const real = recordingPool('Fake:create-fails');
    lazyFake('Fake:create-fails', {
      createPool: () => {
        attempts++;
        if (attempts === 1) throw failure;
        return real;
      },
    });
    const pool = dumbo({ connector: 'Fake:create-fails' });
    const outcomes = await Promise.allSettled([
      pool.execute.query(SQL`SELECT 1`),
      pool.connection(),
      pool.withConnection(async () => 1),
    ]);
    assert.equal(attempts, 1);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.equal(outcome.reason.cause, failure);
      assert.equal(
        outcome.reason.message,
        'Failed to load plugin for connector Fake:create-fails: bad options',
      );
    }
    assert.equal(await pool.connection(), real.results.connection);
    assert.equal(attempts, 2);
  });

  it('close() during the load closes the pool once it exists; later calls reject', async () => {
    const gate = deferred();
    const stats = lazyFake('Fake:close-loading', { loadDelay: () => gate.promise });
    const pool = dumbo({ connector: 'Fake:close-loading' });
    const pending = pool.execute.query(SQL`SELECT 1`);
    const closeOptions = { force: true };
    const closing = pool.close(closeOptions);
    gate.resolve();
    await closing;
    await pending.catch(() => {});
    const real = stats.pools[0];
    const closes = real.calls.filter((c) => c.name === 'close');
    assert.equal(closes.length, 1);
    assert.equal(closes[0].args[0], closeOptions);
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), isClosedError);
  });

  it('close() after use closes the real pool with the given options, once', async () => {
    const stats = lazyFake('Fake:close-after');
    const pool = dumbo({ connector: 'Fake:close-after' });
    await pool.execute.query(SQL`SELECT 1`);
    const closeOptions = { closeDeadline: 10 };
    await pool.close(closeOptions);
    await pool.close();
    const closes = stats.pools[0].calls.filter((c) => c.name === 'close');
    assert.equal(closes.length, 1);
    assert.equal(closes[0].args[0], closeOptions);
    await assert.rejects(pool.withConnection(async () => 1), isClosedError);
    assert.throws(() => pool.transaction(), isClosedError);
    // The executor adopted from the real pool is dropped again on close.
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), isClosedError);
    assert.equal(stats.pools[0].calls.filter((c) => c.name === 'query').length, 1);
  });
});

describe('dumbo() connector choice', () => {
  it('picks a loaded plugin whose canHandle() accepts the options', () => {
    const created = [];
    pluginRegistry.register('Fake:scheme', {
      connector: 'Fake:scheme',
      canHandle: (options) => options.connectionString?.startsWith('fake://') === true,
      createPool: (options) => {
        const pool = { options };
        created.push(pool);
        return pool;
      },
    });
    const options = { connectionString: 'fake://host/db' };
    const pool = dumbo(options);
    assert.equal(pool, created[0]);
    assert.equal(pool.options, options);
  });

  it('an unsupported connection string throws InvalidOperationError naming it and the registered connectors, password masked', () => {
    const connectionString = 'mysql://root:s3cret@localhost:3306/dumbo';
    assert.throws(() => dumbo({ connectionString }), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(
        error.message,
        `Unsupported database connection string: mysql://root:***@localhost:3306/dumbo. Registered connectors: ${pluginRegistry.list().join(', ')}`,
      );
      assert.ok(error.message.includes('SQLite:sqlite3'));
      assert.ok(!error.message.includes('s3cret'));
      return true;
    });
  });

  it('an explicit unknown connector throws NotRegisteredError', () => {
    assert.throws(() => dumbo({ connector: 'Nope:x', connectionString: 'file:./x.db' }), (error) => {
      assert.ok(error instanceof NotRegisteredError);
      assert.equal(error.message, 'No plugin found for driver type: Nope:x');
      return true;
    });
  });

  it('rejects options that are not an object, or name no database', () => {
    assert.throws(() => dumbo('file:./x.db'), {
      name: 'TypeError',
      message: 'dumbo(options) expects an options object',
    });
    assert.throws(() => dumbo({}), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(error.message, 'dumbo() needs a connectionString (or fileName, or an explicit driverType)');
      return true;
    });
  });
});
