// Pools, connections, transactions and the plugin registry (upstream core/connections,
// RFC 4.1 / 4.4).
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

export type Dumbo<C extends Connection = Connection> = ConnectionPool<C>;

export interface DumboConnectionOptions {
  connectionString?: string;
  connector?: ConnectorType;
  [option: string]: unknown;
}

export interface MigratorOptions {
  [option: string]: unknown;
}

export interface StoragePluginCapabilities {
  json?: { operators: boolean; indexing: boolean; path: boolean };
  arrays?: boolean;
  returning?: boolean;
  cte?: boolean;
}

export interface ExtensionRegistry {
  register<T>(connector: ConnectorType, extensionName: string, extension: T): void;
  get<T>(connector: ConnectorType, extensionName: string): T | undefined;
}

export interface PluginExtensionRegistry {
  provide<T>(name: string, value: T): void;
}

export interface StoragePlugin<Connector extends ConnectorType = ConnectorType> {
  readonly connector: Connector;
  createPool(options: DumboConnectionOptions): ConnectionPool;
  readonly sqlFormatter: SQLFormatter;
  readonly defaultMigratorOptions: MigratorOptions;
  canHandle?(options: DumboConnectionOptions): boolean;
  capabilities?: StoragePluginCapabilities;
  extensions?: { [name: string]: unknown };
  onRegister?(registry: PluginExtensionRegistry): void;
}

export interface PluginRegistry {
  register(connector: ConnectorType, plugin: StoragePlugin | (() => Promise<StoragePlugin>)): void;
  resolve(connector: ConnectorType): Promise<StoragePlugin>;
  tryGetSync(connector: ConnectorType): StoragePlugin | undefined;
  list(): ConnectorType[];
  has(connector: ConnectorType): boolean;
  readonly extensions: ExtensionRegistry;
}

export declare const pluginRegistry: PluginRegistry;

/** Picks the connector, returns the loaded plugin's pool or a deferred pool (synchronously). */
export declare function dumbo<C extends Connection = Connection>(options: DumboConnectionOptions): Dumbo<C>;

export declare function sqlExecutor(
  runQuery: (sql: SQL, options?: SQLQueryOptions) => QueryResult<QueryResultRow> | Promise<QueryResult<QueryResultRow>>,
  runCommand: (sql: SQL, options?: SQLCommandOptions) => QueryResult<QueryResultRow> | Promise<QueryResult<QueryResultRow>>,
): SQLExecutor;

export declare function executeInTransaction<R>(
  tx: DatabaseTransaction,
  handle: (tx: DatabaseTransaction, ctx: TransactionCallbackContext) => Promise<TransactionResult<R>>,
  context?: Partial<TransactionCallbackContext>,
): Promise<R>;

export type { BatchSQLCommandOptions };
