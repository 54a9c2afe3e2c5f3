'use strict';
// d1Transaction: D1 has no SQL transactions (BEGIN/COMMIT/ROLLBACK/SAVEPOINT). By
// default begin() throws D1TransactionNotSupportedError; with { mode: 'session_based' }
// a transaction is a D1 session (withSession): its statements run in one sequentially
// consistent session, commit and rollback only end it, and nothing is rolled back.
const { InvalidOperationError } = require('../errors.cjs');
const { executeInNestedTransaction } = require('../core/transaction.cjs');
const { dbClientSQLExecutor } = require('../core/connections/executors.cjs');
const { sqliteSQLExecutor } = require('../sqlite/factories.cjs');
const { D1DriverType } = require('./d1SQLExecutor.cjs');
const { mapD1Error } = require('./errorMapper.cjs');

/** A plain Error subclass, not a DumboError (as upstream). */
class D1TransactionNotSupportedError extends Error {
  constructor() {
    super(
      'D1 does not support SQL transactions (BEGIN/COMMIT/ROLLBACK/SAVEPOINT). Use { mode: "session_based" } to opt-in to session+batch semantics, or use connection.execute.batchCommand() for atomic multi-statement execution.',
    );
    this.name = 'D1TransactionNotSupportedError';
  }
}

const NOT_STARTED = 'Transaction has not been started. Call begin() first.';

/** `(connection, serializer, defaultOptions?) => (getClient, options?) => D1Transaction`. */
const d1Transaction = (connection, serializer, defaultOptions) => (getClient, options) => {
  const allowNestedTransactions = options?.allowNestedTransactions ?? defaultOptions?.allowNestedTransactions;
  const mode = options?.mode ?? defaultOptions?.mode;
  const sessionOptions = options?.d1Session ?? defaultOptions?.d1Session;
  let level = 0;
  let client = null;
  let sessionClient = null;

  const databaseClient = async () => {
    client ??= await getClient;
    return client;
  };
  // Outer commit/rollback: end the session and release the connection's transaction slot.
  const end = async (error) => {
    const current = await databaseClient();
    level = 0;
    sessionClient = null;
    if (options?.close) await options.close(current, error);
  };

  const transaction = {
    connection: connection(),
    driverType: D1DriverType,
    async begin() {
      if (mode !== 'session_based') throw new D1TransactionNotSupportedError();
      const current = await databaseClient();
      if (allowNestedTransactions) {
        level++;
        if (level > 1) return;
      }
      sessionClient = await current.withSession(sessionOptions);
    },
    async commit() {
      await databaseClient();
      if (allowNestedTransactions && level > 1) {
        level--;
        return;
      }
      await end();
    },
    async rollback(error) {
      await databaseClient();
      if (allowNestedTransactions && level > 1) {
        level--;
        return;
      }
      await end(error);
    },
    // Nested commits leave the session running; the pool keeps the connection until then.
    get isActive() {
      return sessionClient !== null;
    },
    execute: dbClientSQLExecutor(sqliteSQLExecutor(D1DriverType, serializer, undefined, mapD1Error), {
      connect: () => {
        if (!sessionClient) throw new InvalidOperationError(NOT_STARTED);
        return Promise.resolve(sessionClient);
      },
    }),
    withTransaction: (handle, nestedOptions) => executeInNestedTransaction(transaction, handle, nestedOptions),
    _transactionOptions: { ...options, allowNestedTransactions },
  };
  return transaction;
};

module.exports = { d1Transaction, D1TransactionNotSupportedError };
