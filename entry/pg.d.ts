import type { StoragePlugin } from '../types/pool';
import type { PgPool, PgPoolOptions, PgConnection } from './postgresql';
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

export type PgDriverType = 'PostgreSQL:pg';
export declare const PgDriverType: PgDriverType;
export declare const pgPlugin: StoragePlugin<'PostgreSQL:pg'>;
export declare const pgDumboDriver: StoragePlugin<'PostgreSQL:pg'>;
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
