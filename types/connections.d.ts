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
  AbortOptions,
  ConnectionPool,
  DatabaseTransactionOptions,
  PoolCloseOptions,
  WithConnectionOptions,
} from './pool';

/** What a callback receives: the abort of the work it runs in. */
export type AbortContext = { abort: { signal: AbortSignal } };

export interface WithSQLExecutor {
  execute: SQLExecutor;
}

export type DbSQLExecutorOptions = { serializer: JSONSerializer };

/** A driver's statement runner: every method takes the client first. */
export interface DbSQLExecutor<DriverType extends string = string, DbClient = unknown> {
  driverType: DriverType;
  query<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sql: SQL, options?: SQLQueryOptions): Promise<QueryResult<Result>>;
  batchQuery<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sqls: SQL[], options?: SQLQueryOptions): Promise<QueryResult<Result>[]>;
  command<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sql: SQL, options?: SQLCommandOptions): Promise<QueryResult<Result>>;
  batchCommand<Result extends QueryResultRow = QueryResultRow>(client: DbClient, sqls: SQL[], options?: BatchSQLCommandOptions): Promise<QueryResult<Result>[]>;
  formatter: SQLFormatter;
}

/** Any connection the factories can work with (built-in, plugin or upstream-shaped). */
export interface AnyConnection extends WithSQLExecutor {
  driverType: string;
  open: (context?: AbortContext) => Promise<any>;
  close: () => Promise<void>;
  transaction: (options?: any) => any;
  withTransaction: (handle: (transaction: any, context: any) => Promise<any>, options?: any) => Promise<any>;
}

/** Any transaction a connection hands out. */
export interface AnyDatabaseTransaction extends WithSQLExecutor {
  driverType: string;
  begin: () => Promise<void>;
  commit: () => Promise<void>;
  rollback: (error?: unknown) => Promise<void>;
}

export type InferDriverTypeFromConnection<C extends AnyConnection> = C['driverType'];
export type InferDbClientFromConnection<C extends AnyConnection> = C extends {
  open: (...args: any[]) => Promise<infer DbClient>;
}
  ? DbClient
  : never;
// `_transactionType` first: a connection typed through WithDatabaseTransactionFactory<Self>
// would otherwise refer to itself.
export type InferTransactionFromConnection<C extends AnyConnection> = C extends { _transactionType: infer T }
  ? T
  : ReturnType<C['transaction']>;
export type InferTransactionOptionsFromTransaction<T> = T extends { _transactionOptions: infer O }
  ? O
  : DatabaseTransactionOptions;
export type InferTransactionOptionsFromConnection<C extends AnyConnection> = C extends { _transactionType: infer T }
  ? InferTransactionOptionsFromTransaction<T>
  : NonNullable<Parameters<C['transaction']>[0]>;

/** The transaction result protocol: `{ success: false }` rolls back without throwing. */
export type TransactionResultOf<Result> = { success: boolean; result: Result };

export interface WithDatabaseTransactionFactory<ConnectionType extends AnyConnection = AnyConnection> {
  transaction: (options?: InferTransactionOptionsFromConnection<ConnectionType>) => InferTransactionFromConnection<ConnectionType>;
  withTransaction: <Result = never>(
    handle: (
      transaction: InferTransactionFromConnection<ConnectionType>,
      context: AbortContext,
    ) => Promise<TransactionResultOf<Result> | Result>,
    options?: InferTransactionOptionsFromConnection<ConnectionType>,
  ) => Promise<Result>;
}

export interface WithConnectionFactory<ConnectionType extends AnyConnection = AnyConnection> {
  connection: (options?: WithConnectionOptions) => Promise<ConnectionType>;
  withConnection: <Result = unknown>(
    handle: (connection: ConnectionType, context: AbortContext) => Promise<Result>,
    options?: WithConnectionOptions,
  ) => Promise<Result>;
}

export type ConnectionOptions<ConnectionType extends AnyConnection = AnyConnection> = {
  driverType?: ConnectionType['driverType'];
  transactionOptions?: InferTransactionOptionsFromConnection<ConnectionType>;
};
export type ConnectionFactory<ConnectionType extends AnyConnection = AnyConnection> = (
  options: ConnectionOptions<ConnectionType>,
) => ConnectionType;

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

export type ConnectionPoolFactory<ConnectionPoolType extends ConnectionPool<any> = ConnectionPool<any>, ConnectionPoolOptions = unknown> = (
  options: ConnectionPoolOptions,
) => ConnectionPoolType;

