// node-postgres' types come from @types/pg, an optional peer dependency (as upstream's).
// Without it these names are `any` rather than a compile error for users of the
// native driver only.
// @ts-ignore
import type * as pg from 'pg';
import type { AbortContext, AnyConnection, Connection, ConnectionPool, DatabaseTransaction } from '../types/pool';
import type { DumboDriverPlugin } from '../types/drivers';
import type { DbSQLExecutor } from '../types/connections';
import type { JSONSerializationOptions, JSONSerializer } from '../types/core';
import type {
  PgPool as PgNativeDriverPool,
  PgPoolOptions as PgNativePoolOptions,
  PgNativeConnection,
  PgTransactionOptions,
  PostgreSQLDriverType,
} from './postgresql';
export * from './postgresql';

// ---- node-postgres (`pg`, optional peer dependency; types from @types/pg) ----

export type PgClient = pg.Client;
export type PgPoolClient = pg.PoolClient;
export type PgClientOrPoolClient = PgPoolClient | PgClient;
export type PgPoolOrClient = pg.Pool | PgPoolClient | PgClient;

export type PgTransaction = DatabaseTransaction<PgConnection, PgTransactionOptions>;
/** A connection over a pg.Client (or over a caller's client: `dumbo({ client })`). */
export type PgClientConnection = Connection<
  PgClientConnection,
  PgDriverType,
  PgClient,
  DatabaseTransaction<PgClientConnection, PgTransactionOptions>
>;
/** A connection over a pool client borrowed from a pg.Pool (`dumbo({ pool })`). */
export type PgPoolClientConnection = Connection<
  PgPoolClientConnection,
  PgDriverType,
  PgPoolClient,
  DatabaseTransaction<PgPoolClientConnection, PgTransactionOptions>
>;
/** Upstream's two node-postgres connections, and the native driver's. */
export type PgConnection = PgPoolClientConnection | PgClientConnection | PgNativeConnection;

export type PgPoolClientOptions = {
  type: 'PoolClient';
  connect: () => Promise<PgPoolClient>;
  close: (client: PgPoolClient) => Promise<void>;
};
export type PgClientOptions = {
  type: 'Client';
  connect: () => Promise<PgClient>;
  close: (client: PgClient) => Promise<void>;
};
export type PgClientConnectionOptions = PgClientOptions & {
  serializer: JSONSerializer;
  transactionOptions?: PgTransactionOptions;
};
export type PgPoolClientConnectionOptions = PgPoolClientOptions & {
  serializer: JSONSerializer;
  transactionOptions?: PgTransactionOptions;
};
export type PgConnectionOptions = PgPoolClientConnectionOptions | PgClientConnectionOptions;

export declare const pgClientConnection: (options: PgClientConnectionOptions) => PgClientConnection;
export declare const pgPoolClientConnection: (options: PgPoolClientConnectionOptions) => PgPoolClientConnection;
export declare function pgConnection(options: PgPoolClientConnectionOptions): PgPoolClientConnection;
export declare function pgConnection(options: PgClientConnectionOptions): PgClientConnection;

/** A DatabaseTransaction on a node-postgres client; `options.close` runs after the outermost COMMIT/ROLLBACK. */
export declare const pgTransaction: <ConnectionType extends AnyConnection = AnyConnection>(
  connection: () => ConnectionType,
  serializer: JSONSerializer,
) => <DbClient extends PgPoolOrClient = PgPoolOrClient>(
  getClient: Promise<DbClient>,
  options?: { close: (client: DbClient, error?: unknown) => Promise<void> } & PgTransactionOptions,
) => DatabaseTransaction<ConnectionType>;

export type PgSQLExecutor = DbSQLExecutor<'PostgreSQL:pg', PgClientOrPoolClient>;
export declare const pgSQLExecutor: ({ serializer }: { serializer: JSONSerializer }) => PgSQLExecutor;

