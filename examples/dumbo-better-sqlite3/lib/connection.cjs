'use strict';
// A Dumbo connection over one better-sqlite3 Database, built on Dumbo's generic
// createConnection: what is better-sqlite3's here is how a statement runs and the
// transaction statements (BEGIN [mode] / COMMIT / ROLLBACK, SAVEPOINT transaction<n>).
const {
  createConnection,
  databaseTransaction,
  sqlExecutor,
} = require('@event-driven-io/dumbo');
const { sqliteFormatter } = require('@event-driven-io/dumbo/sqlite');
const { runStatement, exec } = require('./statements.cjs');

const BETTER_SQLITE3_CONNECTOR = 'SQLite:better-sqlite3';

/** The transaction begun on a client and not ended yet. */
const openTransactions = new WeakMap();

/**
 * Rolls back a transaction left open on `connection` (begun and never committed), so
 * the connection goes back to the pool clean.
 */
async function rollbackLeftOpen(connection) {
  const transaction = openTransactions.get(await connection.open());
  for (let level = 0; transaction?.isActive && level < 1000; level++) {
    await transaction.rollback().catch(() => {});
  }
}

/** The DbSQLExecutor: every method takes the Database first. */
function betterSqlite3Executor({ serializer }) {
  // One SQLExecutor per Database, made on its first statement.
  const executors = new WeakMap();
  const on = (db) => {
    let executor = executors.get(db);
    if (executor === undefined) {
      const run = (sql) => runStatement(db, sql, serializer);
      executors.set(db, (executor = sqlExecutor(run, run)));
    }
    return executor;
  };
  return {
    driverType: BETTER_SQLITE3_CONNECTOR,
    formatter: sqliteFormatter,
    query: (db, sql, options) => on(db).query(sql, options),
    batchQuery: (db, sqls, options) => on(db).batchQuery(sqls, options),
    command: (db, sql, options) => on(db).command(sql, options),
    batchCommand: (db, sqls, options) => on(db).batchCommand(sqls, options),
  };
}

/** initTransaction: the steps on the connection's Database, with Dumbo's nesting rules. */
const betterSqlite3Transaction = (settings) => (connection) => (clientPromise, options = {}) => {
  const { close, ...transactionOptions } = options;
  const db = async () => clientPromise;
  const transaction = databaseTransaction({
    driverType: BETTER_SQLITE3_CONNECTOR,
    connection: connection(),
    execute: sqlExecutor(betterSqlite3Executor(settings), { connect: db }),
    options: { ...settings.transactionOptions, ...transactionOptions },
    backend: {
      async begin(merged) {
        const mode = merged?.mode === undefined ? '' : ` ${String(merged.mode).toUpperCase()}`;
        const handle = await db();
        exec(handle, `BEGIN${mode}`);
        openTransactions.set(handle, transaction);
      },
      async commit() {
        const handle = await db();
        try {
          exec(handle, 'COMMIT');
        } catch (error) {
          // SQLite keeps a transaction whose COMMIT failed open: never leave it so.
          if (handle.inTransaction) handle.exec('ROLLBACK');
          throw error;
        }
      },
      async rollback() {
        const handle = await db();
        if (handle.inTransaction) exec(handle, 'ROLLBACK');
      },
      savepoint: async (level) => exec(await db(), `SAVEPOINT transaction${level}`),
      releaseSavepoint: async (level) => exec(await db(), `RELEASE transaction${level}`),
      rollbackToSavepoint: async (level) =>
        exec(await db(), `ROLLBACK TO transaction${level}; RELEASE transaction${level}`),
      close: async (error) => {
        const handle = await db();
        openTransactions.delete(handle);
        await close?.(handle, error);
      },
    },
  });
  return transaction;
};

/**
 * A connection whose client is the Database `open()` gives (opened on first use);
 * `closeDatabase` runs when the connection closes.
 */
function betterSqlite3Connection(settings, { open, closeDatabase }) {
  return createConnection({
    driverType: BETTER_SQLITE3_CONNECTOR,
    connect: async () => open(),
    close: async (db) => closeDatabase(db),
    initTransaction: betterSqlite3Transaction(settings),
    executor: betterSqlite3Executor,
    serializer: settings.serializer,
  });
}

module.exports = { BETTER_SQLITE3_CONNECTOR, betterSqlite3Connection, betterSqlite3Executor, rollbackLeftOpen };
