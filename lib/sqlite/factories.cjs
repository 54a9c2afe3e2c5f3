'use strict';
// upstream's SQLite building blocks (storage/sqlite/core): the SQLiteClient executor,
// the transaction, the client connections and pools, on the generic factories of
// lib/core/connections. A client is anything with connect/close (or release) and an
// SQLExecutor's methods: sqlite3Client (this package's native driver) or a plugin's.
const { SQL } = require('../sql/index.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { InvalidOperationError } = require('../errors.cjs');
const { mapSqliteError } = require('../errorMappers.cjs');
const { applyMapping } = require('../core/executor.cjs');
const { databaseTransaction, executeInNestedTransaction } = require('../core/transaction.cjs');
const { createAmbientConnection, createConnection } = require('../core/connections/connection.cjs');
const { createSingletonConnectionPool, createAlwaysNewConnectionPool } = require('../core/connections/pool.cjs');
const { dbClientSQLExecutor } = require('../core/connections/executors.cjs');
const { sqliteFormatter } = require('./formatter.cjs');
const { isSQLTracingOn } = require('../tracing/tracer.cjs');
const { traceStatement, traceStatementError } = require('../tracing/sqlTrace.cjs');
const { isInMemoryDatabase } = require('./connectionString.cjs');
const { SQLITE_TRANSACTION_MODES } = require('./options.cjs');
const { sqlite3Client, NATIVE_TRANSACTION_STEPS } = require('./client.cjs');

/** Runs `handle(database)`, then closes the database. */
async function sqliteExecute(database, handle) {
  try {
    return await handle(database);
  } finally {
    await database.close();
  }
}

/**
 * A DbSQLExecutor over a SQLiteClient: `mapping` applied, errors through `errorMapper`;
 * with SQL tracing on, query/command statements and every error are traced (as upstream's).
 */
function sqliteSQLExecutor(driverType, serializer, formatter, errorMapper) {
  const mapError = errorMapper ?? mapSqliteError;
  const trace = { driverType, serializer, formatter: formatter ?? sqliteFormatter };
  const run = async (kind, sql, operation) => {
    if (sql !== undefined && isSQLTracingOn()) traceStatement(kind, sql, trace);
    try {
      return await operation();
    } catch (error) {
      if (isSQLTracingOn()) traceStatementError(kind, error);
      throw mapError(error);
    }
  };
  return {
    driverType,
    formatter: trace.formatter,
    query: (client, sql, options) => run('query', sql, async () => applyMapping(await client.query(sql, options), options)),
    batchQuery: (client, sqls, options) =>
      run('batch_query', undefined, async () =>
        (await client.batchQuery(sqls, options)).map((result) => applyMapping(result, options)),
      ),
    command: (client, sql, options) => run('command', sql, () => client.command(sql, options)),
    batchCommand: (client, sqls, options) => run('batch_command', undefined, () => client.batchCommand(sqls, options)),
  };
}

const checkedMode = (mode) => {
  const upper = String(mode).toUpperCase();
  if (!SQLITE_TRANSACTION_MODES.includes(upper)) {
    throw new InvalidOperationError(
      `SQLite transaction mode must be one of ${SQLITE_TRANSACTION_MODES.join(', ')}, got ${String(mode)}`,
    );
  }
  return upper;
};

/**
 * The steps of a transaction on `client`: the native client's own (SQL from Rust), or
 * SQLite's statements sent through `client.command` for a client of another driver.
 */
function transactionSteps(client) {
  const native = client?.[NATIVE_TRANSACTION_STEPS];
  if (native) return native;
  const command = (sql) => client.command(sql);
  const plain = (text) => SQL.plain(text);
  return {
    begin: (mode) => command(SQL`BEGIN ${plain(checkedMode(mode))} TRANSACTION`),
    commit: () => command(SQL`COMMIT`),
    rollback: () => command(SQL`ROLLBACK`),
    savepoint: (level) => command(SQL`SAVEPOINT ${plain(`transaction${level}`)}`),
    releaseSavepoint: (level) => command(SQL`RELEASE ${plain(`transaction${level}`)}`),
    rollbackToSavepoint: (level) => command(SQL`ROLLBACK TO ${plain(`transaction${level}`)}`),
  };
}

/** initTransaction for SQLite: BEGIN <mode> TRANSACTION (IMMEDIATE by default), savepoints when nested. */
function sqliteTransaction(driverType, connection, defaultOptions, serializer, defaultTransactionMode) {
  return (getClient, options) => {
    const defaults = typeof defaultOptions === 'boolean' ? { allowNestedTransactions: defaultOptions } : (defaultOptions ?? {});
    const allowNestedTransactions = options?.allowNestedTransactions ?? defaults.allowNestedTransactions ?? false;
    const steps = async () => transactionSteps(await getClient);
    const closing = async (step, error) => {
      const client = await getClient;
      try {
        await step(transactionSteps(client));
      } finally {
        if (options?.close) await options.close(client, error);
      }
    };
    const lifecycle = databaseTransaction(
      {
        begin: async () => (await steps()).begin(options?.mode ?? defaults.mode ?? defaultTransactionMode ?? 'IMMEDIATE'),
        commit: () => closing((s) => s.commit()),
        rollback: (error) => closing((s) => s.rollback(), error),
        savepoint: async (level) => (await steps()).savepoint(level),
        releaseSavepoint: async (level) => (await steps()).releaseSavepoint(level),
        rollbackToSavepoint: async (level) => (await steps()).rollbackToSavepoint(level),
      },
      { allowNestedTransactions, useSavepoints: options?.useSavepoints ?? defaults.useSavepoints ?? false },
    );
    const mapped = (step) => async (...args) => {
      try {
        return await step(...args);
      } catch (error) {
        throw mapSqliteError(error);
      }
    };
    const transaction = {
      connection: connection(),
      driverType,
      begin: mapped(lifecycle.begin),
      commit: mapped(lifecycle.commit),
      rollback: mapped(lifecycle.rollback),
      execute: dbClientSQLExecutor(sqliteSQLExecutor(driverType, serializer), { connect: () => getClient }),
      withTransaction: (handle, nested) => executeInNestedTransaction(transaction, handle, nested),
      _transactionOptions: { ...options, allowNestedTransactions },
    };
    return transaction;
  };
}

/** Over a caller's client, never closed by the connection. */
function sqliteAmbientClientConnection(options) {
  const { client, driverType, initTransaction, allowNestedTransactions, defaultTransactionMode, serializer, errorMapper } =
    options;
  return createAmbientConnection({
    driverType,
    client,
    initTransaction:
      initTransaction ??
      ((connection) =>
        sqliteTransaction(driverType, connection, { allowNestedTransactions: allowNestedTransactions ?? false }, serializer, defaultTransactionMode)),
    executor: ({ serializer: s }) => sqliteSQLExecutor(driverType, s, undefined, errorMapper),
    serializer,
  });
}

function clientConnection(options, closeClient) {
  const { connectionOptions, sqliteClientFactory, serializer, driverType } = options;
  let client = null;
  const connect = async () => {
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
  };
  return createConnection({
    driverType,
    connect,
    close: () => (client ? closeClient(client) : Promise.resolve()),
    initTransaction: (connection) =>
      sqliteTransaction(driverType, connection, connectionOptions?.transactionOptions ?? {}, serializer, connectionOptions?.defaultTransactionMode),
    executor: ({ serializer: s }) => sqliteSQLExecutor(driverType, s),
    serializer,
  });
}

/** A connection owning its client: created by `sqliteClientFactory` on first use, closed with it. */
function sqliteClientConnection(options) {
  return clientConnection(options, async (client) => {
    if (typeof client.close === 'function') await client.close();
    else if (typeof client.release === 'function') client.release();
  });
}

/** A connection over a pool's client: `close()` releases it. */
function sqlitePoolClientConnection(options) {
  return clientConnection(options, async (client) => client.release());
}

/** `type: 'Client'` → sqliteClientConnection, `'PoolClient'` → sqlitePoolClientConnection. */
function sqliteClientOrPoolConnection(options) {
  return options.type === 'Client' ? sqliteClientConnection(options) : sqlitePoolClientConnection(options);
}

function sqliteSingletonConnectionPool({ driverType, sqliteConnectionFactory, connectionOptions }) {
  return createSingletonConnectionPool({ driverType, getConnection: () => sqliteConnectionFactory(connectionOptions) });
}

function sqliteAlwaysNewConnectionPool({ driverType, sqliteConnectionFactory, connectionOptions }) {
  return createAlwaysNewConnectionPool({ driverType, getConnection: () => sqliteConnectionFactory(connectionOptions) });
}

/** upstream's sqlitePool over a `sqliteConnectionFactory`: a singleton pool or a new connection per call. */
function sqliteFactoryPool(options) {
  const { driverType, sqliteConnectionFactory, connectionOptions } = options;
  const getConnection = () => sqliteConnectionFactory(connectionOptions);
  return options.singleton === true
    ? createSingletonConnectionPool({ driverType, getConnection })
    : createAlwaysNewConnectionPool({ driverType, getConnection });
}

/** `singleton: true` for a client, an in-memory database or when asked; dropped otherwise. */
function toSqlitePoolOptions(options) {
  const { singleton, ...rest } = options;
  if (('client' in options && options.client) || isInMemoryDatabase(options) || singleton === true) {
    return { ...rest, singleton: true };
  }
  return rest;
}

/** A connection of this package's driver ('SQLite:sqlite3'), over `client` or a new sqlite3Client. */
function sqlite3Connection(options) {
  const serializer = options.serializer ?? JSONSerializer;
  return sqliteClientConnection({
    type: 'Client',
    driverType: 'SQLite:sqlite3',
    sqliteClientFactory: (connectionOptions) =>
      connectionOptions.client ? connectionOptions.client : sqlite3Client({ ...connectionOptions, serializer }),
    connectionOptions: options,
    serializer,
  });
}

module.exports = {
  sqliteExecute,
  sqliteSQLExecutor,
  sqliteTransaction,
  sqliteAmbientClientConnection,
  sqliteClientConnection,
  sqlitePoolClientConnection,
  sqliteClientOrPoolConnection,
  sqliteSingletonConnectionPool,
  sqliteAlwaysNewConnectionPool,
  toSqlitePoolOptions,
  sqliteFactoryPool,
  sqlite3Client,
  sqlite3Connection,
};