export declare const isPgNativePool: (poolOrClient: pg.Pool | pg.PoolClient | pg.Client) => poolOrClient is pg.Pool;
export declare const isPgClient: (poolOrClient: pg.Pool | pg.PoolClient | pg.Client) => poolOrClient is pg.Client;
export declare const isPgPoolClient: (poolOrClient: pg.Pool | pg.PoolClient | pg.Client) => poolOrClient is pg.PoolClient;
/** Runs `handle` on a client: a pg.Pool lends one and gets it back; a client is used as it is. */
export declare const pgExecute: <Result = void>(
  poolOrClient: pg.Pool | pg.PoolClient | pg.Client,
  handle: (client: pg.PoolClient | pg.Client) => Promise<Result>,
) => Promise<Result>;
/** int8 as BigInt (`parseBigInts: true`); json/jsonb through `serializer.deserialize`. */
export declare const setPgTypeParser: (
  client: pg.Client | pg.PoolClient,
  options?: { parseBigInts?: boolean; serializer: JSONSerializer },
) => void;

/** Pools over pool clients of a pg.Pool (`dumbo({ pool })`). */
export type PgNativePool = ConnectionPool<PgPoolClientConnection>;
/** Pools over one pg.Client (`dumbo({ client })`). */
export type PgAmbientClientPool = ConnectionPool<PgClientConnection>;
export type PgAmbientConnectionPool = ConnectionPool<PgPoolClientConnection | PgClientConnection>;
/** Upstream's pools over node-postgres, and the native driver's pool. */
export type PgPool = PgNativePool | PgAmbientClientPool | PgAmbientConnectionPool | PgNativeDriverPool;

export declare const pgAmbientNativePool: (options: {
  pool: pg.Pool;
  serializer: JSONSerializer;
  transactionOptions?: PgTransactionOptions | undefined;
}) => PgNativePool;
export declare const pgAmbientClientPool: (options: {
  client: pg.Client;
  serializer: JSONSerializer;
  transactionOptions?: PgTransactionOptions | undefined;
}) => PgAmbientClientPool;

/** The shared pg.Pool for a connection string (or pg.PoolConfig), counted per user. */
export declare const getPgPool: (connectionStringOrOptions: string | pg.PoolConfig) => pg.Pool;
/** Counts one user out; ends the pg.Pool when none is left, or at once with `force`. */
export declare const endPgPool: ({
  connectionString,
  database,
  force,
}: {
  connectionString: string;
  database?: string | undefined;
  force?: boolean;
}) => Promise<void>;
export declare const onEndPool: (lookupKey: string, pool: pg.Pool) => Promise<void>;

// ---- pool options: upstream's shapes, plus the native driver's ----

export type PgPoolPooledOptions =
  | { connectionString: string; database?: string; pooled: true; pool: pg.Pool }
  | { connectionString: string; database?: string; pool: pg.Pool }
  | { connectionString: string; database?: string; pooled: true }
  | { connectionString: string; database?: string };
export type PgPoolNotPooledOptions =
  | { connectionString: string; database?: string; pooled: false; client: pg.Client }
  | { connectionString: string; database?: string; client: pg.Client }
  | { connectionString: string; database?: string; pooled: false }
  | { connectionString: string; database?: string; connection: PgPoolClientConnection | PgClientConnection; pooled?: false };
/**
 * `client` (a pg.Client or pool client) or `pool` (a pg.Pool): the statements run on
 * that object, in its session and transaction; the object's own settings apply (pool
 * size, TLS, timeouts: options for those are refused). Otherwise the native driver.
 */
export type PgPoolOptions =
  | ((PgPoolPooledOptions | PgPoolNotPooledOptions) & JSONSerializationOptions & { transactionOptions?: PgTransactionOptions })
  | PgNativePoolOptions;
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
export declare function dumbo(options: { pool: pg.Pool } & PgPoolOptions): PgNativePool;
export declare function dumbo(options: { client: pg.Client } & PgPoolOptions): PgAmbientClientPool;
export declare function dumbo(options: PgDumboOptions): PgPool;
export declare function pgPool(options: { pool: pg.Pool } & PgPoolOptions): PgNativePool;
export declare function pgPool(options: { client: pg.Client } & PgPoolOptions): PgAmbientClientPool;
export declare function pgPool(options: PgDumboOptions): PgPool;
export declare function pgNativePool(options: PgDumboOptions): PgPool;
export declare function pgClientPool(options: PgDumboOptions): PgPool;
export declare function pgAmbientConnectionPool(options: {
  connection: PgPoolClientConnection | PgClientConnection;
}): PgAmbientConnectionPool;
export declare function pgAmbientConnectionPool(options: { connection: PgConnection }): PgPool;
export declare function endAllPgPools(): Promise<void[]>;
export declare function checkConnection(
  connectionString: string,
  options?: { timeoutMs?: number },
): Promise<ConnectionCheckResult>;
