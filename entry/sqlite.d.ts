import type {
  ConnectionPool,
  Connection,
  DatabaseTransactionOptions,
  MigratorOptions,
} from '../types/pool';
import type { SQL, SQLFormatter, Serializer } from '../types/core';
export { DumboError } from '../types/core';

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

export type SQLiteConnection = Connection<SQLiteTransactionOptions>;
export type SQLitePool = ConnectionPool<SQLiteConnection, SQLiteTransactionOptions>;

export interface SQLitePoolOptions {
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

export declare const SQLiteDatabaseName: 'SQLite';
export declare const InMemorySQLiteDatabase: ':memory:';
export declare const defaultSQLiteDatabase: ':memory:';
export declare const DEFAULT_SQLITE_PRAGMA_OPTIONS: Readonly<SQLitePragmaOptions>;
export declare function SQLiteConnectionString(connectionString: string): string;
export declare function isSQLiteConnectionString(connectionString: unknown): boolean;
export declare function parsePragmasFromConnectionString(connectionString: string): Partial<SQLitePragmaOptions>;
export declare function isInMemoryDatabase(options: string | { fileName?: string; connectionString?: string }): boolean;
export declare const sqliteFormatter: SQLFormatter;
export declare const SQLiteJSON: { path(path: string | string[]): SQL };
export declare function mapSqliteError(error: unknown): Error;
export declare function isSQLiteError(error: unknown): boolean;
export declare function sqlitePool(options: SQLitePoolOptions): SQLitePool;
export declare function sqliteAmbientConnectionPool(options: { connection: SQLiteConnection }): SQLitePool;
export declare const DefaultSQLiteMigratorOptions: MigratorOptions;
