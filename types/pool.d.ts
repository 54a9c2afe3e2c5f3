// Pools, connections, transactions and the plugin registry.
import type {
  BatchSQLCommandOptions,
  QueryResult,
  QueryResultRow,
  SQL,
  SQLCommandOptions,
  SQLExecutor,
  SQLFormatter,
  SQLQueryOptions,
} from './core';
import type { DbSQLExecutor, TransactionLifecycle, TransactionLifecycleBackend } from './connections';
import type {
  AnyDumboDatabaseDriver,
  DatabaseDriverType,
  DumboConnectionOptions,
  ExtractDumboDatabaseDriverOptions,
  ExtractDumboTypeFromDriver,
} from './drivers';
import type { JSONSerializationOptions } from './core';
import type { MigratorOptions, KindSchemaComponent } from './schema';

export type DatabaseType = string;
/** The plugin registry's name for a driver type (`'<DatabaseType>:<driverName>'`). */
export type ConnectorType = DatabaseDriverType;

export type Abort = {
  signal: AbortSignal;
};
export type AbortOptions = {
  abort?: Abort | undefined;
};
/** What a callback receives: the abort of the work it runs in. */
export type AbortContext = {
  abort: Abort;
};
/** A child abort: fires with its parent, or on its own `abort(reason)`. */
export type AbortScope = Abort & {
  abort: (reason?: unknown) => void;
  dispose: () => void;
};
export declare const Abort: {
  readonly execute: <Result>(operation: () => Promise<Result>, options?: AbortOptions) => Promise<Result>;
  readonly from: (options?: AbortOptions) => Abort;
  readonly never: Abort;
  readonly onAbort: (abort: Abort | undefined, handle: (reason: Error) => void) => () => void;
  readonly reason: (abort: Abort | AbortSignal) => Error;
  readonly rejectIfAborted: (options?: AbortOptions) => Promise<never> | undefined;
  readonly scope: (parent?: Abort, onAbort?: (reason: Error) => void) => AbortScope;
  readonly throwIfAborted: (options?: AbortOptions) => void;
};
/** This package's earlier name for AbortContext. */
export type TransactionCallbackContext = AbortContext;

/** `useSavepoints` is honoured by every built-in driver here (upstream: PostgreSQL only). */
export type DatabaseTransactionOptions = AbortOptions & {
  allowNestedTransactions?: boolean;
  useSavepoints?: boolean;
  readonly?: boolean;
};

/** The transaction result protocol: `{ success: false }` rolls back without throwing. */
export type TransactionResult<Result> = { success: boolean; result: Result };
/** This package's earlier name for TransactionResult. */
export type TransactionResultOf<Result> = TransactionResult<Result>;

// Connections and transactions with upstream's generic parameters: a connection names
// itself (`Self`), its driver type, its database client and its transaction type, and
// the transaction options are inferred from that transaction type.

export interface WithSQLExecutor {
  execute: SQLExecutor;
}

export interface DatabaseTransaction<
  ConnectionType extends AnyConnection = AnyConnection,
  TransactionOptionsType extends DatabaseTransactionOptions = DatabaseTransactionOptions,
> extends WithSQLExecutor {
  driverType: ConnectionType['driverType'];
  connection: ConnectionType;
  begin: () => Promise<void>;
  commit: () => Promise<void>;
  rollback: (error?: unknown) => Promise<void>;
  withTransaction: <Result = never>(
    handle: (
      transaction: DatabaseTransaction<ConnectionType, TransactionOptionsType>,
      context: AbortContext,
    ) => Promise<TransactionResult<Result> | Result>,
    options?: TransactionOptionsType,
  ) => Promise<Result>;
  /** Type-level only: the transaction's options type. */
  _transactionOptions: TransactionOptionsType;
}

export type AnyDatabaseTransaction = DatabaseTransaction<any, any>;

export type InferTransactionOptionsFromTransaction<C extends AnyDatabaseTransaction> =
  C extends DatabaseTransaction<any, infer TO> ? TO : never;

