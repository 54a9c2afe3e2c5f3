// A minimal driver built only on the public connection factories, over better-sqlite3
// (real SQLite files): what a plugin author writes. It counts opened and closed
// clients so tests can pin when the factories open and close them.
import Database from 'better-sqlite3';
import {
  JSONSerializer,
  SQL,
  createConnection,
  databaseTransaction,
  executeInNestedTransaction,
  sqlExecutor,
} from '@event-driven-io/dumbo';
import { sqliteFormatter } from '@event-driven-io/dumbo/sqlite';

export const DRIVER = 'SQLite:factory-test';

const run = (db, sql) => {
  const { query, params } = sqliteFormatter.format(sql);
  const statement = db.prepare(query);
  const values = params.map((v) => (typeof v === 'boolean' ? Number(v) : v));
  if (statement.reader) {
    const rows = statement.all(...values);
    return { rowCount: rows.length, rows };
  }
  return { rowCount: statement.run(...values).changes, rows: [] };
};

export const testExecutor = () => ({
  driverType: DRIVER,
  formatter: sqliteFormatter,
  query: async (db, sql) => run(db, sql),
  batchQuery: async (db, sqls) => sqls.map((sql) => run(db, sql)),
  command: async (db, sql) => run(db, sql),
  batchCommand: async (db, sqls) => sqls.map((sql) => run(db, sql)),
});

/**
 * The same statements run inline, as a driver over a synchronous library writes it (the
 * example better-sqlite3 plugin): one SQLExecutor per client over synchronous runners, so
 * each statement's promise is already settled when it is returned.
 */
export const inlineExecutor = () => {
  const executors = new WeakMap();
  const on = (db) => {
    let executor = executors.get(db);
    if (executor === undefined) {
      const runOn = (sql) => run(db, sql);
      executors.set(db, (executor = sqlExecutor(runOn, runOn)));
    }
    return executor;
  };
  return {
    driverType: DRIVER,
    formatter: sqliteFormatter,
    query: (db, sql, options) => on(db).query(sql, options),
    batchQuery: (db, sqls, options) => on(db).batchQuery(sqls, options),
    command: (db, sql, options) => on(db).command(sql, options),
    batchCommand: (db, sqls, options) => on(db).batchCommand(sqls, options),
  };
};

/** initTransaction for a client: BEGIN/COMMIT/ROLLBACK and savepoints on that client. */
export const testTransaction = (connection) => (clientPromise, options) => {
  const exec = async (text) => (await clientPromise).exec(text);
  const lifecycle = databaseTransaction(
    {
      begin: () => exec('BEGIN IMMEDIATE'),
      commit: async () => {
        try {
          await exec('COMMIT');
        } finally {
          await options?.close?.(await clientPromise);
        }
      },
      rollback: async (error) => {
        try {
          await exec('ROLLBACK');
        } finally {
          await options?.close?.(await clientPromise, error);
        }
      },
      savepoint: (level) => exec(`SAVEPOINT transaction${level}`),
      releaseSavepoint: (level) => exec(`RELEASE transaction${level}`),
      rollbackToSavepoint: (level) => exec(`ROLLBACK TO transaction${level}`),
    },
    { allowNestedTransactions: options?.allowNestedTransactions, useSavepoints: options?.useSavepoints },
  );
  const transaction = {
    driverType: DRIVER,
    connection: connection(),
    ...lifecycle,
    execute: sqlExecutor(testExecutor(), { connect: () => clientPromise }),
    withTransaction: (handle, nested) => executeInNestedTransaction(transaction, handle, nested),
    _transactionOptions: options ?? {},
  };
  return transaction;
};

/**
 * A file-backed driver whose `stats` count client opens and closes; `inline: true` runs
 * its statements with `inlineExecutor`.
 */
export function testDriver(fileName, { inline = false } = {}) {
  const stats = { opened: 0, closed: 0 };
  const connect = async () => {
    stats.opened++;
    return new Database(fileName);
  };
  const close = async (db) => {
    stats.closed++;
    db.close();
  };
  const newConnection = () =>
    createConnection({
      driverType: DRIVER,
      connect,
      close,
      initTransaction: testTransaction,
      executor: inline ? inlineExecutor : testExecutor,
      serializer: JSONSerializer,
    });
  return { stats, connect, close, newConnection };
}

export const createTable = SQL`CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, name TEXT)`;
