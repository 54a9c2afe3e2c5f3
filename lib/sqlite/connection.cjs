'use strict';
// A Dumbo Connection over one native SQLite database handle: executor, transaction
// slot (one current transaction per connection, as upstream).
const { parseRows } = require('../core/rows.cjs');
const { templateCall } = require('../sql/templates.cjs');
const { sqlExecutor } = require('../core/executor.cjs');
const { databaseTransaction, executeInTransaction } = require('../core/transaction.cjs');

const SQLITE3_CONNECTOR = 'SQLite:sqlite3';

function runQuery(db, sql) {
  const call = templateCall(sql, 'SQLite');
  const rows = parseRows(call ? db.queryText(call.text, call.values) : db.query(sql));
  return { rowCount: rows.length, rows };
}

function runCommand(db, sql) {
  const call = templateCall(sql, 'SQLite');
  const result = call ? db.commandText(call.text, call.values) : db.command(sql);
  if (typeof result === 'number') return { rowCount: result, rows: [] };
  const rows = parseRows(result);
  return { rowCount: rows.length, rows };
}

/**
 * `getDb()`: the native SqliteDatabase (opened lazily by the pool); `onTransaction(active)`:
 * told when the outer transaction starts/ends.
 * @param {{ getDb: () => any, transactionDefaults?: object, onTransaction?: (active: boolean) => void }} options
 */
function sqliteConnection({ getDb, transactionDefaults = {}, onTransaction = () => {} }) {
  let current = null;
  const execute = sqlExecutor(
    (sql) => runQuery(getDb(), sql),
    (sql) => runCommand(getDb(), sql),
    { driverType: SQLITE3_CONNECTOR },
  );
  // The SQL of each step (BEGIN <mode>, SAVEPOINT transaction<n>, ...) is the
  // driver's, in Rust (dumbo_sqlite::transaction).
  const backend = {
    async begin(options) {
      getDb().begin(options.mode === undefined ? undefined : String(options.mode));
      onTransaction(true);
    },
    async commit() {
      getDb().commit();
    },
    async rollback() {
      getDb().rollback();
    },
    async savepoint(level) {
      getDb().savepoint(level);
    },
    async releaseSavepoint(level) {
      getDb().releaseSavepoint(level);
    },
    async rollbackToSavepoint(level) {
      getDb().rollbackToSavepoint(level);
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