export interface WithDatabaseTransactionFactory<ConnectionType extends AnyConnection = AnyConnection> {
  transaction: (
    options?: InferTransactionOptionsFromConnection<ConnectionType>,
  ) => InferTransactionFromConnection<ConnectionType>;
  withTransaction: <Result = never>(
    handle: (
      transaction: InferTransactionFromConnection<ConnectionType>,
      context: AbortContext,
    ) => Promise<TransactionResult<Result> | Result>,
    options?: InferTransactionOptionsFromConnection<ConnectionType>,
  ) => Promise<Result>;
}

export interface Connection<
  Self extends AnyConnection = AnyConnection,
  DriverType extends DatabaseDriverType = DatabaseDriverType,
  DbClient = unknown,
  TransactionType extends DatabaseTransaction<Self, any> = DatabaseTransaction<Self, any>,
> extends WithSQLExecutor,
    WithDatabaseTransactionFactory<Self> {
  driverType: DriverType;
  open: (context?: AbortContext) => Promise<DbClient>;
  close: () => Promise<void>;
  /** Type-level only: the connection's transaction type (no runtime value). */
  _transactionType: TransactionType;
}

export type AnyConnection = Connection<AnyConnection, DatabaseDriverType, unknown, AnyDatabaseTransaction>;

export type InferDriverTypeFromConnection<C extends AnyConnection> =
  C extends Connection<any, infer DT, any, any> ? DT : never;
export type InferDbClientFromConnection<C extends AnyConnection> =
  C extends Connection<any, any, infer DC, any> ? DC : never;
export type InferTransactionFromConnection<C extends AnyConnection> =
  C extends Connection<any, any, any, infer TX> ? TX : never;
export type InferTransactionOptionsFromConnection<C extends AnyConnection> = InferTransactionOptionsFromTransaction<
  InferTransactionFromConnection<C>
>;

export type ConnectionOptions<ConnectionType extends AnyConnection = AnyConnection> = {
  driverType?: ConnectionType['driverType'];
  transactionOptions?: InferTransactionOptionsFromConnection<ConnectionType>;
};
export type ConnectionFactory<ConnectionType extends AnyConnection = AnyConnection> = (
  options: ConnectionOptions<ConnectionType>,
) => ConnectionType;

export type PoolCloseOptions = {
  force?: boolean;
  closeDeadline?: number;
};

export type WithConnectionOptions = AbortOptions & {
  readonly?: boolean;
};

export interface WithConnectionFactory<ConnectionType extends AnyConnection = AnyConnection> {
  connection: (options?: WithConnectionOptions) => Promise<ConnectionType>;
  withConnection: <Result = unknown>(
    handle: (connection: ConnectionType, context: AbortContext) => Promise<Result>,
    options?: WithConnectionOptions,
  ) => Promise<Result>;
}

export interface ConnectionPool<ConnectionType extends AnyConnection = AnyConnection>
  extends WithSQLExecutor,
    WithConnectionFactory<ConnectionType>,
    WithDatabaseTransactionFactory<ConnectionType> {
  driverType: ConnectionType['driverType'];
  close: (options?: PoolCloseOptions) => Promise<void>;
}

export type ConnectionPoolFactory<ConnectionPoolType extends ConnectionPool = ConnectionPool, ConnectionPoolOptions = unknown> = (
  options: ConnectionPoolOptions,
) => ConnectionPoolType;

/** Upstream's name for a pool: `Dumbo<DriverType, ConnectionType>`. */
export type Dumbo<
  DriverType extends DatabaseDriverType = DatabaseDriverType,
  ConnectionType extends AnyConnection = AnyConnection,
> = ConnectionPool<ConnectionType>;

export type { DumboConnectionOptions } from './drivers';

/** What a database supports; dialect-aware helpers consult it. */
export interface StoragePluginCapabilities {
  json?: {
    /** Native JSON operators (`->`, `->>`; PostgreSQL also `#>`, `#>>`). */
    operators: boolean;
    /** JSON indexes (GIN on PostgreSQL). */
    indexing: boolean;
    /** JSON path access. */
    path: boolean;
  };
  arrays?: boolean;
  returning?: boolean;
  cte?: boolean;
}

