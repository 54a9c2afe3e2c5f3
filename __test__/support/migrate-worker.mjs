// A migration runner in a process of its own, for the concurrency tests
// (__test__/integration/migrations-concurrency.test.mjs).
//
//   node migrate-worker.mjs <sqlite|postgresql> <connectionString> <count>
//
// Opens a pool, prints "ready", waits for "go" on stdin (so two workers start
// together), runs the same <count> migrations as every other worker, prints
// {"applied":[names],"skipped":[names]} (or {"error":message}) and exits.
import readline from 'node:readline';

const [kind, connectionString, countArg] = process.argv.slice(2);
const { dumbo } =
  kind === 'postgresql' ? await import('@event-driven-io/dumbo/pg') : await import('@event-driven-io/dumbo/sqlite3');
const { SQL, runSQLMigrations, sqlMigration } = await import('@event-driven-io/dumbo');

// A statement that takes a moment, so the second runner arrives while the first holds
// the lock (PostgreSQL) or the write transaction (SQLite).
const slow =
  kind === 'postgresql'
    ? SQL`SELECT pg_sleep(0.2)`
    : SQL`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT COUNT(*) FROM c`;

const migrations = Array.from({ length: Number(countArg) }, (_, i) => {
  const name = `concurrent_${String(i).padStart(2, '0')}`;
  return sqlMigration(name, [
    ...(i === 0 ? [SQL`CREATE TABLE effects (migration TEXT NOT NULL)`, slow] : []),
    SQL`CREATE TABLE ${SQL.identifier(`table_${i}`)} (id INTEGER)`,
    SQL`INSERT INTO effects (migration) VALUES (${name})`,
  ]);
});

const pool = dumbo({ connectionString });
let exitCode = 0;
try {
  await pool.execute.query(SQL`SELECT 1`);
  process.stdout.write('ready\n');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
  const result = await runSQLMigrations(pool, migrations);
  process.stdout.write(
    `${JSON.stringify({ applied: result.applied.map((m) => m.name), skipped: result.skipped.map((m) => m.name) })}\n`,
  );
} catch (error) {
  exitCode = 1;
  process.stdout.write(`${JSON.stringify({ error: `${error?.name}: ${error?.message}` })}\n`);
} finally {
  await pool.close();
}
process.exit(exitCode);
