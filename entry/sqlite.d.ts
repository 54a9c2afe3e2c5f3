import type {
  AnyConnection,
  ConnectionPool,
  Connection,
  ConnectorType,
  DatabaseTransaction,
  DatabaseTransactionOptions,
} from '../types/pool';
import type { DatabaseMetadata, MigratorOptions } from '../types/schema';
import type { SQL, SQLExecutor, SQLFormatter, Serializer } from '../types/core';
export { DumboError } from '../types/core';
export * from '../types/sqlite-factories';
import type {
  AnySQLiteConnection,
  SQLiteClient,
  SQLiteClientConnection,
  SQLiteClientOrPoolClient,
  SQLiteConnectionFactory,
  SQLiteConnectionOptions,
  SQLitePoolClient,
  SQLitePoolClientConnection,
  SQLiteDriverType,
} from '../types/sqlite-factories';
import type { GenericConnectionPool } from '../types/connections';

export type SQLiteTransactionMode = 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE';

export interface SQLitePragmaOptions {
  journal_mode: 'DELETE' | 'TRUNCATE' | 'PERSIST' | 'MEMORY' | 'WAL' | 'OFF';
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  cache_size: number;
  foreign_keys: boolean;
  temp_store: 'DEFAULT' | 'FILE' | 'MEMORY';
  busy_timeout: number;
  mmap_size: number;
}

export interface SQLiteTransactionOptions extends DatabaseTransactionOptions {
  mode?: SQLiteTransactionMode;
}

/** A connection of the native driver (its client is internal). */
export interface SQLiteNativeConnection
  extends Connection<
    SQLiteNativeConnection,
    ConnectorType,
    unknown,
    DatabaseTransaction<SQLiteNativeConnection, SQLiteTransactionOptions>
  > {}
/**
 * With type arguments, upstream's SQLiteConnection (a connection over a SQLite client or
 * pool client); without, the connection the native driver's pools hand out.
 */
export type SQLiteConnection<
  Self extends AnyConnection = never,
  DriverType extends SQLiteDriverType = SQLiteDriverType,
  SQLiteClientType extends SQLiteClientOrPoolClient = SQLiteClient | SQLitePoolClient,
  TransactionType extends DatabaseTransaction<Self> = DatabaseTransaction<Self>,
> = [Self] extends [never]
  ? SQLiteNativeConnection
  :
      | (SQLiteClientType extends SQLiteClient
          ? SQLiteClientConnection<Self, DriverType, SQLiteClientType, TransactionType>
          : never)
      | (SQLiteClientType extends SQLitePoolClient
          ? SQLitePoolClientConnection<Self, DriverType, SQLiteClientType, TransactionType>
          : never);
export type SQLitePool<SQLiteConnectionType extends AnyConnection = SQLiteNativeConnection> =
  ConnectionPool<SQLiteConnectionType>;
export type SQLiteAmbientConnectionPool<SQLiteConnectionType extends AnyConnection = SQLiteNativeConnection> =
  ConnectionPool<SQLiteConnectionType>;

/**
 * The native pool's options. The type parameters are upstream's; these options do not
 * depend on them (sqlitePool's first overload takes upstream's connection-factory form).
 */
export interface SQLitePoolOptions<
  _SQLiteConnectionType extends AnyConnection = SQLiteNativeConnection,
  _ConnectionOptions extends SQLiteConnectionOptions = SQLiteConnectionOptions,
> {
  fileName?: string;
  connectionString?: string;
  connector?: 'SQLite:sqlite3';
  connection?: SQLiteConnection;
  singleton?: boolean;
  readonly?: boolean;
  skipDatabasePragmas?: boolean;
  pragmaOptions?: Partial<SQLitePragmaOptions>;
  defaultTransactionMode?: SQLiteTransactionMode;
  transactionOptions?: SQLiteTransactionOptions;
  serializer?: Serializer<string>;
  maxTaskIdleTime?: number;
}

export type SQLiteDatabaseName = 'SQLite';
export declare const SQLiteDatabaseName: SQLiteDatabaseName;
export type SQLiteDatabaseType = 'SQLite';
export type InMemorySQLiteDatabase = ':memory:';
export declare const InMemorySQLiteDatabase: InMemorySQLiteDatabase;
export declare const defaultSQLiteDatabase: ':memory:';
export declare const DEFAULT_SQLITE_PRAGMA_OPTIONS: Readonly<SQLitePragmaOptions>;
export type SQLiteConnectionString = import('../types/drivers').DatabaseConnectionString<
  'SQLite',
  `file:${string}` | `:memory:` | `/${string}` | `./${string}`
>;
export declare function SQLiteConnectionString(connectionString: string): SQLiteConnectionString;
export type SQLiteFileNameOrConnectionString =
  | { fileName: string | SQLiteConnectionString; connectionString?: never }
  | { connectionString: string | SQLiteConnectionString; fileName?: never };
/** An error of a SQLite driver: its result code (`'SQLITE_CONSTRAINT'`, ...) in `code`. */
export interface SQLiteError extends Error {
  code: string;
  errno?: number;
}
export declare function isSQLiteConnectionString(connectionString: unknown): boolean;
export declare function parsePragmasFromConnectionString(connectionString: string): Partial<SQLitePragmaOptions>;
export declare function isInMemoryDatabase(options: string | { fileName?: string; connectionString?: string }): boolean;
export declare const sqliteFormatter: SQLFormatter;
export declare const SQLiteJSON: { path(path: string | string[]): SQL };
export { mapSqliteError } from '../types/core';
export declare function isSQLiteError(error: unknown): error is SQLiteError;
/** upstream's form: connections from `sqliteConnectionFactory`, one shared with `singleton: true`. */
export declare function sqlitePool<
  SQLiteConnectionType extends AnySQLiteConnection = AnySQLiteConnection,
  ConnectionOptions extends SQLiteConnectionOptions = SQLiteConnectionOptions,
>(options: {
  driverType: SQLiteConnectionType['driverType'];
  singleton?: boolean;
  sqliteConnectionFactory: SQLiteConnectionFactory<SQLiteConnectionType, ConnectionOptions>;
  connectionOptions: ConnectionOptions;
}): GenericConnectionPool<SQLiteConnectionType>;
export declare function sqlitePool(options: SQLitePoolOptions): SQLitePool;
export declare function sqliteAmbientConnectionPool(options: { connection: SQLiteConnection }): SQLitePool;
/** No lock; one `BEGIN IMMEDIATE` transaction (`{ transactionOptions: { mode: 'IMMEDIATE' } }`). */
export declare const DefaultSQLiteMigratorOptions: MigratorOptions;

// Schema metadata and logical schema names.

/** Whether a table of that physical name exists (sqlite_master). */
export declare function tableExists(execute: SQLExecutor, tableName: string): Promise<boolean>;
/** Whether an index of that physical name exists (sqlite_master). */
export declare function indexExists(execute: SQLExecutor, indexName: string): Promise<boolean>;
/** `schema.table` for a logical schema, `table` in the default one; names containing `.` throw. */
export declare function sqliteTableName(identifier: { databaseSchemaName?: string; tableName: string }): string;
/** `schema.index` for a logical schema, `index` in the default one; names containing `.` throw. */
export declare function sqliteIndexName(identifier: { databaseSchemaName?: string; indexName: string }): string;
export declare const sqliteMetadata: DatabaseMetadata<false, false, false> & {
  readonly databaseType: 'SQLite';
  readonly defaultDatabaseName: 'main';
};
