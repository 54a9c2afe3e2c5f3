// @event-driven-io/dumbo/cloudflare: a consumer of the D1 driver's types.
import { SQL, dumbo, runSQLMigrations, type ConnectionPool } from '@event-driven-io/dumbo';
import {
  D1DriverType,
  D1TransactionNotSupportedError,
  d1Client,
  d1Connection,
  d1DumboDriver,
  d1Pool,
  d1SQLExecutor,
  d1Transaction,
  mapD1Error,
  sqliteFormatter,
  tableExists,
  useD1DumboDriver,
  type D1Client,
  type D1Connection,
  type D1ConnectionPool,
  type D1DumboConnectionOptions,
  type D1PoolOptions,
  type D1Transaction,
  type D1TransactionMode,
  type D1TransactionOptions,
} from '@event-driven-io/dumbo/cloudflare';

// What @cloudflare/workers-types declares for a binding (the parts this driver calls, with
// their real signatures), so a Worker's `env.DB` type-checks where a database is expected.
interface WorkersD1Result<T = unknown> {
  success: true;
  meta: { changes: number; duration: number; last_row_id: number; [key: string]: unknown };
  results: T[];
}
interface WorkersD1PreparedStatement {
  bind(...values: unknown[]): WorkersD1PreparedStatement;
  first<T = unknown>(colName: string): Promise<T | null>;
  run<T = Record<string, unknown>>(): Promise<WorkersD1Result<T>>;
  all<T = Record<string, unknown>>(): Promise<WorkersD1Result<T>>;
  raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
}
interface WorkersD1DatabaseSession {
  prepare(query: string): WorkersD1PreparedStatement;
  batch<T = unknown>(statements: WorkersD1PreparedStatement[]): Promise<WorkersD1Result<T>[]>;
  getBookmark(): string | null;
}
interface WorkersD1Database {
  prepare(query: string): WorkersD1PreparedStatement;
  batch<T = unknown>(statements: WorkersD1PreparedStatement[]): Promise<WorkersD1Result<T>[]>;
  exec(query: string): Promise<{ count: number; duration: number }>;
  withSession(constraintOrBookmark?: string): WorkersD1DatabaseSession;
  dump(): Promise<ArrayBuffer>;
}
declare const env: { DB: WorkersD1Database };

const driverType: D1DriverType = D1DriverType;
const mode: D1TransactionMode = 'session_based';
const txOptions: D1TransactionOptions = { mode, allowNestedTransactions: true, d1Session: { constraintOrBookmark: 'first-primary' } };
const poolOptions: D1PoolOptions = { database: env.DB, transactionOptions: txOptions };
const pool: D1ConnectionPool = d1Pool(poolOptions);
const viaRegistry = dumbo({ driverType, database: env.DB } satisfies D1DumboConnectionOptions);

async function usage(): Promise<void> {
  const { rows } = await pool.execute.query<{ id: number }>(SQL`SELECT ${1} AS id`);
  const id: number | undefined = rows[0]?.id;
  await pool.execute.batchCommand([SQL`DELETE FROM t`], { assertChanges: true });
  const total: number = await pool.withTransaction(async (tx) => {
    await tx.execute.command(SQL`INSERT INTO t VALUES (${id ?? 0})`);
    return 1;
  }, txOptions);
  const connection: D1Connection = await pool.connection();
  const transaction: D1Transaction = connection.transaction({ mode: 'session_based' });
  await transaction.begin();
  await transaction.commit();
  const count: number = await connection.withD1Session(async (session: D1Connection) => {
    const r = await session.execute.query<{ n: number }>(SQL`SELECT count(*) AS n FROM t`);
    return r.rows[0]?.n ?? 0;
  }, { constraintOrBookmark: 'first-unconstrained' });
  const client: D1Client = d1Client({ database: env.DB });
  const sessionClient: D1Client = await client.withSession('first-primary');
  await sessionClient.query(SQL`SELECT 1`);
  const direct = d1Connection({ database: env.DB, serializer: undefined as never });
  await direct.execute.query(SQL`SELECT 1`);
  const executor = d1SQLExecutor();
  await executor.query(client, SQL`SELECT 1`);
  const factory = d1Transaction(() => direct, undefined as never, { mode: 'session_based' });
  const tx: D1Transaction = factory(Promise.resolve(client));
  void tx;
  const exists: boolean = await tableExists(pool.execute, 't');
  const mapped: Error = mapD1Error(new Error('D1_ERROR: x'));
  const notSupported: Error = new D1TransactionNotSupportedError();
  const formatted = sqliteFormatter.format(SQL`SELECT 1`);
  useD1DumboDriver();
  const driverName: 'SQLite:d1' = d1DumboDriver.driverType;
  const metadataType: string = d1DumboDriver.databaseMetadata.databaseType;
  void [total, count, exists, mapped, notSupported, formatted, driverName, metadataType, viaRegistry];
  // A D1 pool is a Dumbo pool: the migrator and generic code take it.
  const asPool: ConnectionPool<any> = pool;
  await runSQLMigrations(pool, []);
  void asPool;
  await pool.close();
}
void usage;

