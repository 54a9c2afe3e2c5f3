// upstream's SQLite building blocks ('/sqlite'; sqlite3Client and sqlite3Connection in
// '/sqlite3'): lib/sqlite/factories.cjs and lib/sqlite/client.cjs.
import type {
  BatchSQLCommandOptions,
  DumboError,
  JSONSerializer,
  SQLCommandOptions,
  SQLExecutor,
  SQLFormatter,
} from './core';
import type { DbSQLExecutor, GenericConnectionPool, InitTransaction } from './connections';
import type {
  AbortContext,
  AnyConnection,
  Connection,
  DatabaseTransaction,
  InferDbClientFromConnection,
  InferTransactionFromConnection,
  WithDatabaseTransactionFactory,
} from './pool';

import type {
  SQLitePragmaOptions as Pragmas,
  SQLiteTransactionMode as Mode,
  SQLiteTransactionOptions,
} from '../entry/sqlite';

export type SQLiteDriverType<DriverName extends string = string> = `SQLite:${DriverName}`;

export type SQLiteCommandOptions = SQLCommandOptions & { ignoreChangesCount?: boolean };
export type BatchSQLiteCommandOptions = SQLiteCommandOptions & BatchSQLCommandOptions;
export type SQLiteParameters = object | string | bigint | number | boolean | null;

/** A client that owns its database: connect/close plus an SQLExecutor's methods. */
export type SQLiteClient = { connect: () => Promise<void>; close: () => Promise<void> } & SQLExecutor;
/** A client borrowed from a pool: released, not closed. */
export type SQLitePoolClient = { release: () => void } & SQLExecutor;
export type SQLiteClientOrPoolClient = SQLitePoolClient | SQLiteClient;
export type SQLiteClientOptions = {
  pragmaOptions?: Partial<Pragmas>;
  defaultTransactionMode?: Mode;
  skipDatabasePragmas?: boolean;
  readonly?: boolean;
};
export type SQLiteClientFactory<SQLiteClientType extends SQLiteClient = SQLiteClient, ClientOptions = SQLiteClientOptions> = (
  options: ClientOptions,
) => SQLiteClientType;

export type SQLiteErrorMapper = (error: unknown) => DumboError;
export type SQLiteSQLExecutor<DriverType extends SQLiteDriverType = SQLiteDriverType> = DbSQLExecutor<DriverType, SQLiteClient>;

/** The transaction sqliteTransaction builds. */
export type SQLiteTransaction<
  ConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  TransactionOptions extends SQLiteTransactionOptions = SQLiteTransactionOptions,
> = DatabaseTransaction<ConnectionType, TransactionOptions>;

/** A connection over a client that owns its database. */
export type SQLiteClientConnection<
  Self extends AnyConnection = AnyConnection,
  DriverType extends SQLiteDriverType = SQLiteDriverType,
  SQLiteClientType extends SQLiteClient = SQLiteClient,
  TransactionType extends DatabaseTransaction<Self> = DatabaseTransaction<Self>,
> = Connection<Self, DriverType, SQLiteClientType, TransactionType>;
/** A connection over a client borrowed from a pool. */
export type SQLitePoolClientConnection<
  Self extends AnyConnection = AnyConnection,
  DriverType extends SQLiteDriverType = SQLiteDriverType,
  SQLitePoolClientType extends SQLitePoolClient = SQLitePoolClient,
  TransactionType extends DatabaseTransaction<Self> = DatabaseTransaction<Self>,
> = Connection<Self, DriverType, SQLitePoolClientType, TransactionType>;
export type AnySQLiteClientConnection = SQLiteClientConnection<any, any>;
export type AnySQLitePoolClientConnection = SQLitePoolClientConnection<any, any, any, any>;
export type AnySQLiteConnection = AnySQLiteClientConnection | AnySQLitePoolClientConnection;

export type SQLiteConnectionOptions<ConnectionType extends AnySQLiteConnection = AnySQLiteConnection> = SQLiteClientOptions & {
  driverType?: ConnectionType['driverType'];
  transactionOptions?: SQLiteTransactionOptions;
};
type DefinitionOptions<ConnectionType extends AnySQLiteConnection, ClientOptions, Type> = {
  driverType: ConnectionType['driverType'];
  type: Type;
  sqliteClientFactory: (options: ClientOptions) => InferDbClientFromConnection<ConnectionType>;
  connectionOptions: SQLiteConnectionOptions & ClientOptions;
  serializer: JSONSerializer;
};
export type SQLiteClientConnectionDefinitionOptions<
  SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection,
  ClientOptions = SQLiteConnectionOptions,
> = DefinitionOptions<SQLiteConnectionType, ClientOptions, 'Client'>;
export type SQLitePoolConnectionDefinitionOptions<
  SQLiteConnectionType extends AnySQLitePoolClientConnection = AnySQLitePoolClientConnection,
  ClientOptions = SQLiteConnectionOptions,
> = DefinitionOptions<SQLiteConnectionType, ClientOptions, 'PoolClient'>;
export type SQLiteConnectionDefinitionOptions<
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ClientOptions = SQLiteClientOptions,
> =
  | SQLiteClientConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>
  | SQLitePoolConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>;
