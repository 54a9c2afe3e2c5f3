// One workload against one target, in its own process.
//
//   node lib/worker.mjs '<json spec>'          one-shot: warm-up, 5 rounds, prints `@@RESULT {json}`
//   (forked by run.mjs with an IPC channel)     driven: run.mjs sends warmup / round / finish, so
//                                               the rounds of all targets of a workload interleave
//                                               (one process at a time, never two at once).
// spec: { db: 'pg'|'sqlite', target, workload: W1..W6|W5h|W7i|W7f|W7n|W7u|M1|M2, quick, template? }
import { copyFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import {
  ROWS, INSERT_ROWS, CHURN, makeRows, ageSum, idStream, checkRow, checkRowFull, consumeAll, verifyAll,
} from './data.mjs';

const spec = JSON.parse(process.argv[2]);
const { db, target, workload, quick } = spec;
const WARM_SECS = quick ? 0.3 : 1.0;
const ROUND_SECS = spec.roundSecs ?? (quick ? 0.15 : 1.0);
const ROUNDS = 5;
const LANES = 64;

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadAtStart = loadavg();
const resultOf = (result) => ({ db, target, workload, ...result, load: [loadAtStart, loadavg()] });

let file;
if (db === 'sqlite') {
  file = join(tmpdir(), `dumbo-bench-${process.pid}-${target}-${workload}.db`);
  if (spec.template) copyFileSync(spec.template, file); // W7 (Pongo) starts from an empty file
}
const cleanup = () => {
  if (file) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
};

async function loadTarget() {
  if (workload.startsWith('W7')) {
    const { pongoTarget } = await import('./targets-pongo.mjs');
    return pongoTarget(db, target, workload, file);
  }
  if (db === 'pg') {
    const { pgTargets } = await import('./targets-pg.mjs');
    return pgTargets[target]();
  }
  const { sqliteTargets } = await import('./targets-sqlite.mjs');
  return sqliteTargets[target](file);
}

/** Runs `count` ops through `fn(i)`, `lanes` of them in flight. */
async function inFlight(count, lanes, fn) {
  let next = 0;
  const lane = async () => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, count) }, lane));
}

/**
 * A measured workload. plan: `batch(n, from)` runs n units, each counting `items` towards
 * throughput; before/after run outside the timing (setup, correctness checks).
 * warmup() is time-bounded and sizes the rounds: n units ≈ ROUND_SECS. Each round also
 * records the process's CPU time (all its threads, user + system) per item, in µs: on
 * this shared machine it moves less with the background load than the wall clock does;
 * and its context switches per item, voluntary (it waited) and involuntary (preempted).
 */
function measured(plan) {
  const { items, minUnits = 1, maxUnits = Infinity, warmBatch = 1, batch, before, after } = plan;
  let n;
  let warm;
  const rounds = [];
  const cpuRounds = [];
  const switchRounds = [];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    async warmup() {
      await before?.('warmup');
      const t0 = performance.now();
      let units = 0;
      do {
        await batch(warmBatch, units);
        units += warmBatch;
      } while ((performance.now() - t0) / 1000 < WARM_SECS);
      const secs = (performance.now() - t0) / 1000;
      await after?.('warmup', units);
      n = Math.max(minUnits, Math.min(maxUnits, Math.ceil((units / secs) * ROUND_SECS)));
      warm = { units, secs };
      return { unitsPerRound: n };
    },
    async round() {
      const r = rounds.length;
      await before?.(r);
      const ru0 = process.resourceUsage();
      const cpu0 = process.cpuUsage();
      const s = performance.now();
      await batch(n, 0);
      const secs = (performance.now() - s) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const ru = process.resourceUsage();
      await after?.(r, n);
      const value = (n * items) / secs;
      rounds.push(value);
      cpuRounds.push((cpu.user + cpu.system) / (n * items));
      switchRounds.push([
        (ru.voluntaryContextSwitches - ru0.voluntaryContextSwitches) / (n * items),
        (ru.involuntaryContextSwitches - ru0.involuntaryContextSwitches) / (n * items),
      ]);
      return value;
    },
    result() {
      const switchesPerItem = { voluntary: median(switchRounds.map((x) => x[0])), involuntary: median(switchRounds.map((x) => x[1])) };
      return { rounds, median: median(rounds), cpuUsPerItem: median(cpuRounds), cpuRounds, switchesPerItem, unitsPerRound: n, itemsPerUnit: items, warmup: warm };
    },
  };
}

