// Upstream's SQLite building blocks for JS drivers that supply a SQLiteClient
// (lib/sqlite/clients): executors, transactions, connections and pools over it.
// Exported by `@event-driven-io/dumbo/sqlite` and `@event-driven-io/dumbo/cloudflare`.
import type { DumboError, JSONSerializer, SQLExecutor, SQLFormatter } from './core';
import type { ConnectionPool, DatabaseTransactionOptions } from './pool';
import type {
  AnyConnection,
  ConnectionOptions,
  DbSQLExecutor,
  InferDbClientFromConnection,
  InferTransactionFromConnection,
  InitTransaction,
} from './connections';

export type SQLiteTransactionMode = 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE';

/** A JS driver's client: connect/close and the four executor methods. */
export type SQLiteClient = { connect: () => Promise<void>; close: () => Promise<void> } & SQLExecutor;
/** A client borrowed from the driver's own pool: released instead of closed. */
export type SQLitePoolClient = { release: () => void } & SQLExecutor;
export type SQLiteClientOrPoolClient = SQLitePoolClient | SQLiteClient;
export type SQLiteClientOptions = {
  pragmaOptions?: Record<string, unknown>;
  defaultTransactionMode?: SQLiteTransactionMode;
  skipDatabasePragmas?: boolean;
  readonly?: boolean;
};
export type SQLiteClientFactory<SQLiteClientType extends SQLiteClient = SQLiteClient, ClientOptions = SQLiteClientOptions> = (
  options: ClientOptions,
) => SQLiteClientType;

export type AnySQLiteConnection = AnyConnection;
export type AnySQLiteClientConnection = AnyConnection;
export type AnySQLitePoolClientConnection = AnyConnection;

export type SQLiteConnectionOptions<ConnectionType extends AnySQLiteConnection = AnySQLiteConnection> =
  ConnectionOptions<ConnectionType> & SQLiteClientOptions;

export type SQLiteErrorMapper = (error: unknown) => DumboError;
export type SQLiteSQLExecutor<DriverType extends string = string> = DbSQLExecutor<DriverType, SQLiteClient>;
export declare const sqliteSQLExecutor: <DriverType extends string = string>(
  driverType: DriverType,
  serializer: JSONSerializer,
  formatter?: SQLFormatter,
  errorMapper?: SQLiteErrorMapper,
) => SQLiteSQLExecutor<DriverType>;
export declare const sqliteExecute: <Result = void>(
  database: SQLiteClient,
  handle: (client: SQLiteClient) => Promise<Result>,
) => Promise<Result>;

export type SQLiteClientTransactionOptions = DatabaseTransactionOptions & {
  mode?: SQLiteTransactionMode;
  useSavepoints?: boolean;
};
export declare const sqliteTransaction: <ConnectionType extends AnySQLiteConnection = AnySQLiteConnection>(
  driverType: ConnectionType['driverType'],
  connection: () => ConnectionType,
  defaultOptions: boolean | SQLiteClientTransactionOptions,
  serializer: JSONSerializer,
  defaultTransactionMode?: SQLiteTransactionMode,
) => (
  getClient: Promise<InferDbClientFromConnection<ConnectionType>>,
  options?: { close: (client: InferDbClientFromConnection<ConnectionType>, error?: unknown) => Promise<void> } & SQLiteClientTransactionOptions,
) => InferTransactionFromConnection<ConnectionType>;

export type SqliteAmbientClientConnectionOptions<SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection> = {
  driverType: SQLiteConnectionType['driverType'];
  client: InferDbClientFromConnection<SQLiteConnectionType>;
  initTransaction?: InitTransaction<SQLiteConnectionType>;
  allowNestedTransactions?: boolean;
  defaultTransactionMode?: SQLiteTransactionMode;
  serializer: JSONSerializer;
  errorMapper?: SQLiteErrorMapper;
};
export type SQLiteClientConnectionDefinitionOptions<
  SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection,
  ClientOptions = SQLiteConnectionOptions,
> = {
  driverType: SQLiteConnectionType['driverType'];
  type: 'Client';
  sqliteClientFactory: SQLiteClientFactory<SQLiteClient, ClientOptions>;
  connectionOptions: SQLiteConnectionOptions<SQLiteConnectionType>;
  serializer: JSONSerializer;
};
export type SQLitePoolConnectionDefinitionOptions<
  SQLiteConnectionType extends AnySQLitePoolClientConnection = AnySQLitePoolClientConnection,
  ClientOptions = SQLiteConnectionOptions,