export type SQLiteConnectionFactory<
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ConnectionOptions extends SQLiteConnectionOptions = SQLiteConnectionOptions,
> = (options: ConnectionOptions) => SQLiteConnectionType;
export type SqliteAmbientClientConnectionOptions<SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection> = {
  driverType: SQLiteConnectionType['driverType'];
  client: InferDbClientFromConnection<SQLiteConnectionType>;
  initTransaction?: InitTransaction<SQLiteConnectionType>;
  allowNestedTransactions?: boolean;
  defaultTransactionMode?: Mode;
  serializer: JSONSerializer;
  errorMapper?: SQLiteErrorMapper;
};

export declare const sqliteExecute: <Result = void>(
  database: SQLiteClient,
  handle: (client: SQLiteClient) => Promise<Result>,
) => Promise<Result>;
export declare const sqliteSQLExecutor: <DriverType extends SQLiteDriverType = SQLiteDriverType>(
  driverType: DriverType,
  serializer: JSONSerializer,
  formatter?: SQLFormatter,
  errorMapper?: SQLiteErrorMapper,
) => SQLiteSQLExecutor<DriverType>;
export declare const sqliteTransaction: <ConnectionType extends AnySQLiteConnection = AnySQLiteConnection>(
  driverType: ConnectionType['driverType'],
  connection: () => ConnectionType,
  defaultOptions: boolean | SQLiteTransactionOptions,
  serializer: JSONSerializer,
  defaultTransactionMode?: Mode,
) => (
  getClient: Promise<InferDbClientFromConnection<ConnectionType>>,
  options?: { close: (client: InferDbClientFromConnection<ConnectionType>, error?: unknown) => Promise<void> } & SQLiteTransactionOptions,
) => InferTransactionFromConnection<ConnectionType>;
export declare const sqliteAmbientClientConnection: <SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection>(
  options: SqliteAmbientClientConnectionOptions<SQLiteConnectionType>,
) => SQLiteConnectionType;
export declare const sqliteClientConnection: <SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection, ClientOptions = SQLiteClientOptions>(
  options: SQLiteClientConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>,
) => SQLiteConnectionType;
export declare const sqlitePoolClientConnection: <SQLiteConnectionType extends AnySQLiteClientConnection = AnySQLiteClientConnection, ClientOptions = SQLiteClientOptions>(
  options: SQLitePoolConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>,
) => SQLiteConnectionType;
/** upstream's form (`type: 'Client' | 'PoolClient'`). */
export declare function sqliteConnection<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection, ClientOptions = SQLiteClientOptions>(
  options: SQLiteConnectionDefinitionOptions<SQLiteConnectionType, ClientOptions>,
): SQLiteConnectionType;

export type SQLiteSingletonConnectionPool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> =
  GenericConnectionPool<SQLiteConnectionType>;
export type SQLiteAlwaysNewConnectionPool<SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection> =
  GenericConnectionPool<SQLiteConnectionType>;
export declare const sqliteSingletonConnectionPool: <
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ConnectionOptions extends SQLiteConnectionOptions & Record<string, unknown> = SQLiteConnectionOptions & Record<string, unknown>,
>(options: {
  driverType: SQLiteConnectionType['driverType'];
  singleton: true;
  pooled?: true;
  sqliteConnectionFactory: SQLiteConnectionFactory<SQLiteConnectionType, ConnectionOptions>;
  connection?: never;
  connectionOptions: ConnectionOptions;
}) => SQLiteSingletonConnectionPool<SQLiteConnectionType>;
export declare const sqliteAlwaysNewConnectionPool: <
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ConnectionOptions extends SQLiteConnectionOptions & Record<string, unknown> = SQLiteConnectionOptions & Record<string, unknown>,
>(options: {
  driverType: SQLiteConnectionType['driverType'];
  singleton?: false;
  pooled?: true;
  sqliteConnectionFactory: SQLiteConnectionFactory<SQLiteConnectionType, ConnectionOptions>;
  connection?: never;
  connectionOptions: ConnectionOptions;
}) => SQLiteAlwaysNewConnectionPool<SQLiteConnectionType>;

/** The type parameters are upstream's; the options do not depend on them here. */
export type SQLitePoolFactoryOptions<
  _SQLiteConnectionType extends AnyConnection,
  _ConnectionOptions extends SQLiteConnectionOptions,
> = Record<string, unknown> & {
  singleton?: boolean;
  fileName?: string;
  connectionString?: string;
  client?: unknown;
};
/** `singleton: true` for a client, ':memory:' or when asked; dropped otherwise. */
export declare const toSqlitePoolOptions: <Options extends SQLitePoolFactoryOptions<AnyConnection, SQLiteConnectionOptions>>(
  options: Options,
) => Omit<Options, 'singleton'> & { singleton?: true };

// '/sqlite3' only.
export type SQLite3DriverTypeName = 'SQLite:sqlite3';
export type SQLite3ClientOptions = SQLiteClientOptions &
  ({ fileName: string; connectionString?: never } | { connectionString: string; fileName?: never });
export type SQLite3Client = SQLiteClientOrPoolClient;
export type SQLite3Connection<ClientType extends SQLiteClientOrPoolClient = SQLiteClientOrPoolClient> = Connection<
  SQLite3Connection,
  SQLite3DriverTypeName,
  ClientType,
  SQLiteTransaction<SQLite3Connection, SQLiteTransactionOptions>
>;
export type SQLite3ConnectionOptions = SQLiteConnectionOptions & ((SQLite3ClientOptions & { client?: never }) | { client: SQLite3Client });
