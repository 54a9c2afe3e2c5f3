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
import type { AbortContext, DbSQLExecutor, TransactionLifecycle, TransactionLifecycleBackend } from './connections';
import type {
  AnyDumboDatabaseDriver,
  DumboConnectionOptions,
  ExtractDumboDatabaseDriverOptions,
  ExtractDumboTypeFromDriver,
} from './drivers';
import type { JSONSerializationOptions } from './core';
import type { MigratorOptions, KindSchemaComponent } from './schema';

export type DatabaseType = string;
export type ConnectorType = `${string}:${string}`;

export interface AbortOptions {
  abort?: { signal: AbortSignal };
}

export interface DatabaseTransactionOptions extends AbortOptions {
  allowNestedTransactions?: boolean;
  useSavepoints?: boolean;
  readonly?: boolean;
}

export interface TransactionCallbackContext {
  abort: { signal: AbortSignal };
}

export type TransactionResult<R> = R | { success: boolean; result: R };

export interface DatabaseTransaction<Opts extends DatabaseTransactionOptions = DatabaseTransactionOptions> {
  readonly driverType: ConnectorType;
  readonly execute: SQLExecutor;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(error?: unknown): Promise<void>;
  withTransaction<R>(
    handle: (tx: DatabaseTransaction<Opts>, ctx: TransactionCallbackContext) => Promise<TransactionResult<R>>,
    options?: Opts,
  ): Promise<R>;
}

export interface Connection<Opts extends DatabaseTransactionOptions = DatabaseTransactionOptions> {
  readonly driverType: ConnectorType;
  readonly execute: SQLExecutor;
  open(): Promise<unknown>;
  close(): Promise<void>;
  transaction(options?: Opts): DatabaseTransaction<Opts>;
  withTransaction<R>(
    handle: (tx: DatabaseTransaction<Opts>, ctx: TransactionCallbackContext) => Promise<TransactionResult<R>>,
    options?: Opts,
  ): Promise<R>;
}

export interface PoolCloseOptions {
  force?: boolean;
  closeDeadline?: number;
}

export interface WithConnectionOptions extends AbortOptions {
  readonly?: boolean;
}

export interface ConnectionPool<
  C extends Connection = Connection,
  Opts extends DatabaseTransactionOptions = DatabaseTransactionOptions,
> {
  readonly driverType: ConnectorType;
  readonly execute: SQLExecutor;
  connection(options?: WithConnectionOptions): Promise<C>;
  withConnection<R>(
    handle: (connection: C, ctx: TransactionCallbackContext) => Promise<R>,
    options?: WithConnectionOptions,
  ): Promise<R>;
  transaction(options?: Opts): DatabaseTransaction<Opts>;
  withTransaction<R>(
    handle: (tx: DatabaseTransaction<Opts>, ctx: TransactionCallbackContext) => Promise<TransactionResult<R>>,
    options?: Opts,
  ): Promise<R>;
  close(options?: PoolCloseOptions): Promise<void>;
}

/** Upstream's name for a pool: `Dumbo<DriverType, ConnectionType>`. */
export type Dumbo<
  DriverType extends import('./drivers').DatabaseDriverType = import('./drivers').DatabaseDriverType,
  ConnectionType extends Connection<any> = Connection,
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
export declare function dumbo<C extends Connection = Connection>(options: DumboConnectionOptions): ConnectionPool<C>;

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
export declare function databaseTransaction<Opts extends DatabaseTransactionOptions = DatabaseTransactionOptions>(args: {
  driverType: string;
  connection: Connection<Opts>;
  execute: SQLExecutor;
  backend: TransactionBackend<Opts>;
  options?: Opts;
}): DatabaseTransaction<Opts>;

export declare function executeInTransaction<R>(
  tx: DatabaseTransaction,
  handle: (tx: DatabaseTransaction, ctx: TransactionCallbackContext) => Promise<TransactionResult<R>>,
  context?: Partial<TransactionCallbackContext>,
): Promise<R>;

export type { BatchSQLCommandOptions };
