// Where things live. This package is loaded by path from the repository root; upstream
// Dumbo (same package name) only by path from bench/node_modules, so the two never mix.
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const benchRequire = createRequire(new URL('../package.json', import.meta.url));

export const ours = {
  root: new URL('../../index.mjs', import.meta.url).href,
  pg: new URL('../../entry/pg.mjs', import.meta.url).href,
  sqlite3: new URL('../../entry/sqlite3.mjs', import.meta.url).href,
};

export const upstream = {
  root: new URL('../node_modules/@event-driven-io/dumbo/dist/index.js', import.meta.url).href,
  pg: new URL('../node_modules/@event-driven-io/dumbo/dist/pg.js', import.meta.url).href,
  sqlite3: new URL('../node_modules/@event-driven-io/dumbo/dist/sqlite3.js', import.meta.url).href,
};

/** The @acme/dumbo-better-sqlite3 example plugin (issue 4), if it has been written. */
export const acmePluginDir = fileURLToPath(new URL('../../examples/dumbo-better-sqlite3/', import.meta.url));
export function acmePluginEntry() {
  for (const f of ['index.cjs', 'index.mjs']) {
    const p = acmePluginDir + f;
    if (existsSync(p)) return p;
  }
  return null;
}

export const PG_URL = process.env.DUMBO_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const PG_SCHEMA = 'dumbo_bench';
/** W7 (Pongo): its collections are tables in the default schema, so a database of its own. */
export const PONGO_PG_DATABASE = 'dumbo_bench_pongo';
export const PONGO_PG_URL = (() => {
  const url = new URL(PG_URL);
  url.pathname = `/${PONGO_PG_DATABASE}`;
  return url.href;
})();

/** Pongo 0.17.0-beta.47 twice: on upstream Dumbo (bench/package.json) and on this package (bench/pongo-this). */
export const pongoDirs = {
  'pongo-upstream': fileURLToPath(new URL('../node_modules/@event-driven-io/pongo/', import.meta.url)),
  'pongo-this': fileURLToPath(new URL('../pongo-this/node_modules/@event-driven-io/pongo/', import.meta.url)),
};
