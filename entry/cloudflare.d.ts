import type {
  AnyConnection,
  ConnectionPool,
  DatabaseTransaction,
  DatabaseTransactionOptions,
  StoragePluginCapabilities,
} from '../types/pool';
import type {
  AnySQLiteConnection,
  SQLiteClient,
  SQLiteClientOrPoolClient,
  SQLitePoolClient,
  SQLiteConnectionOptions as BaseSQLiteConnectionOptions,
  SQLiteTransaction,
} from '../types/sqlite-factories';
import type { DumboDriverPlugin } from '../types/drivers';
import type { SQLiteDriverType, SQLiteConnection as SQLiteConnectionOfSqlite } from './sqlite';
import type {
  BatchSQLCommandOptions,
  JSONSerializationOptions,
  JSONSerializer,
  QueryResult,
  QueryResultRow,
  SQL,
  SQLCommandOptions,
  SQLExecutor,
  SQLFormatter,
  SQLQueryOptions,
  DumboError,
} from '../types/core';

// The driver-independent SQLite parts (the same values as `@event-driven-io/dumbo/sqlite`).
export {
  DEFAULT_SQLITE_PRAGMA_OPTIONS,
  DefaultSQLiteMigratorOptions,
  DumboError,
  InMemorySQLiteDatabase,
  SQLiteDatabaseName,
  SQLiteJSON,
  defaultSQLiteDatabase,
  indexExists,
  isInMemoryDatabase,
  isSQLiteConnectionString,
  isSQLiteError,
  mapSqliteError,
  parsePragmasFromConnectionString,
  sqliteFormatter,
  sqliteIndexName,
  sqliteMetadata,
  sqliteTableName,
  tableExists,
} from './sqlite';
export type {
  SQLitePragmaOptions,
  SQLiteTransactionMode,
  SQLiteTransactionOptions,
} from './sqlite';
// upstream's SQLite building blocks for JS drivers (sqliteConnection here is upstream's
// `type: 'Client' | 'PoolClient'` one).
export {
  sqliteSQLExecutor,
  sqliteExecute,
  sqliteTransaction,
  sqliteAmbientClientConnection,
  sqliteClientConnection,
  sqlitePoolClientConnection,
  sqliteConnection,
  sqliteSingletonConnectionPool,
  sqliteAlwaysNewConnectionPool,
  toSqlitePoolOptions,
} from '../types/sqlite-factories';
export type * from '../types/sqlite-factories';

// Shapes /sqlite does not declare upstream's way yet (type arguments, a type beside a value).
// Without type arguments, upstream's connection over a SQLite client (on /sqlite: the native one).
export type SQLiteConnection<
  Self extends AnyConnection = AnyConnection,
  DriverType extends SQLiteDriverType = SQLiteDriverType,
  SQLiteClientType extends SQLiteClientOrPoolClient = SQLiteClient | SQLitePoolClient,
  TransactionType extends DatabaseTransaction<Self> = DatabaseTransaction<Self>,
> = SQLiteConnectionOfSqlite<Self, DriverType, SQLiteClientType, TransactionType>;
export type SQLiteConnectionOptions<_ConnectionType extends AnySQLiteConnection = AnySQLiteConnection> =
  BaseSQLiteConnectionOptions;
export type SQLitePoolFactoryOptions<
  SQLiteConnectionType extends AnySQLiteConnection,
  ConnectionOptionsType extends SQLiteConnectionOptions,
> = Omit<SQLitePoolOptions<SQLiteConnectionType, ConnectionOptionsType>, 'singleton'> & { singleton?: boolean };
export { SQLiteConnectionString } from './sqlite';
export type { SQLiteDatabaseType, SQLiteError, SQLiteFileNameOrConnectionString } from './sqlite';
export type SQLitePool<_SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> = ConnectionPool<any>;
export type SQLiteAmbientConnectionPool<_SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> =
  ConnectionPool<any>;

/** upstream's generic sqlitePool options: an ambient connection, or a connection factory. */
export type SQLitePoolOptions<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ConnectionOptionsType = unknown> = {
  driverType: SQLiteConnectionType['driverType'];
  serializer?: JSONSerializer;
} & (
  | { connection: SQLiteConnectionType; singleton?: true; sqliteConnectionFactory?: never; connectionOptions?: never }
  | {
      connection?: never;
      singleton?: boolean;
      sqliteConnectionFactory: (options: ConnectionOptionsType) => SQLiteConnectionType;
      connectionOptions: ConnectionOptionsType;
    }
);
/** An existing `connection` → ambient; `singleton: true` → one shared connection; else one per use. */
export declare function sqlitePool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ConnectionOptionsType = unknown>(
  options: SQLitePoolOptions<SQLiteConnectionType, ConnectionOptionsType>,
): SQLitePool<SQLiteConnectionType>;
export declare const sqliteAmbientConnectionPool: <SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection>(options: {
  connection: SQLiteConnectionType;
  driverType?: SQLiteConnectionType['driverType'];
}) => SQLiteAmbientConnectionPool<SQLiteConnectionType>;