// @ts-expect-error a transaction mode D1 does not have
const badMode: D1TransactionMode = 'IMMEDIATE';
void badMode;

// Upstream's SQLite building blocks, from /cloudflare and /sqlite.
import {
  sqliteClientConnection,
  sqlitePool,
  sqliteTransaction,
  type SQLiteClient,
} from '@event-driven-io/dumbo/cloudflare';
import { JSONSerializer } from '@event-driven-io/dumbo';
import * as sqliteEntry from '@event-driven-io/dumbo/sqlite';

declare const someClient: SQLiteClient;
const blocksConnection = sqliteClientConnection({
  driverType: 'SQLite:custom',
  type: 'Client',
  sqliteClientFactory: () => someClient,
  connectionOptions: {},
  serializer: JSONSerializer,
});
const blocksPool = sqlitePool({
  driverType: 'SQLite:custom',
  singleton: true,
  sqliteConnectionFactory: () => blocksConnection,
  connectionOptions: {},
});
void blocksPool.execute.query(SQL`SELECT 1`);
void sqliteTransaction;
void sqliteEntry.sqliteSQLExecutor('SQLite:custom', JSONSerializer);

// Every type name upstream's /cloudflare declarations export (values aside).
import type * as CF from '@event-driven-io/dumbo/cloudflare';
export type UpstreamCloudflareTypes = [
  CF.AnySQLiteClientConnection,
  CF.AnySQLiteConnection,
  CF.AnySQLitePoolClientConnection,
  CF.BatchSQLiteCommandOptions,
  CF.D1Client,
  CF.D1ClientOptions,
  CF.D1Connection,
  CF.D1ConnectionOptions,
  CF.D1ConnectionPool,
  CF.D1DatabaseOrSession,
  CF.D1DriverType,
  CF.D1DumboConnectionOptions,
  CF.D1DumboOptions,
  CF.D1PoolOptions,
  CF.D1SessionOptions,
  CF.D1Transaction,
  CF.D1TransactionMode,
  CF.D1TransactionNotSupportedError,
  CF.D1TransactionOptions,
  CF.SQLiteAlwaysNewConnectionPool,
  CF.SQLiteAmbientConnectionPool,
  CF.SQLiteClient,
  CF.SQLiteClientConnection,
  CF.SQLiteClientConnectionDefinitionOptions,
  CF.SQLiteClientFactory,
  CF.SQLiteClientOptions,
  CF.SQLiteClientOrPoolClient,
  CF.SQLiteCommandOptions,
  CF.SQLiteConnection,
  CF.SQLiteConnectionDefinitionOptions,
  CF.SQLiteConnectionFactory,
  CF.SQLiteConnectionOptions,
  CF.SQLiteDatabaseType,
  CF.SQLiteDriverType,
  CF.SQLiteError,
  CF.SQLiteErrorMapper,
  CF.SQLiteFileNameOrConnectionString,
  CF.SQLiteParameters,
  CF.SQLitePool,
  CF.SQLitePoolClient,
  CF.SQLitePoolClientConnection,
  CF.SQLitePoolConnectionDefinitionOptions,
  CF.SQLitePoolFactoryOptions<CF.AnySQLiteConnection, CF.SQLiteConnectionOptions>,
  CF.SQLitePoolOptions,
  CF.SQLitePragmaOptions,
  CF.SQLiteSQLExecutor,
  CF.SQLiteSingletonConnectionPool,
  CF.SQLiteTransaction,
  CF.SQLiteTransactionMode,
  CF.SQLiteTransactionOptions,
  CF.SqliteAmbientClientConnectionOptions,
];
