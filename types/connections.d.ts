// The connection, pool, executor and transaction factories a driver is built on
// (upstream core/connections and core/execute): lib/core/connections/*.cjs. Generic
// over any connection shape: the client, transaction and options types are read from
// the connection type (its `open`, `transaction` and `_transactionType`).
import type {
  BatchSQLCommandOptions,
  JSONSerializer,
  QueryResult,
  QueryResultRow,
  SQL,
  SQLCommandOptions,
  SQLExecutor,
  SQLFormatter,
  SQLQueryOptions,
} from './core';
import type {
  AbortContext,
  AbortOptions,
  AnyConnection,
  ConnectionPool,
  InferDbClientFromConnection,
  InferDriverTypeFromConnection,
  InferTransactionFromConnection,
  InferTransactionOptionsFromConnection,
  WithDatabaseTransactionFactory,
} from './pool';
import type { DatabaseDriverType } from './drivers';

export type DbSQLExecutorOptions = { serializer: JSONSerializer };

/** A driver's statement runner: every method takes the client first. */
export interface DbSQLExecutor<DriverType extends DatabaseDriverType = DatabaseDriverType, DbClient = unknown> {
  driverType: DriverType;
  query<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sql: SQL, options?: SQLQueryOptions): Promise<QueryResult<Result>>;
  batchQuery<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sqls: SQL[], options?: SQLQueryOptions): Promise<QueryResult<Result>[]>;
  command<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sql: SQL, options?: SQLCommandOptions): Promise<QueryResult<Result>>;
  batchCommand<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sqls: SQL[], options?: BatchSQLCommandOptions): Promise<QueryResult<Result>[]>;
  formatter: SQLFormatter;
}

/**
 * The driver's transaction builder: given the connection (lazily), returns
 * `(clientPromise, options) => transaction`; `options.close` must be called when the
 * outermost transaction ends (it frees the connection's transaction slot).
 */
export type InitTransaction<ConnectionType extends AnyConnection = AnyConnection> = (
  connection: () => ConnectionType,
) => (
  client: Promise<InferDbClientFromConnection<ConnectionType>>,
  options?: InferTransactionOptionsFromConnection<ConnectionType> & {
    close: (client: InferDbClientFromConnection<ConnectionType>, error?: unknown) => Promise<void>;
  },
) => InferTransactionFromConnection<ConnectionType>;

type ConnectionParts<ConnectionType extends AnyConnection, Executor extends DbSQLExecutor> = {
  driverType: InferDriverTypeFromConnection<ConnectionType>;
  initTransaction: InitTransaction<ConnectionType>;
  serializer: JSONSerializer;
  executor: (options: DbSQLExecutorOptions) => Executor;
};

export type CreateConnectionOptions<
  ConnectionType extends AnyConnection = AnyConnection,
  Executor extends DbSQLExecutor = DbSQLExecutor,
> = ConnectionParts<ConnectionType, Executor> & {
  connect: (context: AbortContext) => Promise<InferDbClientFromConnection<ConnectionType>>;
  close: (client: InferDbClientFromConnection<ConnectionType>) => Promise<void>;
};
export type CreateSingletonConnectionOptions<
  ConnectionType extends AnyConnection = AnyConnection,
  Executor extends DbSQLExecutor = DbSQLExecutor,
> = CreateConnectionOptions<ConnectionType, Executor>;
export type CreateAmbientConnectionOptions<
  ConnectionType extends AnyConnection = AnyConnection,
  Executor extends DbSQLExecutor = DbSQLExecutor,
> = ConnectionParts<ConnectionType, Executor> & { client: InferDbClientFromConnection<ConnectionType> };
export type CreateTransientConnectionOptions<
  ConnectionType extends AnyConnection = AnyConnection,
  Executor extends DbSQLExecutor = DbSQLExecutor,
> = ConnectionParts<ConnectionType, Executor> & {
  open: (context?: AbortContext) => Promise<InferDbClientFromConnection<ConnectionType>>;
  close: () => Promise<void>;
};

