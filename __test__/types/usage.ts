// Compile-only checks of the public API (run by `npm run test:types`).
import {
  dumbo,
  pluginRegistry,
  SQL,
  single,
  count,
  DumboError,
  UniqueConstraintError,
  type StoragePlugin,
  type QueryResult,
} from '@event-driven-io/dumbo';
import { dumbo as sqlite, sqlite3Plugin, type SQLitePool } from '@event-driven-io/dumbo/sqlite3';
import { sqliteFormatter, SQLiteJSON } from '@event-driven-io/dumbo/sqlite';
import { dumbo as pg, pgPlugin, checkConnection, type PgPool } from '@event-driven-io/dumbo/pg';
import { pgPool } from '@event-driven-io/dumbo/postgresql/pg';
import { pgFormatter, PostgreSQLJSON, parseDatabaseName } from '@event-driven-io/dumbo/postgresql';

type User = { id: number; name: string };

export async function usage(): Promise<void> {
  const pool = dumbo({ connectionString: 'file:./app.db' });
  await pool.execute.command(SQL`CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)`);
  const n: number = await pool.withTransaction(async (tx) => {
    await tx.execute.command(SQL`INSERT INTO users (name) VALUES (${'Ada'})`);
    return { success: true, result: 1 };
  });
  const user: User = await single(pool.execute.query<User>(SQL`SELECT * FROM users WHERE id = ${n}`));
  const result: QueryResult<User> = await pool.execute.query<User>(SQL`SELECT * FROM users`);
  const total: number = await count(pool.execute.query<{ count: number }>(SQL`SELECT COUNT(*) AS count FROM users`));
  void user;
  void result;
  void total;
  await pool.close({ force: true });

  const direct: SQLitePool = sqlite({ fileName: ':memory:', pragmaOptions: { busy_timeout: 100 } });
  await direct.withTransaction(async () => undefined, { mode: 'EXCLUSIVE' });
  await direct.close();

  const postgres: PgPool = pg({
    connectionString: 'postgresql://postgres@localhost:5432/postgres',
    max: 4,
    connectionTimeoutMillis: 1000,
    transactionOptions: { isolationLevel: 'SERIALIZABLE', allowNestedTransactions: true },
  });
  await postgres.withTransaction(async () => undefined, { readonly: true, isolationLevel: 'REPEATABLE READ' });
  await postgres.execute.query(SQL`SELECT ${PostgreSQLJSON.textField(SQL`data`, 'a.b')}`, { timeoutMs: 100 });
  await postgres.close();
  const check = await checkConnection('postgresql://localhost/x');
  if (!check.successful) void check.errorType;
  const db: string | null = parseDatabaseName('postgresql://localhost/x');
  void db;
  void pgPool;
  void pgFormatter.format(SQL`SELECT 1`).query;
  pluginRegistry.register('PostgreSQL:pg', pgPlugin);
  // @ts-expect-error unknown isolation level
  pg({ connectionString: 'postgresql://x', transactionOptions: { isolationLevel: 'SOMETIMES' } });

  const plugin: StoragePlugin<'DuckDB:nodejs'> = {
    connector: 'DuckDB:nodejs',
    createPool: () => direct,
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: {},
    capabilities: { json: { operators: false, indexing: false, path: true }, arrays: false },
  };
  pluginRegistry.register('DuckDB:nodejs', plugin);
  pluginRegistry.register('DuckDB:lazy', async () => sqlite3Plugin as unknown as StoragePlugin<'DuckDB:lazy'>);
  const names: string[] = pluginRegistry.list();
  void names;
  const formatted = SQL.format(SQL`SELECT ${SQL.identifier('Order')} FROM t WHERE x = ${1}`, sqliteFormatter);
  const q: string = formatted.query;
  void q;
  void SQLiteJSON.path('a.b');

  try {
    await direct.execute.query(SQL`SELECT 1`);
  } catch (e) {
    if (e instanceof UniqueConstraintError || DumboError.isInstanceOf(e)) {
      // narrowed
    }
  }
}

// @ts-expect-error a plugin must declare createPool
export const bad: StoragePlugin<'X:y'> = { connector: 'X:y', sqlFormatter: sqliteFormatter, defaultMigratorOptions: {} };

// Deployment options of the PostgreSQL pool (docs/deploying.md).
export const deployed: import('@event-driven-io/dumbo/postgresql').PgPoolOptions = {
  connectionString: 'postgresql://app@db/app?sslmode=verify-full&sslrootcert=system',
  prepare: false,
  ssl: { ca: ['-----BEGIN CERTIFICATE-----'], rejectUnauthorized: true, servername: 'db.internal' },
};
// @ts-expect-error rejectUnauthorised is misspelled
export const misspelled: import('@event-driven-io/dumbo/postgresql').PgSslOptions = { rejectUnauthorised: false };
