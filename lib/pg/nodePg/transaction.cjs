'use strict';
// pgTransaction: a DatabaseTransaction on a node-postgres client. BEGIN, COMMIT,
// ROLLBACK and savepoints go to client.query; their errors are mapped to the
// DumboError family as the native driver's are (upstream leaves them raw), so a
// deferred constraint failing at COMMIT is a ForeignKeyViolationError on both
// drivers. Statements go through pgSQLExecutor. After the outermost
// COMMIT or ROLLBACK, `options.close(client, error?)` runs (a pool client is
// released there, and the connection forgets this transaction).
const { databaseTransaction } = require('../../core/transaction.cjs');
const { mapPostgresError } = require('../../errorMappers.cjs');
const { PG_CONNECTOR } = require('../connection.cjs');
const { ISOLATION_LEVELS } = require('../options.cjs');
const { binding } = require('../../native.cjs');
const { pgSQLExecutor } = require('./executor.cjs');
const { dbClientSQLExecutor } = require('../../core/connections/executors.cjs');

// The statements are the native driver's (dumbo_pg::transaction), read through the binding.
const { commit: COMMIT, rollback: ROLLBACK } = binding.pgTransactionSql();

function transactionStatements(options) {
  const level = options?.isolationLevel;
  if (level !== undefined && !ISOLATION_LEVELS.includes(String(level).toUpperCase())) {
    throw new TypeError(
      `PostgreSQL transactionOptions.isolationLevel must be one of ${ISOLATION_LEVELS.join(', ')}, got ${String(level)}`,
    );
  }
  return binding.pgTransactionSql(level === undefined ? undefined : String(level), options?.readonly === true);
}

/**
 * @param connection () => the connection this transaction belongs to
 * @param serializer the JSON serializer for parameters
 * @returns (getClient: Promise<client>, options?) => DatabaseTransaction
 */
const pgTransaction = (connection, serializer) => (getClient, options) => {
  const { close, ...transactionOptions } = options ?? {};
  const query = async (text) => {
    const client = await getClient;
    try {
      return await client.query(text);
    } catch (error) {
      throw mapPostgresError(error);
    }
  };
  const backend = {
    // Built at begin(), so an unknown isolation level fails there, as a statement would.
    begin: () => query(transactionStatements(transactionOptions).begin),
    commit: () => query(COMMIT),
    rollback: () => query(ROLLBACK),
    savepoint: (level) => query(binding.pgSavepointSql(level).savepoint),
    releaseSavepoint: (level) => query(binding.pgSavepointSql(level).release),
    rollbackToSavepoint: (level) => query(binding.pgSavepointSql(level).rollbackTo),
    async close(error) {
      if (close) await close(await getClient, error);
    },
  };
  return databaseTransaction({
    driverType: PG_CONNECTOR,
    connection: connection(),
    execute: dbClientSQLExecutor(pgSQLExecutor({ serializer }), { connect: () => getClient }),
    backend,
    options: { ...transactionOptions, allowNestedTransactions: transactionOptions.allowNestedTransactions ?? false },
  });
};

module.exports = { pgTransaction };
