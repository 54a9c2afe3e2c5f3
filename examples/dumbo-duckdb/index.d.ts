// Types of @acme/dumbo-duckdb (hand-written; the package is plain JavaScript).
import type {
  Connection,
  ConnectionPool,
  DatabaseTransaction,
  DatabaseTransactionOptions,
  DumboConnectionOptions,
  DumboError,
  MigratorOptions,
  Serializer,
  SQLFormatter,
  StoragePlugin,
} from '@event-driven-io/dumbo';

export type DuckDBConnector = 'DuckDB:nodejs';
export declare const DuckDBConnector: DuckDBConnector;

/** `duckdb::memory:`, `duckdb:/path/to/file.duckdb`, `duckdb:./relative.duckdb`, with optional `?option=value` DuckDB settings. */
export type DuckDBConnectionString = `duckdb:${string}`;

export interface DuckDBTransactionOptions extends DatabaseTransactionOptions {
  /** `BEGIN TRANSACTION READ ONLY`. */
  readonly?: boolean;
  /** DuckDB has no savepoints: `true` is rejected with an InvalidOperationError. */
  useSavepoints?: false;
}

export interface DuckDBPoolOptions extends DumboConnectionOptions {
  /** Default `duckdb::memory:` (a private in-memory database per pool). */
  connectionString?: DuckDBConnectionString;
  connector?: DuckDBConnector;
  /** DuckDB configuration options (`threads`, `access_mode`, `memory_limit`, ...); override the connection string's. */
  config?: Record<string, string | number | boolean>;
  /** Most DuckDB connections open at once (default 10). */
  max?: number;
  /** How long a call waits for a free connection before a ConnectionError (default 30 000 ms). */
  connectionTimeoutMillis?: number;
  /** Pool defaults for transactions. */
  transactionOptions?: DuckDBTransactionOptions;
  /** Serializes object parameters to JSON text (default: Dumbo's JSONSerializer). */
  serializer?: Serializer<string>;
}

/** The part of @duckdb/node-api's DuckDBConnection that `connection.open()` callers usually need. */
export interface DuckDBNativeConnection {
  run(sql: string, values?: unknown[] | Record<string, unknown>): Promise<unknown>;
  interrupt(): void;
  closeSync(): void;
}

/** `open()` borrows (once) and returns the @duckdb/node-api DuckDBConnection. */
export interface DuckDBConnection
  extends Connection<
    DuckDBConnection,
    DuckDBConnector,
    DuckDBNativeConnection,
    DatabaseTransaction<DuckDBConnection, DuckDBTransactionOptions>
  > {}

export interface DuckDBPool extends ConnectionPool<DuckDBConnection> {
  readonly driverType: DuckDBConnector;
}

export interface DuckDBCapabilities {
  readonly json: { readonly operators: true; readonly indexing: false; readonly path: true };
  readonly arrays: true;
  readonly returning: true;
  readonly cte: true;
}

export interface DuckDBPlugin extends StoragePlugin<DuckDBConnector> {
  createPool(options: DuckDBPoolOptions): DuckDBPool;
  readonly sqlFormatter: DuckDBFormatter;
  readonly defaultMigratorOptions: MigratorOptions;
  /** True for `duckdb:` connection strings. */
  canHandle(options: DumboConnectionOptions): boolean;
  readonly capabilities: DuckDBCapabilities;
}

/** PostgreSQL-style formatting (`$n` placeholders, arrays as one LIST parameter) under the dialect name 'DuckDB'. */
export interface DuckDBFormatter extends SQLFormatter {
  readonly dialect: 'DuckDB';
}

export declare const duckDBPlugin: DuckDBPlugin;
/** The same object as duckDBPlugin, for `import('@acme/dumbo-duckdb').then((m) => m.plugin)`. */
export declare const plugin: DuckDBPlugin;
/** Option 2: registers the plugin in Dumbo's registry (again: a no-op). */
export declare function registerDuckDB(): void;
/** Option 3: a DuckDB pool directly, without the registry. */
export declare function dumbo(options?: DuckDBPoolOptions): DuckDBPool;
export declare function duckDBPool(options?: DuckDBPoolOptions): DuckDBPool;
export declare const duckDBFormatter: DuckDBFormatter;
export declare const duckDBCapabilities: DuckDBCapabilities;
export declare const DefaultDuckDBMigratorOptions: MigratorOptions;
/** A DuckDB error (message "<Type> Error: ...") as the matching DumboError, the DuckDB error as its cause. */
export declare function mapDuckDBError(error: unknown): DumboError;
export declare function isDuckDBConnectionString(connectionString: unknown): connectionString is DuckDBConnectionString;
export declare function parseDuckDBConnectionString(connectionString: string): {
  path: string;
  inMemory: boolean;
  config: Record<string, string>;
};
export declare const SAVEPOINTS_UNSUPPORTED: string;
