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
const { pgSQLExecutor } = require('./executor.cjs');
const { dbClientSQLExecutor } = require('../../core/connections/executors.cjs');

function beginStatement(options) {
  const parts = ['BEGIN'];
  const level = options?.isolationLevel;
  if (level !== undefined) {
    const upper = String(level).toUpperCase();
    if (!ISOLATION_LEVELS.includes(upper)) {
      throw new TypeError(
        `PostgreSQL transactionOptions.isolationLevel must be one of ${ISOLATION_LEVELS.join(', ')}, got ${String(level)}`,
      );
    }
    parts.push(`ISOLATION LEVEL ${upper}`);
  }
  if (options?.readonly) parts.push('READ ONLY');
  return parts.join(' ');
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
    begin: () => query(beginStatement(transactionOptions)),
    commit: () => query('COMMIT'),
    rollback: () => query('ROLLBACK'),
    savepoint: (level) => query(`SAVEPOINT pg_savepoint_${level}`),
    releaseSavepoint: (level) => query(`RELEASE SAVEPOINT pg_savepoint_${level}`),
    rollbackToSavepoint: (level) => query(`ROLLBACK TO SAVEPOINT pg_savepoint_${level}`),
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
