import type {
  ConnectionPool,
  Connection,
  DatabaseTransactionOptions,
  MigratorOptions,
} from '../types/pool';
import type { SQL, SQLFormatter, Serializer } from '../types/core';
export { DumboError } from '../types/core';

export type PgIsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface PgTransactionOptions extends DatabaseTransactionOptions {
  isolationLevel?: PgIsolationLevel;
  useSavepoints?: boolean;
}

export type PgConnection = Connection<PgTransactionOptions>;
export type PgPool = ConnectionPool<PgConnection, PgTransactionOptions>;

export interface PgPoolOptions {
  /** `postgresql://` or `postgres://` URL: user, password, host(s), port(s), database, `?host=<socket dir>`, `sslmode`, `application_name`, `options`, `target_session_attrs`. */
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
}

export declare const PostgreSQLDatabaseName: 'PostgreSQL';
export declare const defaultPostgreSQLConnectionString: 'postgresql://postgres@localhost:5432/postgres';
export declare const defaultPostgreSqlDatabase: 'postgres';
export declare function PostgreSQLConnectionString(connectionString: string): string;
export declare function parseDatabaseName(connectionString: string): string | null;
export declare const pgFormatter: SQLFormatter;
export declare const PostgreSQLJSON: {
  field(source: SQL, path: string): SQL;
  textField(source: SQL, path: string): SQL;
  path(path: string | string[]): SQL;
};
export declare function mapPostgresError(error: unknown): Error;
export declare const DefaultPostgreSQLMigratorOptions: MigratorOptions;
