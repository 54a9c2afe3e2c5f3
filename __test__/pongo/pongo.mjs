// Where the Pongo lane finds Pongo: @event-driven-io/pongo@0.17.0-beta.47 from this
// repository's node_modules (whose @event-driven-io/dumbo is this package, through npm
// `overrides`), or, to validate the lane itself, from DUMBO_PONGO_NODE_MODULES: a
// node_modules folder where Pongo runs on upstream Dumbo.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const NODE_MODULES = process.env.DUMBO_PONGO_NODE_MODULES || join(REPO, 'node_modules');
export const PONGO_DIR = join(NODE_MODULES, '@event-driven-io', 'pongo');
/** What Pongo's `@event-driven-io/dumbo` must resolve into. */
export const EXPECTED_DUMBO_DIR = process.env.DUMBO_PONGO_NODE_MODULES
  ? join(NODE_MODULES, '@event-driven-io', 'dumbo')
  : REPO;

const manifest = () => JSON.parse(readFileSync(join(PONGO_DIR, 'package.json'), 'utf8'));

/** The file a Pongo subpath ('.', './shim', './pg', ...) resolves to for `import`. */
function pongoFile(subpath) {
  const target = manifest().exports[subpath];
  const file = target?.import?.default ?? target?.import ?? target?.default;
  if (typeof file !== 'string') throw new Error(`@event-driven-io/pongo has no ESM export '${subpath}'`);
  return join(PONGO_DIR, file);
}

/** `import('@event-driven-io/pongo' + subpath)` from the lane's Pongo. */
export const importPongo = (subpath = '.') => import(pathToFileURL(pongoFile(subpath)).href);

export const pongoVersion = () => manifest().version;

/** The file `@event-driven-io/dumbo` resolves to from inside Pongo's package. */
export const dumboAsPongoSeesIt = () =>
  createRequire(join(PONGO_DIR, 'package.json')).resolve('@event-driven-io/dumbo');

/** Pongo's CLI script (its package.json `bin.pongo`). */
export const pongoCli = () => join(PONGO_DIR, manifest().bin.pongo);