/** SQL a document store (Pongo) needs for one collection; a subset of Pongo's builder. */
export interface PongoCollectionSQLBuilder {
  createCollection(): SQL;
  insertOne(document: { _id: string; [key: string]: unknown }): SQL;
  findOne(id: string): SQL;
  deleteOne(id: string): SQL;
  countDocuments(): SQL;
  drop(): SQL;
}

/** The typed Pongo extension of a storage plugin. */
export interface PongoPlugin {
  sqlBuilder: (collectionName: string) => PongoCollectionSQLBuilder;
  schemaStrategy: 'partitioning' | 'separate-tables' | 'single-table';
  createCollectionSchema: (name: string) => KindSchemaComponent;
  supportedFeatures?: {
    partitioning?: boolean;
    jsonIndexes?: boolean;
    generatedColumns?: boolean;
  };
}

/** Extensions unknown at compile time, per connector and name. */
export interface ExtensionRegistry {
  register<T>(connector: ConnectorType, extensionName: string, extension: T): void;
  get<T>(connector: ConnectorType, extensionName: string): T | undefined;
}

/** What `onRegister(registry)` receives: the store of this plugin's connector. */
export interface PluginExtensionRegistry {
  provide<T>(name: string, value: T): void;
  register<T>(name: string, value: T): void;
  get<T>(name: string): T | undefined;
}

/** A storage plugin: a built-in or a community package. */
export interface StoragePlugin<Connector extends ConnectorType = ConnectorType> {
  readonly connector: Connector;
  createPool(options: DumboConnectionOptions): ConnectionPool;
  readonly sqlFormatter: SQLFormatter;
  readonly defaultMigratorOptions: MigratorOptions;
  /** Takes part in picking a connector from options (e.g. a connection-string prefix). */
  canHandle?(options: DumboConnectionOptions): boolean;
  capabilities?: StoragePluginCapabilities;
  extensions?: { pongo?: PongoPlugin; [name: string]: unknown };
  /** Called once when the plugin is registered, or when a lazy one is loaded. */
  onRegister?(registry: PluginExtensionRegistry): void;
}

/** Normalised capabilities (missing entries read as false). */
export type ResolvedCapabilities = Required<{
  [K in keyof StoragePluginCapabilities]-?: NonNullable<StoragePluginCapabilities[K]>;
}>;

/** A plugin object, a connector name, or a pool (its `driverType`). */
export type PluginTarget = StoragePlugin | ConnectorType | { readonly driverType: string };

export declare function capabilitiesOf(target: PluginTarget): ResolvedCapabilities;
/** The JSON value at `path`, rendered for the target's database and capabilities. */
export declare function jsonField(target: PluginTarget, source: SQL, path: string | string[]): SQL;
/** The same as text (`->>`, `#>>`). */
export declare function jsonTextField(target: PluginTarget, source: SQL, path: string | string[]): SQL;

export interface PluginRegistry {
  /** A plugin in either shape: the plugin registry's (`connector`) or upstream's driver (`driverType`). */
  register(
    connector: ConnectorType,
    plugin: StoragePlugin | AnyDumboDatabaseDriver | (() => Promise<StoragePlugin | AnyDumboDatabaseDriver>),
  ): void;
  resolve(connector: ConnectorType): Promise<StoragePlugin>;
  tryGetSync(connector: ConnectorType): StoragePlugin | undefined;
  list(): ConnectorType[];
  has(connector: ConnectorType): boolean;
  readonly extensions: ExtensionRegistry;
}

export declare const pluginRegistry: PluginRegistry;

/** The given driver's pool; the driver is used as is, not registered. */
export declare function dumbo<Driver extends AnyDumboDatabaseDriver>(
  options: ExtractDumboDatabaseDriverOptions<Driver> & { driver: Driver } & JSONSerializationOptions,
): ExtractDumboTypeFromDriver<Driver>;
/**
 * Picks the driver (`driverType` / `connector`, a loaded driver's canHandle, the built-in
 * connection-string rules); returns its pool, or a deferred pool while it is not loaded.
 */
