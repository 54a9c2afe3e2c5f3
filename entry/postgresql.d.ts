import type {
  ConnectionPool,
  Connection,
  DatabaseTransaction,
  DatabaseTransactionOptions,
} from '../types/pool';
import type {
  AcquireDatabaseLockMode,
  AcquireDatabaseLockOptions,
  DatabaseLock,
  DatabaseLockOptions,
  DatabaseMetadata,
  MigratorOptions,
  ReleaseDatabaseLockOptions,
} from '../types/schema';
import type { SQL, SQLExecutor, SQLFormatter, Serializer } from '../types/core';
export { DumboError } from '../types/core';

export type PgIsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export type PgTransactionOptions = DatabaseTransactionOptions & {
  isolationLevel?: PgIsolationLevel;
  useSavepoints?: boolean;
};

/** A connection of the native driver (its client is internal). */
export interface PgNativeConnection
  extends Connection<PgNativeConnection, 'PostgreSQL:pg', unknown, DatabaseTransaction<PgNativeConnection, PgTransactionOptions>> {}
/** '/pg' widens this to node-postgres' connections as well (upstream's PgConnection). */
export type PgConnection = PgNativeConnection;
export type PgPool = ConnectionPool<PgNativeConnection>;

export interface PgPoolOptions {
  /** `postgresql://` or `postgres://` URL with libpq's parameters (`sslmode`, `sslrootcert`, `target_session_attrs`, `connect_timeout`, ...; see docs/deploying.md). Unknown parameters are an InvalidOperationError. */
  connectionString: string;
  /** Overrides the database named in the connection string. */
  database?: string;
  connector?: 'PostgreSQL:pg';
  /** `false`: one client per connection instead of the shared pool. */
  pooled?: boolean;
  /** An ambient Dumbo connection everything runs on (close is a no-op). */
  connection?: PgConnection;
  /** Pool size (default 10). */
  max?: number;
  /** How long to wait for a free pooled connection before a ConnectionError (default 30 000; 0 = no limit). */
  connectionTimeoutMillis?: number;
  /** How long establishing a connection may take (default 30 000; 0 = no limit). */
  connectTimeoutMillis?: number;
  transactionOptions?: PgTransactionOptions;
  serializer?: Serializer<string>;
  serialization?: { serializer?: Serializer<string> };
  /** `true`: cache named prepared statements per connection. Default `false`: the unnamed statement, safe behind transaction-mode poolers (PgBouncer). */
  prepare?: boolean;
  /** node-postgres' `ssl`: `true` verifies against the platform's roots and the host name; an object replaces the string's TLS parameters. */
  ssl?: boolean | PgSslOptions;
}

/** node-postgres' TLS options (PEM strings or Buffers / Uint8Arrays). */
export interface PgSslOptions {
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  cert?: string | Uint8Array | Array<string | Uint8Array>;
  key?: string | Uint8Array;
  /** `false`: encrypt without verifying the server (default `true`). */
  rejectUnauthorized?: boolean;
  /** The name sent as SNI and checked against the certificate (default: the host). */
  servername?: string;
}

export type PostgreSQLDatabaseName = 'PostgreSQL';
export declare const PostgreSQLDatabaseName: PostgreSQLDatabaseName;
export type PostgreSQLDriverType<DriverName extends string = string> = import('../types/drivers').DatabaseDriverType<
  PostgreSQLDatabaseName,
  DriverName
>;
export declare const defaultPostgreSQLConnectionString: 'postgresql://postgres@localhost:5432/postgres';
export declare const defaultPostgreSqlDatabase: 'postgres';
export type PostgreSQLConnectionString = import('../types/drivers').DatabaseConnectionString<
  'PostgreSQL',
  `postgresql://${string}` | `postgres://${string}`
>;
export declare function PostgreSQLConnectionString(connectionString: string): PostgreSQLConnectionString;
export declare function parseDatabaseName(connectionString: string): string | null;
export declare const pgFormatter: SQLFormatter;
export declare const PostgreSQLJSON: {
  field(source: SQL, path: string): SQL;
  textField(source: SQL, path: string): SQL;
  path(path: string | string[]): SQL;
};
export { mapPostgresError } from '../types/core';
/** `{ lock: { databaseLock: AdvisoryLock } }`: a transaction-scoped advisory lock (id 999956789). */
export declare const DefaultPostgreSQLMigratorOptions: MigratorOptions;

// Advisory locks. Without `mode` (or 'Transaction') the lock is pg_advisory_xact_lock,
// released by COMMIT/ROLLBACK; 'Session' and 'Permanent' take pg_advisory_lock, held by
// the session until released (withAcquire releases it). Use one connection's or
// transaction's executor for session locks. `timeoutMs` (default 10 000) bounds the wait
// with a statement timeout for that statement only.

/** Waits up to timeoutMs: true when acquired, false on timeout. */
export declare function tryAcquireAdvisoryLock(execute: SQLExecutor, options: AcquireDatabaseLockOptions): Promise<boolean>;
/** Throws LockNotAvailableError('Failed to acquire advisory lock within the specified timeout. Migration aborted.'). */
export declare function acquireAdvisoryLock(execute: SQLExecutor, options: AcquireDatabaseLockOptions): Promise<void>;
/** Releases a session lock: true when this session held it, false otherwise or on timeout. */
export declare function releaseAdvisoryLock(execute: SQLExecutor, options: ReleaseDatabaseLockOptions): Promise<boolean>;
/** The PostgreSQL DatabaseLock (the migrator's default there). */
export declare const AdvisoryLock: DatabaseLock;
export interface BoundAdvisoryLock {
  acquire(options?: { mode?: AcquireDatabaseLockMode }): Promise<void>;
  tryAcquire(options?: { mode?: AcquireDatabaseLockMode }): Promise<boolean>;
  release(): Promise<boolean>;
  withAcquire<Result>(handle: () => Promise<Result>, options?: { mode?: AcquireDatabaseLockMode }): Promise<Result>;
}
/** A lock bound to an executor and `{ lockId, timeoutMs? }`. */
export declare function advisoryLock(execute: SQLExecutor, options: DatabaseLockOptions): BoundAdvisoryLock;

// Schema metadata.

/** Whether a table of that name exists in any schema (pg_tables). */
export declare function tableExists(execute: SQLExecutor, tableName: string): Promise<boolean>;
export declare function tableExistsSQL(tableName: string): SQL;
/** Whether a function of that name exists (pg_proc). */
export declare function functionExists(execute: SQLExecutor, functionName: string): Promise<boolean>;
export declare function functionExistsSQL(functionName: string): SQL;
export declare const postgreSQLMetadata: Omit<DatabaseMetadata<true, true, true>, 'parseDatabaseName' | 'functionExists'> & {
  readonly databaseType: 'PostgreSQL';
  readonly defaultDatabaseName: 'postgres';
  parseDatabaseName(connectionString?: string): string;
  functionExists(execute: SQLExecutor, functionName: string): Promise<boolean>;
};

// SQL processors of the PostgreSQL formatter (their output comes from Rust; docs/sql.md).
import type { DefaultSQLColumnProcessors, SQLProcessor } from '../types/sql';
import type { SQLArray, SQLIn } from '../types/core';
export declare const PostgreSQLArrayProcessor: SQLProcessor<SQLArray>;
export declare const PostgreSQLExpandSQLInProcessor: SQLProcessor<SQLIn>;
export declare const postgreSQLColumnProcessors: DefaultSQLColumnProcessors;
