'use strict';
// Upstream's SQLite connections over a JS driver's client (storage/sqlite/core/connections):
// ambient (a caller's client), client (connect/close) and pool client (release).
const { mapSqliteError } = require('../../errorMappers.cjs');
const { createAmbientConnection, createConnection } = require('../../core/connections/connection.cjs');
const { sqliteSQLExecutor } = require('./executor.cjs');
const { sqliteTransaction } = require('./transaction.cjs');

function sqliteAmbientClientConnection(options) {
  const { client, driverType, initTransaction, allowNestedTransactions, defaultTransactionMode, serializer, errorMapper } =
    options;
  return createAmbientConnection({
    driverType,
    client,
    initTransaction:
      initTransaction ??
      ((connection) =>
        sqliteTransaction(
          driverType,
          connection,
          { allowNestedTransactions: allowNestedTransactions ?? false },
          serializer,
          defaultTransactionMode,
        )),
    executor: ({ serializer: s }) => sqliteSQLExecutor(driverType, s, undefined, errorMapper),
    serializer,
  });
}

// A client made by `sqliteClientFactory(connectionOptions)` on first use, connected once.
function lazyClient({ connectionOptions, sqliteClientFactory }) {
  let client = null;
  return {
    get: () => client,
    connect: async () => {
      if (client) return client;
      client = sqliteClientFactory(connectionOptions);
      if (typeof client?.connect === 'function') {
        try {
          await client.connect();
        } catch (error) {
          throw mapSqliteError(error);
        }
      }
      return client;
    },
  };
}

function clientConnection(options, close) {
  const { connectionOptions, serializer, driverType } = options;
  const lazy = lazyClient(options);
  return createConnection({
    driverType,
    connect: lazy.connect,
    close: () => close(lazy.get()),
    initTransaction: (connection) =>
      sqliteTransaction(
        driverType,
        connection,
        connectionOptions?.transactionOptions ?? {},
        serializer,
        connectionOptions?.defaultTransactionMode,
      ),
    executor: ({ serializer: s }) => sqliteSQLExecutor(driverType, s),
    serializer,
  });
}

const sqliteClientConnection = (options) =>
  clientConnection(options, async (client) => {
    if (typeof client?.close === 'function') await client.close();
    else if (typeof client?.release === 'function') client.release();
  });

const sqlitePoolClientConnection = (options) =>
  clientConnection(options, async (client) => {
    if (client) await client.release();
  });

/** `type: 'Client'` → sqliteClientConnection, otherwise sqlitePoolClientConnection. */
function sqliteConnection(options) {
  return options.type === 'Client' ? sqliteClientConnection(options) : sqlitePoolClientConnection(options);
}

module.exports = { sqliteAmbientClientConnection, sqliteClientConnection, sqlitePoolClientConnection, sqliteConnection };
