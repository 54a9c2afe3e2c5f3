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
const NO_SAVEPOINTS =
  "D1 has no savepoints: useSavepoints is not supported (a session-based transaction cannot undo nested work)";

/** `(connection, serializer, defaultOptions?) => (getClient, options?) => D1Transaction`. */
const d1Transaction = (connection, serializer, defaultOptions) => (getClient, options) => {
  const allowNestedTransactions = options?.allowNestedTransactions ?? defaultOptions?.allowNestedTransactions;
  const mode = options?.mode ?? defaultOptions?.mode;
  const sessionOptions = options?.d1Session ?? defaultOptions?.d1Session;
  const useSavepoints = options?.useSavepoints ?? defaultOptions?.useSavepoints ?? false;
  let level = 0;
  let client = null;
  let sessionClient = null;

  const databaseClient = async () => {
    client ??= await getClient;
    return client;
  };
  const openSession = async (current) => {
    try {
      return await current.withSession(sessionOptions);
    } catch (error) {
      throw mapD1Error(error);
    }
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
      const current = await databaseClient();
      if (sessionClient && allowNestedTransactions) {
        level++;
        return;
      }
      try {
        if (mode !== 'session_based') throw new D1TransactionNotSupportedError();
        // A session cannot undo nested work: refuse rather than ignore the option.
        if (useSavepoints) throw new InvalidOperationError(NO_SAVEPOINTS);
        sessionClient = await openSession(current);
        level = 1;
      } catch (error) {
        // Never started: free the connection's transaction slot, or every later
        // transaction on this connection would get this dead one back.
        if (options?.close) await options.close(current, error);
        throw error;
      }
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