// The D1 binding, structurally: what this driver calls. A `D1Database` from
// `@cloudflare/workers-types` (or Miniflare's getD1Database()) is one.
interface D1PreparedStatementLike {
  bind(...values: unknown[]): D1PreparedStatementLike;
  all<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
  run<T = Record<string, unknown>>(): Promise<D1ResultLike<T>>;
}
interface D1ResultLike<T = unknown> {
  results?: T[];
  meta?: { changes?: number };
}
interface D1DatabaseSessionLike {
  prepare(query: string): D1PreparedStatementLike;
  batch<T = unknown>(statements: D1PreparedStatementLike[]): Promise<D1ResultLike<T>[]>;
  getBookmark(): string | null;
}
interface D1DatabaseLike {
  prepare(query: string): D1PreparedStatementLike;
  batch<T = unknown>(statements: D1PreparedStatementLike[]): Promise<D1ResultLike<T>[]>;
  withSession(constraintOrBookmark?: string): D1DatabaseSessionLike;
}
/** A D1 session constraint (`'first-primary'`, `'first-unconstrained'`) or a bookmark. */
type D1SessionConstraintOrBookmark = string;

export type D1DatabaseOrSession = D1DatabaseLike | D1DatabaseSessionLike;

export type D1DriverType = SQLiteDriverType<'d1'>;
export declare const D1DriverType: D1DriverType;

export type D1ClientOptions = {
  database: D1DatabaseLike;
  session?: D1DatabaseSessionLike | undefined;
  serializer: JSONSerializer;
};

export type D1SessionOptions = {
  constraintOrBookmark?: D1SessionConstraintOrBookmark;
};

export type D1Client = {
  database: D1DatabaseLike;
  session?: D1DatabaseSessionLike | undefined;
  connect(): Promise<void>;
  close(): Promise<void>;
  /** A client on a new D1 session (a constraint or bookmark, alone or as `{ constraintOrBookmark }`). */
  withSession(constraintOrBookmark?: D1SessionOptions | D1SessionConstraintOrBookmark): Promise<D1Client>;
  query<Result extends QueryResultRow = QueryResultRow>(sql: SQL, options?: SQLQueryOptions): Promise<QueryResult<Result>>;
  batchQuery<Result extends QueryResultRow = QueryResultRow>(sqls: SQL[], options?: SQLQueryOptions): Promise<QueryResult<Result>[]>;
  command<Result extends QueryResultRow = QueryResultRow>(sql: SQL, options?: SQLCommandOptions): Promise<QueryResult<Result>>;
  batchCommand<Result extends QueryResultRow = QueryResultRow>(sqls: SQL[], options?: BatchSQLCommandOptions): Promise<QueryResult<Result>[]>;
};
export declare const d1Client: (options: Omit<D1ClientOptions, 'serializer'> & { serializer?: JSONSerializer }) => D1Client;

/** `'session_based'`: a transaction is a D1 session (no rollback); otherwise begin() throws. */
export type D1TransactionMode = 'session_based' | 'strict';
export type D1TransactionOptions = DatabaseTransactionOptions & {
  d1Session?: D1SessionOptions;
  mode?: D1TransactionMode;
};
// The D1 connection, transaction and pool, spelled out (upstream's shapes: a
// Connection<D1Connection, D1DriverType, D1Client, D1Transaction>, a
// DatabaseTransaction<D1Connection, D1TransactionOptions>, a ConnectionPool<D1Connection>).
type D1TransactionHandler<Result> = (
  transaction: D1Transaction,
  context: { abort: { signal: AbortSignal } },
) => Promise<Result | { success: boolean; result: Result }>;

export interface D1Transaction {
  readonly driverType: D1DriverType;
  readonly connection: D1Connection;
  readonly execute: SQLExecutor;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(error?: unknown): Promise<void>;
  withTransaction<Result = never>(handle: D1TransactionHandler<Result>, options?: D1TransactionOptions): Promise<Result>;
  readonly _transactionOptions: D1TransactionOptions;
}

