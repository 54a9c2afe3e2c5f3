'use strict';
// Upstream's sqliteTransaction for a JS driver's SQLiteClient: BEGIN <mode> TRANSACTION,
// COMMIT, ROLLBACK and SAVEPOINT transaction<n> through the client, on the nesting state
// machine every driver shares.
const { SQL } = require('../../sql/index.cjs');
const { databaseTransaction, executeInNestedTransaction } = require('../../core/transaction.cjs');
const { dbClientSQLExecutor } = require('../../core/connections/executors.cjs');
const { sqliteSQLExecutor } = require('./executor.cjs');

/**
 * `(driverType, connection, defaultOptions, serializer, defaultTransactionMode?)` →
 * `(clientPromise, options?) => transaction`; `defaultOptions` may be a boolean
 * (allowNestedTransactions).
 */
const sqliteTransaction =
  (driverType, connection, defaultOptions, serializer, defaultTransactionMode) => (getClient, options) => {
    const defaults =
      typeof defaultOptions === 'boolean' ? { allowNestedTransactions: defaultOptions } : (defaultOptions ?? {});
    const allowNestedTransactions = options?.allowNestedTransactions ?? defaults.allowNestedTransactions ?? false;
    const run = async (sql) => (await getClient).command(sql);
    const ending = async (sql, error) => {
      const client = await getClient;
      try {
        await client.command(sql);
      } finally {
        if (options?.close) await options.close(client, error);
      }
    };
    const lifecycle = databaseTransaction(
      {
        begin: () => run(SQL`BEGIN ${SQL.plain(options?.mode ?? defaultTransactionMode ?? 'IMMEDIATE')} TRANSACTION`),
        commit: () => ending(SQL`COMMIT`),
        rollback: (error) => ending(SQL`ROLLBACK`, error),
        savepoint: (level) => run(SQL`SAVEPOINT transaction${SQL.plain(String(level))}`),
        releaseSavepoint: (level) => run(SQL`RELEASE transaction${SQL.plain(String(level))}`),
        rollbackToSavepoint: (level) => run(SQL`ROLLBACK TO transaction${SQL.plain(String(level))}`),
      },
      { allowNestedTransactions, useSavepoints: options?.useSavepoints ?? defaults.useSavepoints ?? false },
    );
    const transaction = {
      connection: connection(),
      driverType,
      begin: lifecycle.begin,
      commit: lifecycle.commit,
      rollback: lifecycle.rollback,
      execute: dbClientSQLExecutor(sqliteSQLExecutor(driverType, serializer), { connect: () => getClient }),
      withTransaction: (handle, nestedOptions) => executeInNestedTransaction(transaction, handle, nestedOptions),
      _transactionOptions: { ...options, allowNestedTransactions },
    };
    return transaction;
  };

module.exports = { sqliteTransaction };
