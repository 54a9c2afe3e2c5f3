// Child process of __test__/integration/tracing.test.mjs: runs statements, a transaction,
// migrations and direct tracer calls with the DUMBO_LOG_* variables it was started with;
// the parent reads what Dumbo printed. argv: <connectionString> <scenario>.
import { dumbo, SQL, runSQLMigrations, sqlMigration, tracer } from '@event-driven-io/dumbo';

const [connectionString, scenario = 'all'] = process.argv.slice(2);
const pool = dumbo({ connectionString });
const MARK = (text) => process.stdout.write(`--- ${text}\n`);

try {
  if (scenario === 'all') {
    await pool.execute.command(SQL`CREATE TABLE IF NOT EXISTS trace_items (id INTEGER PRIMARY KEY, name TEXT)`);
    await pool.execute.query(SQL`SELECT name FROM trace_items WHERE id = ${42}`);
    await pool.withTransaction(async (tx) => {
      await tx.execute.command(SQL`INSERT INTO trace_items (id, name) VALUES (${1}, ${'one'})`);
    });
    await pool
      .withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO trace_items (id, name) VALUES (${2}, ${'two'})`);
        return { success: false, result: undefined };
      })
      .catch(() => {});
    await pool.execute.query(SQL`SELECT * FROM trace_missing_table`).catch(() => {});
    const migration = sqlMigration('trace:001', [SQL`CREATE TABLE IF NOT EXISTS trace_migrated (id INTEGER)`]);
    await runSQLMigrations(pool, [migration]);
    await runSQLMigrations(pool, [migration]);
    const changed = sqlMigration('trace:001', [SQL`CREATE TABLE trace_other (id INTEGER)`]);
    await runSQLMigrations(pool, [changed]).catch(() => {});
    await runSQLMigrations(pool, [changed], { ignoreMigrationHashMismatch: true });
    MARK('direct');
    tracer.info('app:info', { n: 1 });
    tracer.log('app:log', { n: 2 });
    tracer.warn('app:warn', { n: 3 });
    tracer.error('app:error', { n: 4 });
    tracer();
  } else if (scenario === 'runtime-change') {
    // The level is read once per event-loop turn: a change applies from the next turn.
    await pool.execute.query(SQL`SELECT ${'before'} AS phase`);
    process.env.DUMBO_LOG_LEVEL = 'INFO';
    await new Promise((resolve) => setImmediate(resolve));
    await pool.execute.query(SQL`SELECT ${'after'} AS phase`);
  }
} finally {
  await pool.close();
}