/** Connects lazily on first use, once; `close()` closes only a client it obtained. */
export declare const createConnection: <ConnectionType extends AnyConnection = AnyConnection, Executor extends DbSQLExecutor = DbSQLExecutor>(
  options: CreateConnectionOptions<ConnectionType, Executor>,
) => ConnectionType;
/** The same contract as createConnection. */
export declare const createSingletonConnection: <ConnectionType extends AnyConnection = AnyConnection, Executor extends DbSQLExecutor = DbSQLExecutor>(
  options: CreateSingletonConnectionOptions<ConnectionType, Executor>,
) => ConnectionType;
/** Over a caller-owned client; `close()` leaves it open. */
export declare const createAmbientConnection: <ConnectionType extends AnyConnection = AnyConnection, Executor extends DbSQLExecutor = DbSQLExecutor>(
  options: CreateAmbientConnectionOptions<ConnectionType, Executor>,
) => ConnectionType;
/** Every `open()` asks the driver's `open`. */
export declare const createTransientConnection: <ConnectionType extends AnyConnection = AnyConnection, Executor extends DbSQLExecutor = DbSQLExecutor>(
  options: CreateTransientConnectionOptions<ConnectionType, Executor>,
) => ConnectionType;

/** What the generic pool factories return: upstream's ConnectionPool<ConnectionType>. */
export type GenericConnectionPool<ConnectionType extends AnyConnection = AnyConnection> = ConnectionPool<ConnectionType>;

export type AmbientConnectionPoolOptions<ConnectionType extends AnyConnection> = {
  driverType: ConnectionType['driverType'];
  connection: ConnectionType;
};
export type SingletonConnectionPoolOptions<ConnectionType extends AnyConnection> = {
  driverType: ConnectionType['driverType'];
  getConnection: (context: AbortContext) => ConnectionType | Promise<ConnectionType>;
  closeConnection?: (connection: ConnectionType) => void | Promise<void>;
  connectionOptions?: never;
};
export type CreateBoundedConnectionPoolOptions<ConnectionType extends AnyConnection> = {
  driverType: ConnectionType['driverType'];
  getConnection: (context: AbortContext) => ConnectionType | Promise<ConnectionType>;
  maxConnections: number;
  /** This package's addition: how long (ms) a caller waits for a free connection before a QueryCanceledError; unbounded if absent. */
  maxTaskIdleTime?: number;
};
export type SingletonClientConnectionPoolOptions<ConnectionType extends AnyConnection> = {
  driverType: ConnectionType['driverType'];
  dbClient: InferDbClientFromConnection<ConnectionType>;
  connectionFactory: (options: { dbClient: InferDbClientFromConnection<ConnectionType> }) => ConnectionType;
};
export type CreateAlwaysNewConnectionPoolOptions<
  ConnectionType extends AnyConnection,
  ConnectionOptions extends Record<string, unknown> | undefined = undefined,
> = ConnectionOptions extends undefined
  ? {
      driverType: ConnectionType['driverType'];
      getConnection: (context: AbortContext) => ConnectionType;
      connectionOptions?: never;
    }
  : {
      driverType: ConnectionType['driverType'];
      getConnection: (options: ConnectionOptions, context: AbortContext) => ConnectionType;
      connectionOptions: ConnectionOptions;
    };
export type CreateConnectionPoolOptions<ConnectionType extends AnyConnection> = Pick<
  ConnectionPool<ConnectionType>,
  'driverType'
> &
  Partial<ConnectionPool<ConnectionType>> & {
    getConnection: (context: AbortContext) => ConnectionType;
  };