/** Thrown by begin() unless `mode: 'session_based'`; a plain Error, not a DumboError. */
export declare class D1TransactionNotSupportedError extends Error {
  constructor();
}

export declare const d1Transaction: (
  connection: () => D1Connection,
  serializer: JSONSerializer,
  defaultOptions?: D1TransactionOptions,
) => (
  getClient: Promise<D1Client>,
  options?: { close: (client: D1Client, error?: unknown) => Promise<void> } & D1TransactionOptions,
) => D1Transaction;

export interface D1Connection {
  readonly driverType: D1DriverType;
  readonly execute: SQLExecutor;
  open(): Promise<D1Client>;
  close(): Promise<void>;
  transaction(options?: D1TransactionOptions): D1Transaction;
  withTransaction<Result = never>(handle: D1TransactionHandler<Result>, options?: D1TransactionOptions): Promise<Result>;
  /** Type-level only: the connection's transaction type. */
  readonly _transactionType: D1Transaction;
  d1Session(constraintOrBookmark?: D1SessionOptions | D1SessionConstraintOrBookmark): Promise<D1Connection>;
  withD1Session<Result = never>(
    handle: (connection: D1Connection) => Promise<Result>,
    options?: D1SessionOptions | D1SessionConstraintOrBookmark,
  ): Promise<Result>;
}

export type D1ConnectionOptions = {
  client?: D1Client;
  connection?: D1Connection;
  transaction?: D1Transaction;
  transactionOptions?: D1TransactionOptions;
  skipDatabasePragmas?: boolean;
} & D1ClientOptions;
export declare const d1Connection: (options: D1ConnectionOptions) => D1Connection;

export type D1PoolOptions = Omit<D1ConnectionOptions, 'serializer' | 'database'> & {
  database?: D1DatabaseLike;
} & JSONSerializationOptions;
export interface D1ConnectionPool {
  readonly driverType: D1DriverType;
  readonly execute: SQLExecutor;
  connection(options?: { abort?: { signal: AbortSignal } }): Promise<D1Connection>;
  withConnection<Result = unknown>(
    handle: (connection: D1Connection, context: { abort: { signal: AbortSignal } }) => Promise<Result>,
    options?: { abort?: { signal: AbortSignal } },
  ): Promise<Result>;
  transaction(options?: D1TransactionOptions): D1Transaction;
  withTransaction<Result = never>(handle: D1TransactionHandler<Result>, options?: D1TransactionOptions): Promise<Result>;
  close(options?: { force?: boolean; closeDeadline?: number }): Promise<void>;
}
/** A singleton pool over one connection to the binding. */
export declare const d1Pool: (options: D1PoolOptions) => D1ConnectionPool;

/** Maps an error thrown by a D1 binding (information in its message) to a DumboError. */
export declare const mapD1Error: (error: unknown) => DumboError;

/** The driver's executor: methods take the client first; errors mapped by mapD1Error. */
export type D1SQLExecutor = {
  readonly driverType: D1DriverType;
  readonly formatter: SQLFormatter;
  query<Result extends QueryResultRow = QueryResultRow>(client: D1Client, sql: SQL, options?: SQLQueryOptions): Promise<QueryResult<Result>>;
  batchQuery<Result extends QueryResultRow = QueryResultRow>(client: D1Client, sqls: SQL[], options?: SQLQueryOptions): Promise<QueryResult<Result>[]>;
  command<Result extends QueryResultRow = QueryResultRow>(client: D1Client, sql: SQL, options?: SQLCommandOptions): Promise<QueryResult<Result>>;
  batchCommand<Result extends QueryResultRow = QueryResultRow>(client: D1Client, sqls: SQL[], options?: BatchSQLCommandOptions): Promise<QueryResult<Result>[]>;
};
export declare const d1SQLExecutor: () => D1SQLExecutor;

export type D1DumboOptions = D1PoolOptions;
/** The 'SQLite:d1' driver: upstream's DumboDatabaseDriver and the RFC's StoragePlugin in one object. */
export declare const d1DumboDriver: DumboDriverPlugin<D1DriverType, D1Connection, D1DumboOptions, D1ConnectionPool> & {
  readonly connector: D1DriverType;
  readonly capabilities: StoragePluginCapabilities;
};
/** Registers the driver as 'SQLite:d1' (done when the entry is imported). */
export declare const useD1DumboDriver: () => void;
export type D1DumboConnectionOptions = D1PoolOptions & {
  driverType?: D1DriverType;
  database: D1DatabaseLike;
};