export declare function dumbo<
  DatabaseDriver extends AnyDumboDatabaseDriver = AnyDumboDatabaseDriver,
  ConnectionOptions extends DumboConnectionOptions<DatabaseDriver> = DumboConnectionOptions<DatabaseDriver>,
>(options: ConnectionOptions & { driver?: never }): ExtractDumboTypeFromDriver<DatabaseDriver>;
export declare function dumbo<C extends AnyConnection = AnyConnection>(options: DumboConnectionOptions): Dumbo<C['driverType'], C>;

/** Upstream's form: a driver's DbSQLExecutor run on `connect()`'s client. */
export declare function sqlExecutor<DbClient = unknown, DbExecutor extends DbSQLExecutor = DbSQLExecutor>(
  sqlExecutor: DbExecutor,
  options: {
    connect: (context: AbortContext) => Promise<DbClient>;
    close?: (client: DbClient, error?: unknown) => Promise<void>;
  },
): SQLExecutor;
export declare function sqlExecutor(
  runQuery: (sql: SQL, options?: SQLQueryOptions) => QueryResult<QueryResultRow> | Promise<QueryResult<QueryResultRow>>,
  runCommand: (sql: SQL, options?: SQLCommandOptions) => QueryResult<QueryResultRow> | Promise<QueryResult<QueryResultRow>>,
  /** How the SQL trace (DUMBO_LOG_LEVEL=INFO) renders statements: the driver's formatter (PostgreSQL's when absent). */
  trace?: { driverType?: string; serializer?: { serialize(value: unknown): string } },
): SQLExecutor;

/** The SQL side of a transaction, as a driver implements it (`BEGIN`, savepoints, …). */
export interface TransactionBackend<Opts extends DatabaseTransactionOptions = DatabaseTransactionOptions> {
  begin(options: Opts): Promise<void>;
  commit(): Promise<void>;
  rollback(error?: unknown): Promise<void>;
  savepoint(level: number): Promise<void>;
  releaseSavepoint(level: number): Promise<void>;
  rollbackToSavepoint(level: number): Promise<void>;
  /** Called once the outermost transaction ended (or failed to begin): release the connection. */
  close(error?: unknown): Promise<void>;
}

/** Upstream's form: the nesting rules over begin/commit/rollback (and optional savepoint steps). */
export declare function databaseTransaction(
  backend: TransactionLifecycleBackend,
  options?: { allowNestedTransactions?: boolean | undefined; useSavepoints?: boolean | undefined },
): TransactionLifecycle;
/** The nesting state machine every driver shares (upstream databaseTransaction). */
export declare function databaseTransaction<
  ConnectionType extends AnyConnection = AnyConnection,
  Opts extends DatabaseTransactionOptions = DatabaseTransactionOptions,
>(args: {
  driverType: string;
  connection: ConnectionType;
  execute: SQLExecutor;
  backend: TransactionBackend<Opts>;
  options?: Opts;
}): DatabaseTransaction<ConnectionType, Opts>;

export declare const executeInTransaction: <
  DatabaseTransactionType extends TransactionLifecycle = TransactionLifecycle,
  Result = void,
>(
  transaction: DatabaseTransactionType,
  handle: (transaction: DatabaseTransactionType, context: AbortContext) => Promise<TransactionResult<Result> | Result>,
  context?: AbortContext,
) => Promise<Result>;

type NestedTransactionLifecycle<TransactionOptionsType extends DatabaseTransactionOptions> = TransactionLifecycle & {
  _transactionOptions: TransactionOptionsType;
};
export declare const executeInNestedTransaction: <
  TransactionOptionsType extends DatabaseTransactionOptions = DatabaseTransactionOptions,
  DatabaseTransactionType extends NestedTransactionLifecycle<TransactionOptionsType> = NestedTransactionLifecycle<TransactionOptionsType>,
  Result = void,
>(
  transaction: DatabaseTransactionType,
  handle: (transaction: DatabaseTransactionType, context: AbortContext) => Promise<TransactionResult<Result> | Result>,
  options?: TransactionOptionsType,
  context?: AbortContext,
) => Promise<Result>;

export type { BatchSQLCommandOptions };

// Only the names marked `export` are public.
export {};
