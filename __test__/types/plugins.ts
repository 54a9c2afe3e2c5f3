// Compile-only checks of the community plugin examples' hand-written types
// (examples/dumbo-duckdb, examples/dumbo-better-sqlite3).
import { dumbo, pluginRegistry, SQL, single, type StoragePlugin } from '@event-driven-io/dumbo';
import {
  dumbo as duckdb,
  duckDBPlugin,
  plugin as duckDBLazyTarget,
  registerDuckDB,
  duckDBFormatter,
  type DuckDBPool,
  type DuckDBConnector,
} from '@acme/dumbo-duckdb';
import '@acme/dumbo-duckdb/register';
import {
  dumbo as betterSqlite3,
  betterSqlite3Plugin,
  registerBetterSqlite3,
  type BetterSqlite3Pool,
} from '@acme/dumbo-better-sqlite3';

export async function plugins(): Promise<void> {
  // The plugins are StoragePlugins of their connectors.
  const asPlugin: StoragePlugin<DuckDBConnector> = duckDBPlugin;
  const asSqlitePlugin: StoragePlugin<'SQLite:better-sqlite3'> = betterSqlite3Plugin;
  void asPlugin;
  void asSqlitePlugin;

  // The three registration options and the lazy form.
  registerDuckDB();
  registerBetterSqlite3();
  pluginRegistry.register('DuckDB:nodejs', () => import('@acme/dumbo-duckdb').then((m) => m.plugin));
  pluginRegistry.register('SQLite:better-sqlite3', () =>
    import('@acme/dumbo-better-sqlite3').then((m) => m.betterSqlite3Plugin),
  );
  void duckDBLazyTarget;

  const pool: DuckDBPool = duckdb({ connectionString: 'duckdb::memory:', max: 2, config: { threads: 1 } });
  const row: { answer: bigint } = await single(pool.execute.query<{ answer: bigint }>(SQL`SELECT 42::BIGINT AS answer`));
  void row;
  await pool.withTransaction(async (tx) => {
    await tx.execute.command(SQL`SELECT 1`);
  }, { readonly: true });
  const raw = await (await pool.connection()).open();
  raw.interrupt();
  await pool.close();
  const formatted: { query: string; params: unknown[] } = duckDBFormatter.format(SQL`SELECT ${1}`);
  void formatted;

  const sqlite: BetterSqlite3Pool = betterSqlite3({ fileName: ':memory:', transactionOptions: { mode: 'IMMEDIATE' } });
  const db = await (await sqlite.connection()).open();
  const inTransaction: boolean = db.inTransaction;
  void inTransaction;
  await sqlite.close();

  const chosen = dumbo({ connectionString: 'file:./app.db', connector: 'SQLite:better-sqlite3' });
  await chosen.close();

  // @ts-expect-error DuckDB has no savepoints
  duckdb({ transactionOptions: { useSavepoints: true } });
  // @ts-expect-error DuckDB connection strings start with duckdb:
  duckdb({ connectionString: 'postgresql://localhost/db' });
  // @ts-expect-error a better-sqlite3 pool is not a DuckDB pool
  const wrong: DuckDBPool = betterSqlite3({ fileName: ':memory:' });
  void wrong;
}