function pointSelects(t, lanes) {
  const nextId = idStream();
  const one = async () => {
    const id = nextId();
    checkRow(await t.pointSelect(id), id);
  };
  return measured({
    items: 1,
    minUnits: 200,
    warmBatch: lanes === 1 ? 100 : 640,
    before: async (r) => {
      // Full check of a few rows (every column) before the warm-up.
      if (r === 'warmup') for (const id of [1, 2, 4242, ROWS]) checkRowFull(await t.pointSelect(id), id);
    },
    batch:
      lanes === 1
        ? async (n) => {
            for (let i = 0; i < n; i++) await one();
          }
        : (n) => inFlight(n, lanes, one),
  });
}

// Rows with both a Date (PostgreSQL) and an ISO string (SQLite) created_at.
function rowsWithIso(from, count) {
  const rows = makeRows(from, count);
  for (const r of rows) r.createdAtIso = r.createdAt.toISOString();
  return rows;
}

function inserts(t, fn) {
  const prepared = [];
  const rowsFor = (units) => {
    while (prepared.length < units) prepared.push(rowsWithIso(prepared.length * INSERT_ROWS + 1, INSERT_ROWS));
    return prepared;
  };
  rowsFor(1);
  return measured({
    items: INSERT_ROWS,
    before: () => t.clear(),
    batch: async (n, from) => {
      const all = rowsFor(from + n);
      for (let u = from; u < from + n; u++) await fn(all[u]);
    },
    after: async (_round, units) => {
      const { n, ages } = await t.stats();
      const want = ageSum(1, units * INSERT_ROWS);
      if (n !== units * INSERT_ROWS || ages !== want) {
        throw new Error(`insert check: expected ${units * INSERT_ROWS} rows (age sum ${want}), got ${n} (${ages})`);
      }
    },
  });
}

async function planFor(t) {
  if (workload !== 'W6') await t.open();
  if (workload.startsWith('W7')) {
    const { pongoPlan } = await import('./pongo-plans.mjs');
    return pongoPlan(t, workload, measured);
  }
  switch (workload) {
    case 'W1':
      return pointSelects(t, 1);
    case 'W2':
      return pointSelects(t, LANES);
    case 'W3': {
      let last;
      return measured({
        items: ROWS,
        batch: async (n) => {
          for (let i = 0; i < n; i++) {
            const rows = await t.selectAll();
            last = { sum: consumeAll(rows), rows };
          }
        },
        after: () => {
          verifyAll(last.sum, last.rows);
          last = undefined;
        },
      });
    }
    case 'W4':
      return inserts(t, (rows) => t.insertEach(rows));
    case 'W5':
      return inserts(t, (rows) => t.insertMulti(rows));
    case 'W5h':
      return inserts(t, (rows) => t.insertLiteral(rows));
    case 'W6': {
      const nextId = idStream(7);
      return measured({
        items: 1,
        minUnits: quick ? 20 : CHURN,
        warmBatch: 5,
        batch: async (n) => {
          for (let i = 0; i < n; i++) {
            const id = nextId();
            checkRow(await t.churn(id), id);
          }
        },
      });
    }
    default:
      throw new Error(`unknown workload ${workload}`);
  }
}

