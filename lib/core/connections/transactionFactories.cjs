'use strict';
// How connections and pools hand out transactions (as upstream's). The begin/commit/rollback nesting itself is
// lib/core/transaction.cjs's databaseTransaction; these only decide which client or
// connection a transaction runs on and when that is closed.
const { InvalidOperationError } = require('../../errors.cjs');
const { throwIfAborted, rejectIfAborted, abortFrom } = require('../abort.cjs');
const { executeInTransaction, executeInNestedTransaction } = require('../transaction.cjs');

/** A level counter for drivers that track nesting themselves. */
function transactionNestingCounter() {
  let level = 0;
  return {
    reset() {
      level = 0;
    },
    increment() {
      level++;
    },
    decrement() {
      level--;
      if (level < 0) throw new InvalidOperationError('Transaction level is out of bounds');
    },
    get level() {
      return level;
    },
  };
}

/**
 * One current transaction per connection: `transaction()` returns it while it lasts;
 * `initTransaction(clientPromise, { close, ...options })` builds it, and the driver
 * calls `close()` when the outermost transaction ends, freeing the slot.
 */
function transactionFactoryWithDbClient(connect, initTransaction) {
  let current;
  const getOrInit = (options) => {
    throwIfAborted(options);
    if (current) return current;
    current = initTransaction(connect({ abort: abortFrom(options) }), {
      close: () => {
        current = undefined;
        return Promise.resolve();
      },
      ...(options ?? {}),
    });
    return current;
  };
  return {
    transaction: getOrInit,
    withTransaction: (handle, options) =>
      rejectIfAborted(options) ??
      executeInTransaction(getOrInit(options), handle, { abort: abortFrom(options) }),
  };
}

async function closingAfter(connection, handle) {
  try {
    return await handle();
  } finally {
    await connection.close();
  }
}

/**
 * Counts begin() against commit()/rollback(), so that a nested level ending (a
 * savepoint released or rolled back) keeps the connection: `onEnd` runs once the
 * outermost level ends, or on a commit/rollback that had no begin.
 */
function endOfOutermost(transaction, onEnd) {
  let depth = 0;
  const ending = (step) => async (...args) => {
    try {
      return await step(...args);
    } finally {
      depth = Math.max(0, depth - 1);
      if (depth === 0) await onEnd();
    }
  };
  return {
    begin: async () => {
      await transaction().begin();
      depth++;
    },
    commit: ending(() => transaction().commit()),
    rollback: ending((error) => transaction().rollback(error)),
  };
}

/** Each transaction on a new connection, closed after commit or rollback. */
function transactionFactoryWithNewConnection(connect) {
  return {
    transaction: (options) => {
      throwIfAborted(options);
      const connection = connect({ abort: abortFrom(options) });
      const transaction = connection.transaction(options);
      return wrapTransaction(
        transaction,
        endOfOutermost(() => transaction, () => connection.close()),
      );
    },
    withTransaction: (handle, options) => {
      const rejected = rejectIfAborted(options);
      if (rejected) return rejected;
      const connection = connect({ abort: abortFrom(options) });
      return closingAfter(connection, () => connection.withTransaction(handle, options));
    },
  };
}

/** Each transaction on the connection `connect()` returns, left open. */
function transactionFactoryWithAmbientConnection(connect) {
  return {
    transaction: (options) => {
      throwIfAborted(options);
      return connect({ abort: abortFrom(options) }).transaction(options);
    },
    withTransaction: (handle, options) =>
      rejectIfAborted(options) ?? connect({ abort: abortFrom(options) }).withTransaction(handle, options),
  };
}

/** The transaction with some of its methods replaced; getters (isActive) kept live. */
function wrapTransaction(transaction, overrides) {
  const wrapped = Object.create(transaction);
  return Object.assign(wrapped, overrides);
}

/**
 * Transactions on a connection obtained asynchronously (a pool's), acquired on the
 * first begin() or statement and handed to `close(connection)` after commit/rollback.
 * @param {string} driverType
 * @param {(context: { abort?: AbortSignal }) => Promise<any>} connect
 * @param {(connection: any) => unknown} [close]
 */
function transactionFactoryWithAsyncAmbientConnection(driverType, connect, close = () => Promise.resolve()) {
  return {
    transaction: (options) => {
      throwIfAborted(options);
      let connection = null;
      let inner = null;
      let connecting = null;
      let released = false;
      const ensureConnection = async () => {
        if (released) {
          // Begun again after it ended: the old connection went back to the pool.
          connection = inner = connecting = null;
          released = false;
        }
        if (connection) return inner;
        connecting ??= (async () => {
          throwIfAborted(options);
          connection = await connect({ abort: abortFrom(options) });
          inner = connection.transaction(options);
        })();
        await connecting;
        return inner;
      };
      const release = async () => {
        if (!connection || released) return;
        released = true;
        await close(connection);
      };
      const lifecycle = endOfOutermost(() => inner, release);
      const tx = {
        driverType,
        get connection() {
          if (!connection) throw new InvalidOperationError('Transaction not started - call begin() first');
          return connection;
        },
        execute: {
          query: async (sql, o) => (await ensureConnection()).execute.query(sql, o),
          batchQuery: async (sqls, o) => (await ensureConnection()).execute.batchQuery(sqls, o),
          command: async (sql, o) => (await ensureConnection()).execute.command(sql, o),
          batchCommand: async (sqls, o) => (await ensureConnection()).execute.batchCommand(sqls, o),
        },
        begin: async () => {
          await ensureConnection();
          return lifecycle.begin();
        },
        commit: async () => {
          if (!inner) throw new InvalidOperationError('Transaction not started');
          return lifecycle.commit();
        },
        rollback: async (error) => (inner ? lifecycle.rollback(error) : release()),
        withTransaction: (handle, nestedOptions) =>
          executeInNestedTransaction(tx, handle, { ...nestedOptions, abort: abortFrom(nestedOptions) }),
        _transactionOptions: options ?? {},
      };
      return tx;
    },
    withTransaction: async (handle, options) => {
      throwIfAborted(options);
      const connection = await connect({ abort: abortFrom(options) });
      try {
        return await connection.withTransaction(handle, options);
      } finally {
        await close(connection);
      }
    },
  };
}

module.exports = {
  transactionNestingCounter,
  transactionFactoryWithDbClient,
  transactionFactoryWithNewConnection,
  transactionFactoryWithAmbientConnection,
  transactionFactoryWithAsyncAmbientConnection,
};
