import type { DumboDriverPlugin } from '../types/drivers';
import type { PgPool, PgPoolOptions, PgConnection, PostgreSQLDriverType } from './postgresql';
export * from './postgresql';

export type PgDumboOptions = PgPoolOptions;
export type ConnectionCheckResult =
  | { successful: true }
  | {
      successful: false;
      errorType: 'ConnectionRefused' | 'Authentication' | 'Unknown';
      code?: string;
      error: unknown;
    };

export type PgDriverType = PostgreSQLDriverType<'pg'>;
export declare const PgDriverType: PgDriverType;
/** This package's StoragePlugin and upstream's DumboDatabaseDriver in one object. */
export declare const pgPlugin: DumboDriverPlugin<PgDriverType, PgConnection, PgPoolOptions, PgPool>;
export declare const pgDumboDriver: typeof pgPlugin;
export declare function usePgDumboDriver(): void;
/** Direct mode: no deferral. */
export declare function dumbo(options: PgDumboOptions): PgPool;
export declare function pgPool(options: PgDumboOptions): PgPool;
export declare function pgNativePool(options: PgDumboOptions): PgPool;
export declare function pgClientPool(options: PgDumboOptions): PgPool;
export declare function pgAmbientConnectionPool(options: { connection: PgConnection }): PgPool;
export declare function endAllPgPools(): Promise<void>;
export declare function checkConnection(
  connectionString: string,
  options?: { timeoutMs?: number },
): Promise<ConnectionCheckResult>;
