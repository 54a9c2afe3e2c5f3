'use strict';
// upstream's sqlite3Client: a SQLiteClient ({ connect, close, query, batchQuery,
// command, batchCommand }) over one native database handle of this package's driver.
// It also carries the driver's transaction steps (their SQL is Rust's), which
// sqliteTransaction prefers over sending statements itself.
const { binding } = require('../native.cjs');
const { BatchCommandNoChangesError } = require('../errors.cjs');
const { mapSqliteError } = require('../errorMappers.cjs');
const { resolveSqliteOptions } = require('./options.cjs');
const { runQuery, runCommand } = require('./connection.cjs');

const NATIVE_TRANSACTION_STEPS = Symbol.for('dumbo.sqlite.transactionSteps');

function sqlite3Client(options) {
  const o = resolveSqliteOptions(options ?? {});
  let db = null;
  let closed = false;
  const open = () => {
    if (closed) throw mapSqliteError(Object.assign(new Error('SQLITE_MISUSE: Database is closed'), { code: 'SQLITE_MISUSE' }));
    db ??= binding.SqliteDatabase.open(o.path, {
      readonly: o.readonly,
      skipDatabasePragmas: o.skipDatabasePragmas,
      pragmaOptions: o.pragmaOptions,
      serializer: (value) => o.serializer.serialize(value),
    });
    return db;
  };
  const guarded = (run) => async (...args) => {
    try {
      return run(...args);
    } catch (error) {
      throw mapSqliteError(error);
    }
  };
  const command = (sql, commandOptions) => {
    const result = runCommand(open(), sql);
    return commandOptions?.ignoreChangesCount === true ? { rowCount: 0, rows: result.rows } : result;
  };
  return {
    connect: guarded(() => void open()),
    close: guarded(() => {
      if (closed) return;
      closed = true;
      db?.close();
      db = null;
    }),
    query: guarded((sql) => runQuery(open(), sql)),
    batchQuery: guarded((sqls) => sqls.map((sql) => runQuery(open(), sql))),
    command: guarded(command),
    batchCommand: guarded((sqls, commandOptions) =>
      sqls.map((sql, i) => {
        const result = command(sql, commandOptions);
        if (commandOptions?.assertChanges && !result.rowCount) throw new BatchCommandNoChangesError(i);
        return result;
      }),
    ),
    [NATIVE_TRANSACTION_STEPS]: {
      begin: (mode) => open().begin(mode === undefined ? undefined : String(mode)),
      commit: () => open().commit(),
      rollback: () => open().rollback(),
      savepoint: (level) => open().savepoint(level),
      releaseSavepoint: (level) => open().releaseSavepoint(level),
      rollbackToSavepoint: (level) => open().rollbackToSavepoint(level),
    },
  };
}

module.exports = { sqlite3Client, NATIVE_TRANSACTION_STEPS };
