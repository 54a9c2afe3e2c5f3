// `node __test__/support/pg-admin.mjs create|drop <database>`: the admin statements of
// __test__/support/postgres.mjs, run with the package's own PostgreSQL driver
// ('@event-driven-io/dumbo/pg') on DUMBO_TEST_PG_URL. A child process of its own, so
// a test file that creates its database does not load or register the PostgreSQL
// plugin itself (tests of automatic mode and registration see a pristine registry).
// On failure: one line on stderr, exit code 1.
const [action, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action) || !/^[a-z0-9_]{1,63}$/.test(name ?? '')) {
  console.error('usage: node __test__/support/pg-admin.mjs create|drop <database>');
  process.exit(2);
}

let pg;
let SQL;
try {
  pg = await import('@event-driven-io/dumbo/pg');
  ({ SQL } = await import('@event-driven-io/dumbo'));
} catch (error) {
  console.error(
    `cannot load the PostgreSQL driver '@event-driven-io/dumbo/pg' (connector 'PostgreSQL:pg'): ${error?.message ?? error}`,
  );
  process.exit(1);
}

const admin = pg.dumbo({ connectionString: process.env.DUMBO_TEST_PG_URL });
try {
  // One statement each: CREATE/DROP DATABASE cannot run inside a transaction block.
  // WITH (FORCE): sessions left connected (say, by a crashed run) do not block the drop.
  await admin.execute.command(SQL`DROP DATABASE IF EXISTS ${SQL.identifier(name)} WITH (FORCE)`);
  if (action === 'create') await admin.execute.command(SQL`CREATE DATABASE ${SQL.identifier(name)}`);
} catch (error) {
  console.error(`${error?.name ?? 'Error'}: ${error?.message ?? error}${error?.code ? ` (code ${error.code})` : ''}`);
  process.exitCode = 1;
} finally {
  await admin.close();
}
