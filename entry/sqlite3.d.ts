import type { JSONSerializer } from '../types/core';
import type {
  SQLite3ClientOptions,
  SQLite3Connection,
  SQLite3ConnectionOptions,
  SQLiteClient,
  SQLiteClientOrPoolClient,
} from '../types/sqlite-factories';
import type { DumboDriverPlugin } from '../types/drivers';
import type { SQLiteConnection, SQLitePool, SQLitePoolOptions, SQLiteDriverType } from './sqlite';
export * from './sqlite';

export type SQLite3DumboOptions = SQLitePoolOptions;
export type SQLite3PoolOptions = SQLite3DumboOptions;
export type SQLite3DumboConnectionOptions = import('../types/drivers').DumboConnectionOptions<typeof sqlite3DumboDriver> & {
  connectionString: string | import('./sqlite').SQLiteConnectionString;
};
/** The native driver's pool (upstream: SQLitePool<SQLite3Connection>). */
export type Sqlite3Pool = SQLitePool;
/** `errorType` is the DumboError's type the failure maps to ('Unknown' otherwise). */
export type ConnectionCheckResult =
  | { successful: true }
  | { successful: false; code?: string | undefined; errorType: string; error: unknown };
export type SQLite3DriverType = SQLiteDriverType<'sqlite3'>;
export declare const SQLite3DriverType: SQLite3DriverType;
/** This package's StoragePlugin and upstream's DumboDatabaseDriver in one object. */
export declare const sqlite3Plugin: DumboDriverPlugin<SQLite3DriverType, SQLiteConnection, SQLitePoolOptions, SQLitePool>;
export declare const sqlite3DumboDriver: typeof sqlite3Plugin;
export declare function useSqlite3DumboDriver(): void;
/** Direct mode: no deferral. */
export declare function dumbo(options: SQLite3DumboOptions): SQLitePool;
export declare function sqlite3Pool(options: SQLite3DumboOptions): SQLitePool;
/** Opens the database and runs `SELECT 1`; `serializer` is upstream's parameter, not needed for that check. */
export declare function checkConnection(
  fileName?: string,
  serializer?: JSONSerializer,
): Promise<ConnectionCheckResult>;

/** A SQLiteClient over this package's native SQLite driver. */
export declare function sqlite3Client(options: SQLite3ClientOptions & { serializer: JSONSerializer }): SQLiteClient;
/** A connection of the 'SQLite:sqlite3' driver over `client` or a new sqlite3Client. */
export declare function sqlite3Connection(
  options: SQLite3ConnectionOptions & { serializer?: JSONSerializer },
): SQLite3Connection<SQLiteClientOrPoolClient>;
