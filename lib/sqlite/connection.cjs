'use strict';
// A Dumbo Connection over one native SQLite database handle: executor, transaction
// slot (one current transaction per connection, as upstream).
const { binding } = require('../native.cjs');
const { rowsFromCells } = require('../core/rows.cjs');
const { templateCall } = require('../sql/templates.cjs');
const { sqlExecutor } = require('../core/executor.cjs');
const { databaseTransaction, executeInTransaction } = require('../core/transaction.cjs');

const SQLITE3_CONNECTOR = 'SQLite:sqlite3';

// Each database remembers up to this many query texts by id (db.statement()); past
// that, both sides start over.
const MAX_STATEMENTS = 512;
// Values a statement passes as arguments of one call; beyond that they are staged
// first, in calls of this size (a call's arguments live on the stack).
const VALUES_PER_CALL = 4096;
const { sqliteQuery, sqliteCommand, sqliteStage } = binding;
const cachesOf = new WeakMap();

/** The handle and remembered statements of `db` (kept together: see sqlite_database.rs). */
function cacheOf(db) {
  let cache = cachesOf.get(db);
  if (cache === undefined) {
    cache = { handle: db.handle, statements: new Map() };
    cachesOf.set(db, cache);
  }
  return cache;
}

/** `{ id, columns }` for `text`: the id the entries take, the column names last received. */
function statementOf(db, statements, text) {
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

/** Runs statement `id` of the database with `handle` through `entry` (sqliteQuery or sqliteCommand). */
function run(entry, handle, id, values) {
  if (values.length <= VALUES_PER_CALL) return entry(handle, id, ...values);
  let at = 0;
  for (; values.length - at > VALUES_PER_CALL; at += VALUES_PER_CALL) {
    sqliteStage(handle, ...values.slice(at, at + VALUES_PER_CALL));
  }
  return entry(handle, id, ...values.slice(at));
}

function runQuery(db, sql) {
  const call = templateCall(sql, 'SQLite');
  if (call === undefined) return rowsOf({}, db.querySql(sql));
  const cache = cacheOf(db);
  const statement = statementOf(db, cache.statements, call.text);
  return rowsOf(statement, run(sqliteQuery, cache.handle, statement.id, call.values));
}

function runCommand(db, sql) {
  const call = templateCall(sql, 'SQLite');
  let statement;
  let result;
  if (call === undefined) {
    statement = {};
    result = db.commandSql(sql);
  } else {
    const cache = cacheOf(db);
    statement = statementOf(db, cache.statements, call.text);
    result = run(sqliteCommand, cache.handle, statement.id, call.values);
  }
  return typeof result === 'number' ? { rowCount: result, rows: [] } : rowsOf(statement, result);
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
