// The entry points upstream @event-driven-io/dumbo@0.13.0-beta.47 publishes, and where the
// pinned copy (the dev dependency alias `dumbo-upstream`) and this package declare them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const ENTRIES = ['.', '/pg', '/postgresql', '/sqlite', '/sqlite3', '/cloudflare'];
export const UPSTREAM = 'dumbo-upstream';
export const OURS = '@event-driven-io/dumbo';

const require = createRequire(join(REPO, 'package.json'));
export const UPSTREAM_DIR = packageDir(require.resolve(UPSTREAM));

/** The nearest folder holding a package.json, from a resolved file up (the package does not export ./package.json). */
export function packageDir(file) {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error(`no package.json above ${file}`);
    dir = dirname(dir);
  }
  return dir;
}

/** `dumbo-upstream/pg`, `@event-driven-io/dumbo` ... */
export const specifier = (pkg, entry) => (entry === '.' ? pkg : `${pkg}${entry}`);

/** The ESM `types` file an entry's `exports` condition points at, or undefined. */
export function declarationFile(packageDir, entry) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const target = manifest.exports?.[entry === '.' ? '.' : `.${entry}`];
  const types = target?.import?.types ?? target?.types;
  return types ? join(packageDir, types) : undefined;
}

export const upstreamVersion = () =>
  JSON.parse(readFileSync(join(UPSTREAM_DIR, 'package.json'), 'utf8')).version;

/**
 * Upstream's runtime export names per entry point, read in a child process: upstream keeps
 * state on globalThis (its driver registry), which must not meet this package's in one
 * process.
 */
export function upstreamRuntimeNames() {
  const script = `const out = {};
for (const entry of ${JSON.stringify(ENTRIES)}) {
  out[entry] = Object.keys(await import(entry === '.' ? '${UPSTREAM}' : '${UPSTREAM}' + entry));
}
console.log(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`reading upstream's exports failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
