// A fixed amount of one workload, for profilers (perf, valgrind --tool=callgrind, --cpu-prof):
//   node bench/profile/loop.mjs <pg|sqlite> <target> <W1|W2|W3|W4|W5|W6> [units] [--template file]
// To profile a build with symbols, run this file from a copy of the repository (a git
// worktree) whose addon was built with CARGO_PROFILE_RELEASE_STRIP=none.
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeRows, idStream, checkRow, consumeAll, verifyAll } from '../lib/data.mjs';

const [db, target, workload, unitsArg] = process.argv.slice(2);
const ti = process.argv.indexOf('--template');
const units = Number(unitsArg ?? 1000);
let file;
if (db === 'sqlite') {
  file = join(tmpdir(), `dumbo-bench-prof-${process.pid}.db`);
  copyFileSync(ti > 0 ? process.argv[ti + 1] : '/tmp/dumbo-bench-template.db', file);
}
const { pgTargets } = await import('../lib/targets-pg.mjs');
const { sqliteTargets } = await import('../lib/targets-sqlite.mjs');
const t = await (db === 'pg' ? pgTargets[target]() : sqliteTargets[target](file));
const nextId = idStream();
const rowsFor = (u) => {
  const rows = makeRows(u * 5000 + 1, 5000);
  for (const r of rows) r.createdAtIso = r.createdAt.toISOString();
  return rows;
};
if (workload !== 'W6') await t.open();
if (workload === 'W4' || workload === 'W5') await t.clear();
const s = performance.now();
for (let u = 0; u < units; u++) {
  switch (workload) {
    case 'W1': {
      const id = nextId();
      checkRow(await t.pointSelect(id), id);
      break;
    }
    case 'W2': {
      await Promise.all(Array.from({ length: 64 }, async () => {
        const id = nextId();
        checkRow(await t.pointSelect(id), id);
      }));
      break;
    }
    case 'W3': {
      const rows = await t.selectAll();
      verifyAll(consumeAll(rows));
      break;
    }
    case 'W4':
      await t.insertEach(rowsFor(u));
      break;
    case 'W5':
      await t.insertMulti(rowsFor(u));
      break;
    case 'W6': {
      const id = nextId();
      checkRow(await t.churn(id), id);
      break;
    }
  }
}
const secs = (performance.now() - s) / 1000;
console.error(`${db} ${target} ${workload}: ${units} units in ${secs.toFixed(3)} s (${(units / secs).toFixed(1)} units/s)`);
await t.close();
if (file) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