/** Memory 1: peak RSS of the process while it runs W3 (20 full-table reads). */
async function peakRssW3(t) {
  await t.open();
  const rssBefore = process.memoryUsage.rss();
  const reads = quick ? 5 : 20;
  for (let i = 0; i < reads; i++) {
    const rows = await t.selectAll();
    verifyAll(consumeAll(rows), i === 0 ? rows : undefined);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  return { rssBefore, peakRss: peak, reads, median: peak };
}

/**
 * Memory 2: RSS growth over 200,000 point selects + 20,000 failing statements (1 in 11),
 * after a warm-up of half that, with gc before each reading. Ten samples show the trend.
 */
async function leakCheck(t) {
  await t.open();
  const selects = (quick ? 20_000 : 200_000) * (spec.scale ?? 1);
  const failures = selects / 10;
  const nextId = idStream(11);
  let failed = 0;
  const run = async (groups) => {
    await inFlight(groups * 11, db === 'pg' ? 16 : 1, async (i) => {
      if (i % 11 === 10) {
        try {
          await t.failing(i);
        } catch {
          failed++;
          return;
        }
        throw new Error('a failing statement succeeded');
      }
      const id = nextId();
      checkRow(await t.pointSelect(id), id);
    });
  };
  const gc = globalThis.gc ?? (() => {});
  const snap = () => {
    gc();
    gc();
    return { rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed };
  };
  await run(failures / 2); // warm-up: 100,000 selects + 10,000 failures
  const start = snap();
  const samples = [];
  const threads = [];
  const newSpace = [];
  const threadCount = () => Number(readFileSync('/proc/self/status', 'utf8').match(/Threads:\s+(\d+)/)[1]);
  const t0 = performance.now();
  const chunks = 10 * (spec.scale ?? 1);
  for (let k = 0; k < chunks; k++) {
    await run(failures / chunks);
    samples.push(snap().rss);
    threads.push(threadCount());
    newSpace.push(v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space')?.space_size ?? 0);
  }
  const end = snap();
  const want = failures / 2 + failures;
  if (failed !== want) throw new Error(`expected ${want} failures, got ${failed}`);
  return {
    selects,
    failures,
    secs: (performance.now() - t0) / 1000,
    rssStart: start.rss,
    rssEnd: end.rss,
    heapStart: start.heapUsed,
    heapEnd: end.heapUsed,
    samples,
    threads,
    newSpace,
    growth: end.rss / start.rss - 1,
    secondHalfGrowth: end.rss / samples[chunks / 2 - 1] - 1,
    median: end.rss / start.rss - 1,
  };
}

const errorText = (error) => String(error?.stack ?? error);
let t;
async function finish() {
  try {
    await t?.close();
  } catch (error) {
    process.stderr.write(`close: ${error}\n`);
  }
  cleanup();
}

if (process.send) {
  // Driven by run.mjs: { cmd: 'warmup' | 'round' | 'finish' } → { ok, ... } | { error }.
  let plan;
  process.on('message', async ({ cmd }) => {
    try {
      if (cmd === 'warmup') {
        t = await loadTarget();
        if (!t) return process.send({ skipped: 'target not available' });
        plan = await planFor(t);
        process.send({ ok: true, ...(await plan.warmup()) });
      } else if (cmd === 'round') {
        process.send({ ok: true, value: await plan.round() });
      } else if (cmd === 'finish') {
        const result = plan ? resultOf({ label: t.label, ...(t.dumbo && { dumbo: t.dumbo, node: t.node }), ...plan.result() }) : resultOf({});
        await finish();
        process.send({ ok: true, result }, () => process.disconnect());
      }
    } catch (error) {
      process.send({ error: errorText(error) });
    }
  });
  process.send({ ready: true });
} else {
  const emit = (result) => process.stdout.write(`@@RESULT ${JSON.stringify(resultOf(result))}\n`);
  try {
    t = await loadTarget();
    if (!t) emit({ skipped: 'target not available' });
    else if (workload === 'M1') emit({ label: t.label, ...(t.dumbo && { dumbo: t.dumbo, node: t.node }), ...(await peakRssW3(t)) });
    else if (workload === 'M2') emit({ label: t.label, ...(t.dumbo && { dumbo: t.dumbo, node: t.node }), ...(await leakCheck(t)) });
    else {
      const plan = await planFor(t);
      await plan.warmup();
      for (let r = 0; r < ROUNDS; r++) await plan.round();
      emit({ label: t.label, ...(t.dumbo && { dumbo: t.dumbo, node: t.node }), ...plan.result() });
    }
  } catch (error) {
    emit({ error: errorText(error) });
    process.exitCode = 1;
  } finally {
    await finish();
  }
}
