'use strict';
// A Dumbo connection pool over better-sqlite3 (synchronous SQLite).
//
// - One writer database handle, opened on first use. Statements run synchronously on
//   the JS thread inside the async API, as better-sqlite3 does.
// - A transaction (and a withConnection callback) holds the writer lock from BEGIN to
//   its end; other transactions wait for it, FIFO (at most maxTaskIdleTime, 30 s).
//   A single statement outside any transaction runs at once while nobody holds the
//   lock; a write waits for the lock otherwise.
// - File databases: while someone holds the writer, reads outside its transaction go
//   to a second, read-only handle (WAL), so they never see uncommitted rows.
//   ':memory:' is one handle: such reads see the open transaction's rows.
// - Work started inside a withTransaction/withConnection callback through the pool
//   runs on the callback's connection.
// - Transactions: BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE] / COMMIT / ROLLBACK, with
//   Dumbo's nesting rules; useSavepoints: true nests with SAVEPOINT transaction<n>.
const { AsyncLocalStorage } = require('node:async_hooks');
const Database = require('better-sqlite3');
const {
  ConnectionError,
  DumboError,
  InvalidOperationError,
  JSONSerializer,
  databaseTransaction,
  executeInTransaction,
  sqlExecutor,
} = require('@event-driven-io/dumbo');
const { sqliteFormatter } = require('@event-driven-io/dumbo/sqlite');
const { IN_MEMORY, SQLiteConnectionString, fileNameOf, pragmasFor, pragmaStatement } = require('./connectionString.cjs');
const { mapBetterSqlite3Error } = require('./errors.cjs');
const { WriterLock } = require('./lock.cjs');

const BETTER_SQLITE3_CONNECTOR = 'SQLite:better-sqlite3';
const MODES = ['DEFERRED', 'IMMEDIATE', 'EXCLUSIVE'];
const STATEMENT_CACHE_SIZE = 256;

const closedError = () => new InvalidOperationError('Connection pool has been closed');

function expectType(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`better-sqlite3 option '${key}' must be a ${type}, got ${typeof value}`);
  }
}

function resolveBetterSqlite3Options(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('better-sqlite3 pool options must be an object');
  }
  expectType(options, 'fileName', 'string');
  expectType(options, 'connectionString', 'string');
  expectType(options, 'readonly', 'boolean');
  expectType(options, 'skipDatabasePragmas', 'boolean');
  expectType(options, 'maxTaskIdleTime', 'number');
  for (const key of ['pragmaOptions', 'transactionOptions']) {
    if (options[key] !== undefined && (options[key] === null || typeof options[key] !== 'object')) {
      throw new TypeError(`better-sqlite3 option '${key}' must be an object`);
    }
  }
  const serializer = options.serializer ?? JSONSerializer;
  if (typeof serializer?.serialize !== 'function') {
    throw new TypeError("better-sqlite3 option 'serializer' must have a serialize(value) function");
  }
  if (options.fileName === undefined && options.connectionString !== undefined) {
    SQLiteConnectionString(options.connectionString);
  }
  const mode = options.transactionOptions?.mode ?? options.defaultTransactionMode;
  if (mode !== undefined && !MODES.includes(String(mode).toUpperCase())) {
    throw new TypeError(`better-sqlite3 option 'defaultTransactionMode' must be one of ${MODES.join(', ')}, got ${String(mode)}`);
  }
  const fileName = options.fileName ?? fileNameOf(options.connectionString ?? IN_MEMORY);
  const inMemory = fileName === IN_MEMORY;
  const pragmas = pragmasFor(options.connectionString, options.pragmaOptions, options.skipDatabasePragmas === true);
  // Checked now, so a bad pragma fails dumbo() rather than the first statement.
  const pragmaStatements = Object.entries(pragmas).map(([name, value]) => [name, pragmaStatement(name, value)]);
  return {
    fileName,
    inMemory,
    readonly: options.readonly === true,
    pragmaStatements,
    maxTaskIdleTime: options.maxTaskIdleTime ?? 30_000,
    serializer,
    transactionOptions: {
      ...(options.transactionOptions ?? {}),
      ...(mode !== undefined ? { mode: String(mode).toUpperCase() } : {}),
    },
  };
}

