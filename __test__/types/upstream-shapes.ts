// Code written against upstream 0.13.0-beta.47's connection, pool and transaction types
// (as Pongo writes it) compiles against this package unchanged.
import {
  dumbo,
  SQL,
  type AnyConnection,
  type AnyDatabaseTransaction,
  type Connection,
  type ConnectionPool,
  type DatabaseTransaction,
  type Dumbo,
  type InferDbClientFromConnection,
  type InferDriverTypeFromConnection,
  type InferTransactionFromConnection,
  type InferTransactionOptionsFromConnection,
  type QueryResult,
  type SQLExecutor,
  type WithConnectionFactory,
  type WithDatabaseTransactionFactory,
  type WithSQLExecutor,
} from '@event-driven-io/dumbo';
import {
  PgDriverType,
  type PgClientConnection,
  type PgPoolClientConnection,
  type PgConnection, type PgPool, type PgTransactionOptions } from '@event-driven-io/dumbo/pg';
import { SQLite3DriverType, type SQLitePool } from '@event-driven-io/dumbo/sqlite3';

type Equals<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
const same = <X, Y>(ok: Equals<X, Y>) => ok;

// Dumbo takes upstream's two parameters (driver type, connection type).
const pool: Dumbo = dumbo({ connectionString: 'file:./app.db' });
const typedPool: Dumbo<typeof PgDriverType, PgConnection> = {} as PgPool;
const sqlitePool: Dumbo<typeof SQLite3DriverType> = {} as SQLitePool;
// Driver types are types as well as values.
const pgType: PgDriverType = PgDriverType;
const sqliteType: SQLite3DriverType = 'SQLite:sqlite3';

// A Pongo-style helper over anything that makes transactions.
async function inTransaction<Result>(
  db: WithDatabaseTransactionFactory<AnyConnection>,
  handle: (tx: AnyDatabaseTransaction) => Promise<Result>,
): Promise<Result> {
  const tx = db.transaction(); // never null
  await tx.begin();
  try {
    const result = await handle(tx);
    await tx.commit();
    return result;
  } catch (error) {
    await tx.rollback(error);
    throw error;
  }
}

export async function shapes(): Promise<void> {
  const executor: SQLExecutor = pool.execute;
  const withExecutor: WithSQLExecutor = pool;
  const factory: WithConnectionFactory<AnyConnection> = pool;
  const asPool: ConnectionPool = pool;
  void [executor, withExecutor, factory, asPool, typedPool, sqlitePool, pgType, sqliteType];

  const rows: QueryResult = await inTransaction(pool, (tx) => tx.execute.query(SQL`SELECT 1`));
  void rows;

  // withTransaction: the callback may return the result or { success, result }.
  const plain: number = await pool.withTransaction(async () => 1);
  const wrapped: string = await pool.withTransaction(async () => ({ success: true, result: 'ok' }));
  void [plain, wrapped];

  // A transaction knows its connection, and transactions nest through withTransaction.
  const tx = typedPool.transaction({ isolationLevel: 'SERIALIZABLE' });
  const connection: PgConnection = tx.connection;
  await tx.withTransaction(async (nested) => nested.execute.command(SQL`SELECT 1`));
  await connection.withTransaction(async (inner: DatabaseTransaction<PgConnection, PgTransactionOptions>) => {
    await inner.execute.query(SQL`SELECT 1`);
  });

  await pool.withConnection(async (c: AnyConnection) => {
    const own: Connection = c;
    await own.execute.query(SQL`SELECT 1`);
  });
}

// The Infer* helpers read a connection's parameters back.
same<InferDriverTypeFromConnection<PgConnection>, 'PostgreSQL:pg'>(true);
same<InferTransactionOptionsFromConnection<PgConnection>, PgTransactionOptions>(true);
// PgConnection is a union (as upstream's), so its transaction type is read per connection.
same<InferTransactionFromConnection<PgClientConnection>, DatabaseTransaction<PgClientConnection, PgTransactionOptions>>(true);
same<
  InferTransactionFromConnection<PgPoolClientConnection>,
  DatabaseTransaction<PgPoolClientConnection, PgTransactionOptions>
>(true);
same<InferDbClientFromConnection<AnyConnection>, unknown>(true);
