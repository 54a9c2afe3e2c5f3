'use strict';
// A Dumbo connection over one @duckdb/node-api DuckDBConnection, built on Dumbo's
// generic createConnection: what is DuckDB's here is how a statement runs and the
// transaction statements (BEGIN TRANSACTION [READ ONLY] / COMMIT / ROLLBACK; no
// savepoints).
const { InvalidOperationError, createConnection, databaseTransaction, sqlExecutor } = require('@event-driven-io/dumbo');
const { duckDBFormatter } = require('./formatter.cjs');
const { SAVEPOINTS_UNSUPPORTED, assertNoSavepoints } = require('./options.cjs');
const { runStatement, runControl, closeQuietly } = require('./statements.cjs');

const DUCKDB_CONNECTOR = 'DuckDB:nodejs';

/** The DbSQLExecutor: every method takes the DuckDBConnection first. */
function duckDBExecutor({ serializer }) {
  const on = (raw) => {
    const run = (sql) => runStatement(raw, sql, serializer);
    return sqlExecutor(run, run);
  };
  return {
    driverType: DUCKDB_CONNECTOR,
    formatter: duckDBFormatter,
    query: (raw, sql, options) => on(raw).query(sql, options),
    batchQuery: (raw, sqls, options) => on(raw).batchQuery(sqls, options),
    command: (raw, sql, options) => on(raw).command(sql, options),
    batchCommand: (raw, sqls, options) => on(raw).batchCommand(sqls, options),
  };
}

const noSavepoints = async () => {
  throw new InvalidOperationError(SAVEPOINTS_UNSUPPORTED);
};

/** initTransaction: the steps on the connection's DuckDBConnection, with Dumbo's nesting rules. */
const duckDBTransaction = (settings) => (connection) => (clientPromise, options = {}) => {
  const { close, ...transactionOptions } = options;
  const merged = { ...settings.transactionOptions, ...transactionOptions };
  assertNoSavepoints(merged);
  const raw = async () => clientPromise;
  return databaseTransaction({
    driverType: DUCKDB_CONNECTOR,
    connection: connection(),
    execute: sqlExecutor(duckDBExecutor(settings), { connect: raw }),
    options: merged,
    backend: {
      begin: async (o) => runControl(await raw(), o?.readonly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN TRANSACTION'),
      async commit() {
        const leased = await raw();
        try {
          await runControl(leased, 'COMMIT');
        } catch (error) {
          // A failed COMMIT must not leave the transaction open on a pooled connection.
          await runControl(leased, 'ROLLBACK').catch(() => {});
          throw error;
        }
      },
      rollback: async () => runControl(await raw(), 'ROLLBACK'),
      savepoint: noSavepoints,
      releaseSavepoint: noSavepoints,
      rollbackToSavepoint: noSavepoints,
      close: async (error) => close?.(await raw(), error),
    },
  });
};

/** A connection over `raw` (already connected); closing it closes `raw`. */
function duckDBConnection(settings, raw) {
  return createConnection({
    driverType: DUCKDB_CONNECTOR,
    connect: async () => raw,
    close: async (leased) => closeQuietly(leased),
    initTransaction: duckDBTransaction(settings),
    executor: duckDBExecutor,
    serializer: settings.serializer,
  });
}

module.exports = { DUCKDB_CONNECTOR, duckDBConnection };