/** Opens a better-sqlite3 handle and applies the pragmas (a reader skips journal_mode). */
function openDatabase(settings, { reader = false } = {}) {
  let db;
  try {
    db = new Database(settings.fileName, { readonly: reader || settings.readonly, fileMustExist: reader });
  } catch (error) {
    // SQLite says SQLITE_CANTOPEN (→ ConnectionError); better-sqlite3 checks a missing
    // directory itself and throws a TypeError.
    if (typeof error?.code === 'string' && error.code.startsWith('SQLITE_')) throw mapBetterSqlite3Error(error);
    throw new ConnectionError(error?.message, error);
  }
  try {
    for (const [name, statement] of settings.pragmaStatements) {
      if ((reader || settings.readonly) && name === 'journal_mode') continue;
      if (reader && settings.inMemory) continue;
      db.pragma(statement);
    }
  } catch (error) {
    db.close();
    throw mapBetterSqlite3Error(error);
  }
  return db;
}

/** Parameters as better-sqlite3 binds them (it refuses booleans and undefined). */
function toParam(value, serializer) {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'boolean':
      return value ? 1 : 0;
    case 'number':
    case 'string':
    case 'bigint':
      return value;
    case 'object':
      if (Buffer.isBuffer(value)) return value;
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (value instanceof Date) return value.toISOString();
      return serializer.serialize(value);
    default:
      return String(value);
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Integers come as BigInt (safeIntegers): numbers where that is exact, BigInt beyond 2^53. */
function normalizeRow(row) {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[key] = Number(value);
  }
  return row;
}

/** One database handle with its prepared statement cache. */
class Handle {
  constructor(db) {
    this.db = db;
    this.statements = new Map();
  }

  prepare(query) {
    let statement = this.statements.get(query);
    if (!statement) {
      statement = this.db.prepare(query);
      statement.safeIntegers(true);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      this.statements.set(query, statement);
    }
    return statement;
  }

  /** Runs a formatted statement: { rowCount, rows }. */
  run(query, params) {
    let statement;
    try {
      statement = this.prepare(query);
    } catch (error) {
      // A parameterless multi-statement string (DDL scripts, migrations) runs as a script.
      if (error instanceof RangeError && params.length === 0 && /more than one statement/.test(error.message)) {
        try {
          this.db.exec(query);
        } catch (execError) {
          throw mapBetterSqlite3Error(execError);
        }
        return { rowCount: 0, rows: [] };
      }
      throw mapBetterSqlite3Error(error);
    }
    try {
      if (statement.reader) {
        const rows = statement.all(...params);
        for (const row of rows) normalizeRow(row);
        return { rowCount: rows.length, rows };
      }
      const info = statement.run(...params);
      return { rowCount: Number(info.changes), rows: [] };
    } catch (error) {
      throw mapBetterSqlite3Error(error);
    }
  }

  /** Whether `query` only reads (so a read-only handle can run it). */
  readsOnly(query) {
    try {
      return this.prepare(query).readonly;
    } catch {
      return false; // let the writer report the error
    }
  }

  exec(statement) {
    try {
      this.db.exec(statement);
    } catch (error) {
      throw mapBetterSqlite3Error(error);
    }
  }

  close() {
    this.statements.clear();
    this.db.close();
  }
}

