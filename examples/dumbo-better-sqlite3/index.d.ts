// Types of @acme/dumbo-better-sqlite3 (hand-written; the package is plain JavaScript).
import type {
  Connection,
  ConnectionPool,
  DatabaseTransaction,
  DumboConnectionOptions,
  DumboError,
  MigratorOptions,
  Serializer,
  SQLFormatter,
  StoragePlugin,
} from '@event-driven-io/dumbo';
import type {
  SQLitePragmaOptions,
  SQLiteTransactionMode,
  SQLiteTransactionOptions,
} from '@event-driven-io/dumbo/sqlite';

export type BetterSqlite3Connector = 'SQLite:better-sqlite3';
export declare const BetterSqlite3Connector: BetterSqlite3Connector;

export interface BetterSqlite3PoolOptions extends DumboConnectionOptions {
  /** A file name, or ':memory:'; takes precedence over connectionString. */
  fileName?: string;
  /** The built-in SQLite driver's strings: `file:` URIs (query parameters become pragmas), ':memory:', `/abs` and `./rel` paths. */
  connectionString?: string;
  /** Required with the root dumbo(): this plugin never claims a connection string by itself. */
  connector?: BetterSqlite3Connector;
  readonly?: boolean;
  /** Leave out Dumbo's default pragmas (WAL, foreign_keys, busy_timeout, ...). */
  skipDatabasePragmas?: boolean;
  pragmaOptions?: Partial<SQLitePragmaOptions>;
  defaultTransactionMode?: SQLiteTransactionMode;
  transactionOptions?: SQLiteTransactionOptions;
  /** How long a task waits for the writer (default 30 000 ms). */
  maxTaskIdleTime?: number;
  serializer?: Serializer<string>;
}

/** The part of better-sqlite3's Database that `connection.open()` callers usually need. */
export interface BetterSqlite3Database {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  readonly readonly: boolean;
  readonly memory: boolean;
  prepare(source: string): unknown;
  exec(source: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

/** `open()` gives the writer's better-sqlite3 Database. */
export interface BetterSqlite3Connection
  extends Connection<
    BetterSqlite3Connection,
    BetterSqlite3Connector,
    BetterSqlite3Database,
    DatabaseTransaction<BetterSqlite3Connection, SQLiteTransactionOptions>
  > {}

export interface BetterSqlite3Pool extends ConnectionPool<BetterSqlite3Connection> {
  readonly driverType: BetterSqlite3Connector;
}

export interface BetterSqlite3Capabilities {
  readonly json: { readonly operators: true; readonly indexing: false; readonly path: true };
  readonly arrays: false;
  readonly returning: true;
  readonly cte: true;
}

export interface BetterSqlite3Plugin extends StoragePlugin<BetterSqlite3Connector> {
  createPool(options: BetterSqlite3PoolOptions): BetterSqlite3Pool;
  /** Dumbo's SQLite formatter (`?` placeholders). */
  readonly sqlFormatter: SQLFormatter;
  readonly defaultMigratorOptions: MigratorOptions;
  /** True only for `connector: 'SQLite:better-sqlite3'`. */
  canHandle(options: DumboConnectionOptions): boolean;
  readonly capabilities: BetterSqlite3Capabilities;
}

export declare const betterSqlite3Plugin: BetterSqlite3Plugin;
/** The same object as betterSqlite3Plugin, for `import('@acme/dumbo-better-sqlite3').then((m) => m.plugin)`. */
export declare const plugin: BetterSqlite3Plugin;
/** Option 2: registers the plugin in Dumbo's registry (again: a no-op). */
export declare function registerBetterSqlite3(): void;
/** Option 3: a better-sqlite3 pool directly, without the registry. */
export declare function dumbo(options?: BetterSqlite3PoolOptions): BetterSqlite3Pool;
export declare function betterSqlite3Pool(options?: BetterSqlite3PoolOptions): BetterSqlite3Pool;
export declare const betterSqlite3Capabilities: BetterSqlite3Capabilities;
/** A better-sqlite3 SqliteError as the matching DumboError (constraint kinds from the extended code). */
export declare function mapBetterSqlite3Error(error: unknown): DumboError;