/** What the generic pool factories return: upstream's ConnectionPool<ConnectionType>. */
export interface GenericConnectionPool<ConnectionType extends AnyConnection = AnyConnection>
  extends WithSQLExecutor,
    WithConnectionFactory<ConnectionType>,
    WithDatabaseTransactionFactory<ConnectionType> {
  driverType: ConnectionType['driverType'];
  close: (options?: PoolCloseOptions) => Promise<void>;
}

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
  GenericConnectionPool<ConnectionType>,
  'driverType'
> &
  Partial<GenericConnectionPool<ConnectionType>> & {
    getConnection: (context: AbortContext) => ConnectionType;
  };

/** New connection per statement, withConnection and transaction, closed afterwards. */
export declare const createConnectionPool: <ConnectionType extends AnyConnection>(
  pool: CreateConnectionPoolOptions<ConnectionType>,
) => GenericConnectionPool<ConnectionType>;
/** Everything on one caller-owned connection, never closed by the pool. */
export declare const createAmbientConnectionPool: <ConnectionType extends AnyConnection>(
  options: AmbientConnectionPoolOptions<ConnectionType>,
) => GenericConnectionPool<ConnectionType>;
/** One shared connection opened on first use; close() drains work, then closes it. */
export declare const createSingletonConnectionPool: <ConnectionType extends AnyConnection>(
  options: SingletonConnectionPoolOptions<ConnectionType>,
) => GenericConnectionPool<ConnectionType>;
/** At most maxConnections in use (FIFO waiting, released ones reused). */
export declare const createBoundedConnectionPool: <ConnectionType extends AnyConnection>(
  options: CreateBoundedConnectionPoolOptions<ConnectionType>,
) => GenericConnectionPool<ConnectionType>;
/** A singleton pool over `connectionFactory({ dbClient })`. */
export declare const createSingletonClientConnectionPool: <ConnectionType extends AnyConnection>(
  options: SingletonClientConnectionPoolOptions<ConnectionType>,
) => GenericConnectionPool<ConnectionType>;
/** createConnectionPool, with `connectionOptions` passed to getConnection. */
export declare const createAlwaysNewConnectionPool: <
  ConnectionType extends AnyConnection,
  ConnectionOptions extends Record<string, unknown> | undefined = undefined,
>(
  options: CreateAlwaysNewConnectionPoolOptions<ConnectionType, ConnectionOptions>,
) => GenericConnectionPool<ConnectionType>;

export declare const sqlExecutorInNewConnection: <ConnectionType extends AnyConnection>(options: {
  driverType: ConnectionType['driverType'];
  connection: (context: AbortContext) => Promise<ConnectionType>;
}) => SQLExecutor;
export declare const sqlExecutorInAmbientConnection: <ConnectionType extends AnyConnection>(options: {
  driverType: ConnectionType['driverType'];
  connection: (context: AbortContext) => Promise<ConnectionType>;
}) => SQLExecutor;
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
export declare const executeInAmbientConnection: <ConnectionType extends AnyConnection, Result>(
  handle: (connection: ConnectionType) => Promise<Result>,
  options: { connection: (context: AbortContext) => Promise<ConnectionType> } & AbortOptions,
) => Promise<Result>;

export type TransactionNestingCounter = {
  increment: () => void;
  decrement: () => void;
  reset: () => void;
  level: number;
};
export declare const transactionNestingCounter: () => TransactionNestingCounter;

export declare const transactionFactoryWithDbClient: <ConnectionType extends AnyConnection = AnyConnection>(
  connect: (context: AbortContext) => Promise<InferDbClientFromConnection<ConnectionType>>,
  initTransaction: (
    client: Promise<InferDbClientFromConnection<ConnectionType>>,
    options?: InferTransactionOptionsFromConnection<ConnectionType> & {
      close: (client: InferDbClientFromConnection<ConnectionType>, error?: unknown) => Promise<void>;
    },
  ) => InferTransactionFromConnection<ConnectionType>,
) => WithDatabaseTransactionFactory<ConnectionType>;
export declare const transactionFactoryWithNewConnection: <ConnectionType extends AnyConnection = AnyConnection>(
  connect: (context: AbortContext) => ConnectionType,
) => WithDatabaseTransactionFactory<ConnectionType>;
export declare const transactionFactoryWithAmbientConnection: <ConnectionType extends AnyConnection = AnyConnection>(
  connect: (context: AbortContext) => ConnectionType,
) => WithDatabaseTransactionFactory<ConnectionType>;
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