/** The 'SQLite:better-sqlite3' plugin's createPool. */
function betterSqlite3Pool(options = {}) {
  const settings = resolveBetterSqlite3Options(options);
  const lock = new WriterLock(settings.maxTaskIdleTime);
  const als = new AsyncLocalStorage();
  const stopping = new AbortController();
  const callbackContext = { abort: { signal: stopping.signal } };
  const inFlight = new Set();
  let writer = null;
  let reader = null;
  let closed = false; // no new work
  let finished = false; // handles closed
  let closing = null;

  const ensureOpen = () => {
    if (closed) throw closedError();
  };
  const writerHandle = () => {
    if (finished) throw closedError();
    writer ??= new Handle(openDatabase(settings));
    return writer;
  };
  const readerHandle = () => {
    if (settings.inMemory) return writerHandle();
    writerHandle(); // creates the file and sets journal_mode first
    reader ??= new Handle(openDatabase(settings, { reader: true }));
    return reader;
  };

  /** Runs `sql` for `holder` (a Dumbo connection, or null for the pool itself). */
  async function route(holder, sql, kind) {
    const { query, params: raw } = sqliteFormatter.format(sql, { serializer: settings.serializer });
    const params = raw.map((value) => toParam(value, settings.serializer));
    const owner = holder ?? als.getStore() ?? null;
    if (lock.owner === null || (owner !== null && lock.owner === owner)) {
      return writerHandle().run(query, params);
    }
    // Someone else's transaction holds the writer.
    if (kind === 'query') {
      if (settings.inMemory) return writerHandle().run(query, params);
      const handle = readerHandle();
      if (handle.readsOnly(query)) return handle.run(query, params);
    }
    const waiting = {};
    await lock.acquire(waiting);
    try {
      return writerHandle().run(query, params);
    } finally {
      lock.release(waiting);
    }
  }

  function createConnection() {
    let current = null;
    let lockedByTransaction = false;

    const backend = {
      async begin(options) {
        if (lock.owner !== connection) {
          await lock.acquire(connection);
          lockedByTransaction = true;
        }
        const mode = options?.mode === undefined ? '' : ` ${String(options.mode).toUpperCase()}`;
        writerHandle().exec(`BEGIN${mode}`);
      },
      async commit() {
        const handle = writerHandle();
        try {
          handle.exec('COMMIT');
        } catch (error) {
          // SQLite keeps a transaction whose COMMIT failed open: never leave it so.
          if (handle.db.inTransaction) handle.db.exec('ROLLBACK');
          throw error;
        }
      },
      async rollback() {
        const handle = writerHandle();
        if (handle.db.inTransaction) handle.exec('ROLLBACK');
      },
      async savepoint(level) {
        writerHandle().exec(`SAVEPOINT transaction${level}`);
      },
      async releaseSavepoint(level) {
        writerHandle().exec(`RELEASE transaction${level}`);
      },
      async rollbackToSavepoint(level) {
        writerHandle().exec(`ROLLBACK TO transaction${level}; RELEASE transaction${level}`);
      },
      async close() {
        current = null;
        if (lockedByTransaction) {
          lockedByTransaction = false;
          lock.release(connection);
        }
      },
    };

    const connection = {
      driverType: BETTER_SQLITE3_CONNECTOR,
      execute: sqlExecutor(
        (sql) => route(connection, sql, 'query'),
        (sql) => route(connection, sql, 'command'),
      ),
      /** The better-sqlite3 Database (the writer). */
      async open() {
        return writerHandle().db;
      },
      /** Ends a transaction left open (rolled back) and gives the writer back. */
      async close() {
        if (current?.isActive) await current.rollback().catch(() => {});
        current = null;
      },
      transaction(options) {
        if (!current) {
          current = databaseTransaction({
            driverType: BETTER_SQLITE3_CONNECTOR,
            connection,
            execute: connection.execute,
            backend,
            options: { ...settings.transactionOptions, ...(options ?? {}) },
          });
        }
        return current;
      },
      withTransaction(handle, options) {
        return executeInTransaction(
          connection.transaction(options),
          (tx, ctx) => als.run(connection, () => handle(tx, ctx)),
          { ...options, ...callbackContext },
        );
      },
    };
    return connection;
  }

  /** Runs a withConnection/withTransaction callback; close() waits for these. */
  function track(promise) {
    inFlight.add(promise);
    const forget = () => inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  return {
    driverType: BETTER_SQLITE3_CONNECTOR,
    execute: sqlExecutor(
      (sql) => {
        ensureOpen();
        return route(null, sql, 'query');
      },
      (sql) => {
        ensureOpen();
        return route(null, sql, 'command');
      },
    ),
    async connection() {
      ensureOpen();
      return als.getStore() ?? createConnection();
    },
    withConnection(handle) {
      try {
        ensureOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      const active = als.getStore();
      if (active) return Promise.resolve().then(() => handle(active, callbackContext));
      const connection = createConnection();
      return track(
        (async () => {
          await lock.acquire(connection);
          try {
            return await als.run(connection, () => handle(connection, callbackContext));
          } finally {
            await connection.close();
            lock.release(connection);
          }
        })(),
      );
    },
    transaction(options) {
      ensureOpen();
      return (als.getStore() ?? createConnection()).transaction(options);
    },
    withTransaction(handle, options) {
      try {
        ensureOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      const active = als.getStore();
      if (active) return active.withTransaction(handle, options);
      return track(createConnection().withTransaction(handle, options));
    },
    close(options) {
      if (closing) return closing;
      closed = true;
      closing = (async () => {
        if (options?.force) {
          stopping.abort(new DumboError('Connection pool has been closed'));
          lock.rejectWaiting(closedError());
        } else {
          await Promise.allSettled([...inFlight]);
        }
        finished = true;
        lock.rejectWaiting(closedError());
        const errors = [];
        for (const handle of [reader, writer]) {
          try {
            handle?.close();
          } catch (error) {
            errors.push(error);
          }
        }
        reader = null;
        writer = null;
        if (errors.length > 0) throw mapBetterSqlite3Error(errors[0]);
      })();
      return closing;
    },
  };
}

module.exports = { BETTER_SQLITE3_CONNECTOR, betterSqlite3Pool, resolveBetterSqlite3Options };
