'use strict';
// A Dumbo Connection over one native SQLite database handle: executor, transaction
// slot (one current transaction per connection, as upstream) and SQLite's BEGIN modes.
const { InvalidOperationError } = require('../errors.cjs');
const { parseRows } = require('../core/rows.cjs');
const { sqlExecutor } = require('../core/executor.cjs');
const { databaseTransaction, executeInTransaction } = require('../core/transaction.cjs');
const { TRANSACTION_MODES } = require('./options.cjs');

const SQLITE3_CONNECTOR = 'SQLite:sqlite3';

function runQuery(db, sql) {
  const rows = parseRows(db.query(sql));
  return { rowCount: rows.length, rows };
}

function runCommand(db, sql) {
  const result = db.command(sql);
  if (typeof result === 'number') return { rowCount: result, rows: [] };
  const rows = parseRows(result);
  return { rowCount: rows.length, rows };
}

function beginSql(mode) {
  const m = String(mode ?? 'IMMEDIATE').toUpperCase();
  if (!TRANSACTION_MODES.includes(m)) {
    throw new InvalidOperationError(`Unsupported SQLite transaction mode: ${String(mode)}`);
  }
  return `BEGIN ${m} TRANSACTION`;
}

/**
 * @param getDb () => native SqliteDatabase (opened lazily by the pool)
 * @param onTransaction (active: boolean) => void, told when the outer transaction starts/ends
 */
function sqliteConnection({ getDb, transactionDefaults = {}, onTransaction = () => {} }) {
  let current = null;
  const execute = sqlExecutor(
    (sql) => runQuery(getDb(), sql),
    (sql) => runCommand(getDb(), sql),
  );
  const backend = {
    async begin(options) {
      getDb().exec(beginSql(options.mode));
      onTransaction(true);
    },
    async commit() {
      getDb().exec('COMMIT');
    },
    async rollback() {
      getDb().exec('ROLLBACK');
    },
    async savepoint(level) {
      getDb().exec(`SAVEPOINT transaction${level}`);
    },
    async releaseSavepoint(level) {
      getDb().exec(`RELEASE transaction${level}`);
    },
    async rollbackToSavepoint(level) {
      getDb().exec(`ROLLBACK TO transaction${level}`);
    },
    async close() {
      current = null;
      onTransaction(false);
    },
  };
  const connection = {
    driverType: SQLITE3_CONNECTOR,
    execute,
    _getDb: getDb,
    async open() {
      return getDb();
    },
    // Pool connections are shared handles; the pool closes the database.
    async close() {},
    transaction(options) {
      if (!current) {
        current = databaseTransaction({
          driverType: SQLITE3_CONNECTOR,
          connection,
          execute,
          backend,
          options: { ...transactionDefaults, ...(options ?? {}) },
        });
      }
      return current;
    },
    withTransaction(handle, options) {
      return executeInTransaction(connection.transaction(options), handle, options);
    },
  };
  return connection;
}

module.exports = { sqliteConnection, runQuery, runCommand, SQLITE3_CONNECTOR };
