'use strict';
// The 'SQLite:better-sqlite3' pool, composed from Dumbo's generic pool factories:
//
// - The writer: a bounded pool of one connection (createBoundedConnectionPool,
//   maxConnections 1): transactions, withConnection callbacks and writes take it in
//   FIFO order, each waiting at most maxTaskIdleTime. better-sqlite3 runs statements
//   synchronously, so a second writer handle would block the JS thread in SQLite's
//   busy handler while the first one waits for an await: one writer is the rule.
// - Reads through pool.execute that only read go to a reader (a singleton pool): a
//   second, read-only handle for database files (WAL), so they never wait for the
//   writer and never see rows of a transaction still open; for ':memory:' the
//   writer's own handle (such reads see an open transaction's rows).
// - Work started inside a withTransaction/withConnection callback through the pool
//   runs on the callback's connection (so it neither waits for itself nor escapes
//   the transaction).
const { AsyncLocalStorage } = require('node:async_hooks');
const {
  InvalidOperationError,
  createBoundedConnectionPool,
  createSingletonConnectionPool,
} = require('@event-driven-io/dumbo');
const { resolveBetterSqlite3Options, openDatabase } = require('./options.cjs');
const { readsOnly } = require('./statements.cjs');
const { BETTER_SQLITE3_CONNECTOR, betterSqlite3Connection, rollbackLeftOpen } = require('./connection.cjs');

const closedError = () => new InvalidOperationError('Connection pool has been closed');
const NO_ABORT = Object.freeze({ abort: Object.freeze({ signal: new AbortController().signal }) });

/** The 'SQLite:better-sqlite3' plugin's createPool. */
function betterSqlite3Pool(options = {}) {
  const settings = resolveBetterSqlite3Options(options);
  const als = new AsyncLocalStorage();
  let writerDb = null;
  const openWriter = () => (writerDb ??= openDatabase(settings));
  const closeWriter = (db) => {
    if (writerDb === db) writerDb = null;
    if (db.open) db.close();
  };

  const writer = createBoundedConnectionPool({
    driverType: BETTER_SQLITE3_CONNECTOR,
    maxConnections: 1,
    maxTaskIdleTime: settings.maxTaskIdleTime,
    getConnection: () => betterSqlite3Connection(settings, { open: openWriter, closeDatabase: closeWriter }),
  });
  const reader = createSingletonConnectionPool({
    driverType: BETTER_SQLITE3_CONNECTOR,
    getConnection: () =>
      settings.inMemory
        ? betterSqlite3Connection(settings, { open: openWriter, closeDatabase: () => {} })
        : betterSqlite3Connection(settings, {
            // The writer creates the file and sets journal_mode first.
            open: () => (openWriter(), openDatabase(settings, { reader: true })),
            closeDatabase: (db) => db.close(),
          }),
  });

  let closed = false;
  let closing = null;
  const whileOpen =
    (operation) =>
    (...args) => {
      if (closed) return Promise.reject(closedError());
      return operation(...args);
    };
  const inCallback = () => als.getStore();
  // The storage is disabled whenever no callback runs: on Node before 24 an enabled
  // AsyncLocalStorage turns on promise hooks for the whole process, which every later
  // statement would pay for.
  let callbacks = 0;
  const inStorage = async (connection, run) => {
    callbacks++;
    try {
      return await als.run(connection, run);
    } finally {
      if (--callbacks === 0) als.disable();
    }
  };
  // A transaction begun in a callback or on a borrowed connection and left open is
  // rolled back before the writer goes back to the pool.
  const onWriter = (handle) => async (connection, context) => {
    try {
      return await inStorage(connection, () => handle(connection, context));
    } finally {
      await rollbackLeftOpen(connection);
    }
  };
  const borrowed = async (o) => {
    const connection = await writer.connection(o);
    const release = connection.close;
    return { ...connection, close: async () => (await rollbackLeftOpen(connection), release()) };
  };

  // The reader's handle, opened once, only prepares statements to ask whether they read.
  let readerDb = null;
  const openReader = async (o) => (readerDb ??= await (await reader.connection(o)).open());
  /** Whether a statement only reads (asked of the reader's handle). */
  const reads = (db, sql) => readsOnly(db, sql, settings.serializer);
  const routed = (method, many) => {
    const writes = method.endsWith('ommand');
    const readOnly = many ? (db, sqls) => sqls.every((sql) => reads(db, sql)) : reads;
    // Statements that only read go to the reader, the rest to the writer.
    const on = (db, sql, o) => (readOnly(db, sql) ? reader : writer).execute[method](sql, o);
    return (sql, o) => {
      if (closed) return Promise.reject(closedError());
      try {
        const active = inCallback();
        if (active) return active.execute[method](sql, o);
        if (writes) return writer.execute[method](sql, o);
        // Once the reader is open, routing is synchronous: no extra await per statement.
        if (readerDb !== null) return on(readerDb, sql, o);
        return openReader(o).then((db) => on(db, sql, o));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  };

  return {
    driverType: BETTER_SQLITE3_CONNECTOR,
    execute: {
      query: routed('query', false),
      batchQuery: routed('batchQuery', true),
      command: routed('command', false),
      batchCommand: routed('batchCommand', true),
    },
    connection: whileOpen(async (o) => inCallback() ?? borrowed(o)),
    withConnection: whileOpen((handle, o) => {
      const active = inCallback();
      if (active) return Promise.resolve().then(() => handle(active, NO_ABORT));
      return writer.withConnection(onWriter(handle), o);
    }),
    transaction(o) {
      if (closed) throw closedError();
      return (inCallback() ?? writer).transaction(o);
    },
    withTransaction: whileOpen((handle, o) => {
      const active = inCallback();
      if (active) return active.withTransaction(handle, o);
      return writer.withTransaction((tx, context) => inStorage(tx.connection, () => handle(tx, context)), o);
    }),
    close(o) {
      closing ??= (async () => {
        closed = true;
        await reader.close(o);
        await writer.close(o);
        if (writerDb) closeWriter(writerDb);
      })();
      return closing;
    },
  };
}

module.exports = { BETTER_SQLITE3_CONNECTOR, betterSqlite3Pool, resolveBetterSqlite3Options };
