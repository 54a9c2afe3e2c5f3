'use strict';
// A Dumbo Connection over one native SQLite database handle: executor, transaction
// slot (one current transaction per connection, as upstream).
const { rowsFromCells } = require('../core/rows.cjs');
const { templateCall } = require('../sql/templates.cjs');
const { sqlExecutor } = require('../core/executor.cjs');
const { databaseTransaction, executeInTransaction } = require('../core/transaction.cjs');

const SQLITE3_CONNECTOR = 'SQLite:sqlite3';

// Each database remembers up to this many query texts by id (statement()); past
// that, both sides start over.
const MAX_STATEMENTS = 512;
const statementsOf = new WeakMap();

/** `{ id, columns }` for `text` on `db`: the id query/command take, the names last received. */
function statementOf(db, text) {
  let statements = statementsOf.get(db);
  if (statements === undefined) {
    statements = new Map();
    statementsOf.set(db, statements);
  }
  let statement = statements.get(text);
  if (statement === undefined) {
    if (statements.size >= MAX_STATEMENTS) {
      statements.clear();
      db.forgetStatements();
    }
    statement = { id: db.statement(text), columns: undefined };
    statements.set(text, statement);
  }
  return statement;
}

function rowsOf(statement, cells) {
  if (cells[0] !== undefined) statement.columns = cells[0];
  const rows = rowsFromCells(statement.columns, cells);
  return { rowCount: rows.length, rows };
}

function runQuery(db, sql) {
  const call = templateCall(sql, 'SQLite');
  if (call === undefined) return rowsOf({}, db.querySql(sql));
  const statement = statementOf(db, call.text);
  return rowsOf(statement, db.query(statement.id, call.values));
}

function runCommand(db, sql) {
  const call = templateCall(sql, 'SQLite');
  let statement;
  let result;
  if (call === undefined) {
    statement = {};
    result = db.commandSql(sql);
  } else {
    statement = statementOf(db, call.text);
    result = db.command(statement.id, call.values);
  }
  return typeof result === 'number' ? { rowCount: result, rows: [] } : rowsOf(statement, result);
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