/** New connection per statement, withConnection and transaction, closed afterwards. */
export declare const createConnectionPool: <ConnectionType extends AnyConnection>(
  pool: CreateConnectionPoolOptions<ConnectionType>,
) => ConnectionPool<ConnectionType>;
/** Everything on one caller-owned connection, never closed by the pool. */
export declare const createAmbientConnectionPool: <ConnectionType extends AnyConnection>(
  options: AmbientConnectionPoolOptions<ConnectionType>,
) => ConnectionPool<ConnectionType>;
/** One shared connection opened on first use; close() drains work, then closes it. */
export declare const createSingletonConnectionPool: <ConnectionType extends AnyConnection>(
  options: SingletonConnectionPoolOptions<ConnectionType>,
) => ConnectionPool<ConnectionType>;
/** At most maxConnections in use (FIFO waiting, released ones reused). */
export declare const createBoundedConnectionPool: <ConnectionType extends AnyConnection>(
  options: CreateBoundedConnectionPoolOptions<ConnectionType>,
) => ConnectionPool<ConnectionType>;
/** A singleton pool over `connectionFactory({ dbClient })`. */
export declare const createSingletonClientConnectionPool: <ConnectionType extends AnyConnection>(
  options: SingletonClientConnectionPoolOptions<ConnectionType>,
) => ConnectionPool<ConnectionType>;
/** createConnectionPool, with `connectionOptions` passed to getConnection. */
export declare const createAlwaysNewConnectionPool: <
  ConnectionType extends AnyConnection,
  ConnectionOptions extends Record<string, unknown> | undefined = undefined,
>(
  options: CreateAlwaysNewConnectionPoolOptions<ConnectionType, ConnectionOptions>,
) => ConnectionPool<ConnectionType>;

export declare const sqlExecutorInNewConnection: <ConnectionType extends AnyConnection>(options: {
  driverType: ConnectionType['driverType'];
  connection: (context: AbortContext) => Promise<ConnectionType>;
}) => SQLExecutor;
export declare const sqlExecutorInAmbientConnection: typeof sqlExecutorInNewConnection;
export declare const executeInNewDbClient: <DbClient = unknown, Result = unknown>(
  handle: (client: DbClient) => Promise<Result>,
  options: {
    connect: (context: AbortContext) => Promise<DbClient>;
    close?: (client: DbClient, error?: unknown) => Promise<void>;
  } & AbortOptions,
) => Promise<Result>;
export declare const executeInNewConnection: <ConnectionType extends AnyConnection, Result>(
  handle: (connection: ConnectionType) => Promise<Result>,
  options: { connection: (context: AbortContext) => Promise<ConnectionType> } & AbortOptions,
) => Promise<Result>;
export declare const executeInAmbientConnection: typeof executeInNewConnection;

export type TransactionNestingCounter = {
  increment: () => void;
  decrement: () => void;
  reset: () => void;
  level: number;
};
export declare const transactionNestingCounter: () => TransactionNestingCounter;

export declare const transactionFactoryWithDbClient: <ConnectionType extends AnyConnection = AnyConnection>(
  connect: (context: AbortContext) => Promise<InferDbClientFromConnection<ConnectionType>>,
  initTransaction: ReturnType<InitTransaction<ConnectionType>>,
) => WithDatabaseTransactionFactory<ConnectionType>;
export declare const transactionFactoryWithNewConnection: <ConnectionType extends AnyConnection = AnyConnection>(
  connect: (context: AbortContext) => ConnectionType,
) => WithDatabaseTransactionFactory<ConnectionType>;
export declare const transactionFactoryWithAmbientConnection: typeof transactionFactoryWithNewConnection;
export declare const transactionFactoryWithAsyncAmbientConnection: <ConnectionType extends AnyConnection = AnyConnection>(
  driverType: ConnectionType['driverType'],
  connect: (context: AbortContext) => Promise<ConnectionType>,
  close?: (connection: ConnectionType) => void | Promise<void>,
) => WithDatabaseTransactionFactory<ConnectionType>;

/** begin/commit/rollback only: what databaseTransaction(backend, options) returns. */
export type TransactionLifecycle = {
  begin: () => Promise<void>;
  commit: () => Promise<void>;
  rollback: (error?: unknown) => Promise<void>;
};
/** The SQL side of upstream's databaseTransaction(backend, options); savepoint steps optional. */
export type TransactionLifecycleBackend = TransactionLifecycle & {
  savepoint?: (level: number) => Promise<void>;
  releaseSavepoint?: (level: number) => Promise<void>;
  rollbackToSavepoint?: (level: number) => Promise<void>;
};

// Only the names marked `export` are public.
export {};
