// The Node that runs W7: Pongo 0.17 needs Node 22+ (it calls `.map()` on `Map.values()`).
// When the suite itself runs on an older Node, W7's processes run on the pinned Node 24 of
// the test lanes (scripts/runtimes.mjs: one list of pinned runtimes, one download cache).
import { ensureRuntime, RUNTIMES, runtimesSupported } from '../../scripts/runtimes.mjs';

export const PONGO_MIN_NODE = 22;
export const PINNED_NODE = RUNTIMES.node24;

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);

/** The Node binary for W7: this one if it is new enough, else the pinned one (installed on first use). */
export function nodeForPongo() {
  if (major(process.version) >= PONGO_MIN_NODE) return process.execPath;
  if (!runtimesSupported()) {
    throw new Error(`W7 (Pongo) needs Node ${PONGO_MIN_NODE}+; this is ${process.version} and ${PINNED_NODE.pkg} exists for linux-x64 only`);
  }
  return ensureRuntime('node24');
}
