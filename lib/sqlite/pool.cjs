'use strict';
// Upstream's sqlite3Pool (its dual and singleton pools), over native connections that run statements inline.
//
// - One writer connection behind a FIFO guard; work started inside a guarded
//   callback (withTransaction / withConnection) runs on that connection directly.
// - File databases read from the writer while it is idle and from a second,
//   read-only connection while a writer transaction is open (so reads outside the
//   transaction never see its uncommitted rows). In-memory databases are one
//   shared connection.
const { InvalidOperationError, DumboError } = require('../errors.cjs');
const { binding } = require('../native.cjs');
const { sqlExecutor } = require('../core/executor.cjs');
const { throwIfAborted } = require('../core/abort.cjs');
const { WriterGuard } = require('./guard.cjs');
const { resolveSqliteOptions } = require('./options.cjs');
const { sqliteConnection, runQuery, runCommand, SQLITE3_CONNECTOR } = require('./connection.cjs');

class NativeDatabases {
  constructor(o) {
    this.o = o;
    this.writer = null;
    this.reader = null;
    this.writerInTransaction = false;
    this.serialize = (value) => o.serializer.serialize(value);
  }

  writerDb() {
    if (!this.writer) {
      this.writer = binding.SqliteDatabase.open(this.o.path, {
        readonly: this.o.readonly,
        skipDatabasePragmas: this.o.skipDatabasePragmas,
        pragmaOptions: this.o.pragmaOptions,
        serializer: this.serialize,
      });
    }
    return this.writer;
  }

  readerDb() {
    if (!this.reader) {
      this.writerDb(); // creates the file and applies journal_mode first
      this.reader = binding.SqliteDatabase.open(this.o.path, {
        readonly: true,
        skipDatabasePragmas: true,
        pragmaOptions: this.o.pragmaOptions,
        serializer: this.serialize,
      });
    }
    return this.reader;
  }

  /** Where a read outside any guarded callback goes. */
  readDb() {
    if (this.o.singleton || !this.writerInTransaction) return this.writerDb();
    return this.readerDb();
  }

  close() {
    const errors = [];
    for (const db of [this.reader, this.writer]) {
      try {
        db?.close();
      } catch (error) {
        errors.push(error);
      }
    }
    this.reader = null;
    this.writer = null;
    if (errors.length > 0) throw errors[0];
  }
}

function closedError() {
  return new InvalidOperationError('Connection pool has been closed');
}

function sqlite3Pool(options) {
  if (options?.connection) return sqliteAmbientConnectionPool({ connection: options.connection });
  const o = resolveSqliteOptions(options);
  const dbs = new NativeDatabases(o);
  const guard = new WriterGuard(o.maxTaskIdleTime);
  // Made on first use: a pool that never hands out a callback context (create, query,
  // close) does not pay for an AbortController and its signal.
  let stopping = null;
  let closed = false;
  let closing = null;

  const writer = sqliteConnection({
    getDb: () => dbs.writerDb(),
    transactionDefaults: o.transactionOptions,
    onTransaction: (active) => {
      dbs.writerInTransaction = active;
    },
  });
  const reader = o.singleton ? writer : sqliteConnection({ getDb: () => dbs.readerDb() });
  let context = null;
  const callbackContext = () => {
    if (context === null) {
      stopping ??= new AbortController();
      context = { abort: { signal: stopping.signal } };
    }
    return context;
  };

  const ensureOpen = () => {
    if (closed) throw closedError();
  };

  const execute = sqlExecutor(
    (sql) => {
      ensureOpen();
      const active = guard.active();
      return runQuery(active ? active._getDb() : dbs.readDb(), sql);
    },
    (sql) => {
      ensureOpen();
      const active = guard.active();
      if (active) return runCommand(active._getDb(), sql);
      // A statement runs to completion synchronously, so it only has to queue
      // while another task holds the writer across an await.
      if (!guard.locked) return runCommand(dbs.writerDb(), sql);
      return guard.run(writer, () => runCommand(dbs.writerDb(), sql));
    },
    { driverType: SQLITE3_CONNECTOR },
  );

  const pool = {
    driverType: SQLITE3_CONNECTOR,
    execute,
    async connection(opts) {
      throwIfAborted(opts);
      ensureOpen();
      const active = guard.active();
      if (active) return active;
      return opts?.readonly ? reader : writer;
    },
    async withConnection(handle, opts) {
      throwIfAborted(opts);
      ensureOpen();
      const active = guard.active();
      if (active) return handle(active, callbackContext());
      if (opts?.readonly) return handle(reader, callbackContext());
      return guard.run(writer, () => handle(writer, callbackContext()));
    },
    transaction(opts) {
      ensureOpen();
      return (guard.active() ?? writer).transaction(opts);
    },
    async withTransaction(handle, opts) {
      throwIfAborted(opts);
      ensureOpen();
      const active = guard.active();
      if (active) return active.withTransaction(handle, { ...opts, ...callbackContext() });
      return guard.run(writer, () => writer.withTransaction(handle, { ...opts, ...callbackContext() }));
    },
    close(opts) {
      if (closing) return closing;
      closed = true;
      closing = (async () => {
        if (opts?.force) {
          stopping?.abort(new DumboError('TaskProcessor has been stopped'));
          guard.rejectWaiting(closedError());
        } else if (typeof opts?.closeDeadline === 'number') {
          let timer;
          const deadline = new Promise((resolve) => {
            timer = setTimeout(resolve, opts.closeDeadline);
            timer.unref?.();
          });
          await Promise.race([guard.drained(), deadline]);
          clearTimeout(timer);
          stopping?.abort(new DumboError('TaskProcessor has been stopped'));
          guard.rejectWaiting(closedError());
        } else {
          await guard.drained();
        }
        dbs.close();
      })();
      return closing;
    },
  };
  return pool;
}

/** A pool over a caller-owned connection: everything runs on it; close is a no-op. */
function sqliteAmbientConnectionPool({ connection }) {
  return {
    driverType: connection.driverType ?? SQLITE3_CONNECTOR,
    execute: connection.execute,
    connection: async () => connection,
    withConnection: async (handle) => handle(connection, {}),
    transaction: (opts) => connection.transaction(opts),
    withTransaction: (handle, opts) => connection.withTransaction(handle, opts),
    close: async () => {},
  };
}

module.exports = { sqlite3Pool, sqliteAmbientConnectionPool };
