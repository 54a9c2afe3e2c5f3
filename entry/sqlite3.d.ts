import type { StoragePlugin } from '../types/pool';
import type { SQLitePool, SQLitePoolOptions } from './sqlite';
export * from './sqlite';

export type SQLite3DumboOptions = SQLitePoolOptions;
export type SQLite3DriverType = 'SQLite:sqlite3';
export declare const SQLite3DriverType: SQLite3DriverType;
export declare const sqlite3Plugin: StoragePlugin<'SQLite:sqlite3'>;
export declare const sqlite3DumboDriver: StoragePlugin<'SQLite:sqlite3'>;
export declare function useSqlite3DumboDriver(): void;
/** Direct mode: no deferral. */
export declare function dumbo(options: SQLite3DumboOptions): SQLitePool;
export declare function sqlite3Pool(options: SQLite3DumboOptions): SQLitePool;
export declare function checkConnection(
  fileName?: string,
): Promise<{ successful: true } | { successful: false; errorType: string; error: unknown }>;
