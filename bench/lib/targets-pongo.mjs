// W7 targets: Pongo 0.17.0-beta.47 on upstream Dumbo ('pongo-upstream', bench/node_modules)
// and on this package ('pongo-this', bench/pongo-this, whose @event-driven-io/dumbo is a
// link to the repository). Before anything runs, the target proves which Dumbo its Pongo
// uses: the module resolution from inside Pongo's package, then, once a statement has run,
// whether this package's native addon is mapped into the process (it must be for
// 'pongo-this' and must not be for 'pongo-upstream').
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, REPO_DIR, PONGO_PG_URL, pongoDirs } from './paths.mjs';
import { PONGO_MIN_NODE } from './node-runtime.mjs';

const fail = (message) => {
  throw new Error(`W7 ${message}`);
};

/** The file `@event-driven-io/dumbo` resolves to from inside Pongo's package, checked against `target`. */
export function checkDumboResolution(target, pongoDir) {
  let resolved;
  try {
    resolved = realpathSync(createRequire(join(pongoDir, 'package.json')).resolve('@event-driven-io/dumbo'));
  } catch (error) {
    fail(`${target}: Pongo or its Dumbo is not installed under ${pongoDir} (${error.message}); run \`npm ci --prefix bench\` and \`npm ci --prefix bench/pongo-this\``);
  }
  if (target === 'pongo-this') {
    const repo = realpathSync(REPO_DIR) + sep;
    if (!resolved.startsWith(repo) || resolved.slice(repo.length).split(sep).includes('node_modules')) {
      fail(`pongo-this: Pongo's @event-driven-io/dumbo resolves to ${resolved}, not to this repository (${repo}): reinstall bench/pongo-this`);
    }
  } else {
    const upstreamDir = realpathSync(join(BENCH_DIR, 'node_modules', '@event-driven-io', 'dumbo')) + sep;
    if (!resolved.startsWith(upstreamDir)) fail(`pongo-upstream: Pongo's @event-driven-io/dumbo resolves to ${resolved}, not to upstream Dumbo in ${upstreamDir}`);
  }
  return resolved;
}

/** This package's native addons mapped into the process (Linux: /proc/self/maps). */
function mappedDumboAddons() {
  const paths = new Set();
  for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
    const path = line.slice(line.indexOf('/'));
    if (line.includes('/') && /dumbo[^/]*\.node$/.test(path)) paths.add(path);
  }
  return [...paths];
}

function checkAddon(target) {
  const addons = mappedDumboAddons();
  const ours = realpathSync(join(REPO_DIR, 'dumbo.linux-x64-gnu.node'));
  if (target === 'pongo-this' && !addons.includes(ours)) {
    fail(`pongo-this: Pongo ran a statement but this package's addon (${ours}) is not loaded (mapped: ${addons.join(', ') || 'none'})`);
  }
  if (target === 'pongo-upstream' && addons.length) fail(`pongo-upstream: this package's addon is loaded (${addons.join(', ')})`);
}

/** The file of a Pongo subpath export ('.', './pg', './sqlite3') for `import`. */
function pongoEntry(pongoDir, subpath) {
  const manifest = JSON.parse(readFileSync(join(pongoDir, 'package.json'), 'utf8'));
  const entry = manifest.exports[subpath];
  return pathToFileURL(join(pongoDir, entry.import?.default ?? entry.import ?? entry.default)).href;
}

/**
 * A Pongo collection of its own (`w7_<target>_<workload>_<pid>`): in a SQLite `file` of
 * this process, or in PostgreSQL's `dumbo_bench_pongo` database (dropped on close).
 */
export async function pongoTarget(db, target, workload, file) {
  const pongoDir = pongoDirs[target];
  if (!pongoDir) return null;
  const major = Number(process.versions.node.split('.')[0]);
  if (major < PONGO_MIN_NODE) fail(`${target}: Pongo needs Node ${PONGO_MIN_NODE}+, this process runs ${process.version}`);
  const dumboFile = checkDumboResolution(target, pongoDir);
  const pongo = await import(pongoEntry(pongoDir, '.'));
  const { pongoDriver } = await import(pongoEntry(pongoDir, db === 'pg' ? './pg' : './sqlite3'));
  const manifest = JSON.parse(readFileSync(join(pongoDir, 'package.json'), 'utf8'));
  const name = `w7_${target}_${workload}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  let client;
  let collection;
  return {
    label: `Pongo ${manifest.version} on ${target === 'pongo-this' ? 'this package' : 'upstream Dumbo'}`,
    dumbo: dumboFile,
    node: process.version,
    get collection() {
      return collection;
    },
    async open() {
      // The identity cache off (Pongo's default, stated): every operation reaches Dumbo.
      client = pongo.pongoClient({ driver: pongoDriver, connectionString: db === 'pg' ? PONGO_PG_URL : file, cache: 'disabled' });
      await client.connect();
      collection = client.db().collection(name);
      const count = Number(await collection.countDocuments());
      if (count !== 0) fail(`${target}: collection ${name} is not empty (${count})`);
      checkAddon(target);
    },
    async close() {
      try {
        if (db === 'pg') await collection?.drop();
      } finally {
        await client?.close();
      }
    },
  };
}