> = Omit<SQLiteClientConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>, 'type' | 'sqliteClientFactory'> & {
  type: 'PoolClient';
  sqliteClientFactory: (options: ClientOptions) => SQLitePoolClient & { connect: () => Promise<void> };
};
export type SQLiteConnectionDefinitionOptions<
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ClientOptions = SQLiteClientOptions,
> =
  | SQLiteClientConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>
  | SQLitePoolConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>;
export type SQLiteConnectionFactory<
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ConnectionOptionsType extends SQLiteConnectionOptions = SQLiteConnectionOptions,
> = (options: ConnectionOptionsType) => SQLiteConnectionType;

export declare const sqliteAmbientClientConnection: <SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection>(
  options: SqliteAmbientClientConnectionOptions<SQLiteConnectionType>,
) => SQLiteConnectionType;
export declare const sqliteClientConnection: <SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection, ClientOptions = SQLiteClientOptions>(
  options: SQLiteClientConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>,
) => SQLiteConnectionType;
export declare const sqlitePoolClientConnection: <SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection, ClientOptions = SQLiteClientOptions>(
  options: SQLitePoolConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>,
) => SQLiteConnectionType;
/** upstream's sqliteConnection: `type: 'Client'` or `'PoolClient'`. */
export declare function sqliteClientsConnection<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ClientOptions = SQLiteClientOptions>(
  options: SQLiteConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>,
): SQLiteConnectionType;

type FactoryPoolOptions<SQLiteConnectionType extends AnySQLiteConnection, ConnectionOptionsType> = {
  driverType: SQLiteConnectionType['driverType'];
  sqliteConnectionFactory: (options: ConnectionOptionsType) => SQLiteConnectionType;
  connectionOptions: ConnectionOptionsType;
};
export type SQLiteAmbientConnectionPool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> = ConnectionPool<any> & { _connectionType?: SQLiteConnectionType };
export type SQLiteSingletonConnectionPool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> = ConnectionPool<any> & { _connectionType?: SQLiteConnectionType };
export type SQLiteAlwaysNewConnectionPool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> = ConnectionPool<any> & { _connectionType?: SQLiteConnectionType };
export declare const sqliteSingletonConnectionPool: <SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ConnectionOptionsType = SQLiteConnectionOptions>(
  options: FactoryPoolOptions<SQLiteConnectionType, ConnectionOptionsType>,
) => SQLiteSingletonConnectionPool<SQLiteConnectionType>;
export declare const sqliteAlwaysNewConnectionPool: <SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ConnectionOptionsType = SQLiteConnectionOptions>(
  options: FactoryPoolOptions<SQLiteConnectionType, ConnectionOptionsType>,
) => SQLiteAlwaysNewConnectionPool<SQLiteConnectionType>;

/** upstream's generic sqlitePool options: an ambient connection, or a connection factory. */
export type SQLiteClientsPoolOptions<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ConnectionOptionsType = SQLiteConnectionOptions> = {
  driverType: SQLiteConnectionType['driverType'];
  serializer?: JSONSerializer;
} & (
  | { connection: SQLiteConnectionType; singleton?: true; sqliteConnectionFactory?: never; connectionOptions?: never }
  | ({ singleton?: boolean; connection?: never } & Omit<FactoryPoolOptions<SQLiteConnectionType, ConnectionOptionsType>, 'driverType'>)
);
export declare const toSqlitePoolOptions: <Options extends { singleton?: boolean; client?: unknown; fileName?: string; connectionString?: string }>(
  options: Options,
) => Omit<Options, 'singleton'> & { singleton?: true };
export declare function sqliteClientsPool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ConnectionOptionsType = SQLiteConnectionOptions>(
  options: SQLiteClientsPoolOptions<SQLiteConnectionType, ConnectionOptionsType>,
): ConnectionPool<any>;
export declare const sqliteClientsAmbientConnectionPool: <SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection>(options: {
  connection: SQLiteConnectionType;
  driverType?: SQLiteConnectionType['driverType'];
}) => SQLiteAmbientConnectionPool<SQLiteConnectionType>;
