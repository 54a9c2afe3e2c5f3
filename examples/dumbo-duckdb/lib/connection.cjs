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
  const transaction = databaseTransaction({
    driverType: DUCKDB_CONNECTOR,
    connection: connection(),
    execute: sqlExecutor(duckDBExecutor(settings), { connect: raw }),
    options: merged,
    backend: {
      async begin(o) {
        const leased = await raw();
        await runControl(leased, o?.readonly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN TRANSACTION');
        openTransactions.set(leased, transaction);
      },
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
      close: async (error) => {
        const leased = await raw();
        openTransactions.delete(leased);
        await close?.(leased, error);
      },
    },
  });
  return transaction;
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

module.exports = { DUCKDB_CONNECTOR, duckDBConnection, rollbackLeftOpen };
