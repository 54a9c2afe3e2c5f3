// The entry points upstream @event-driven-io/dumbo@0.13.0-beta.47 publishes, and where the
// pinned copy (the dev dependency alias `dumbo-upstream`) and this package declare them.
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
