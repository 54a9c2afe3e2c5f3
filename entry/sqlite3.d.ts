import type { DumboDriverPlugin } from '../types/drivers';
import type { SQLiteConnection, SQLitePool, SQLitePoolOptions, SQLiteDriverType } from './sqlite';
export * from './sqlite';

export type SQLite3DumboOptions = SQLitePoolOptions;
export type SQLite3DriverType = SQLiteDriverType<'sqlite3'>;
export declare const SQLite3DriverType: SQLite3DriverType;
/** The RFC's StoragePlugin and upstream's DumboDatabaseDriver in one object. */
export declare const sqlite3Plugin: DumboDriverPlugin<SQLite3DriverType, SQLiteConnection, SQLitePoolOptions, SQLitePool>;
export declare const sqlite3DumboDriver: typeof sqlite3Plugin;
export declare function useSqlite3DumboDriver(): void;
/** Direct mode: no deferral. */
export declare function dumbo(options: SQLite3DumboOptions): SQLitePool;
export declare function sqlite3Pool(options: SQLite3DumboOptions): SQLitePool;
export declare function checkConnection(
  fileName?: string,
): Promise<{ successful: true } | { successful: false; errorType: string; error: unknown }>;
