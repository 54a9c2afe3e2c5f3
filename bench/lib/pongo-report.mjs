// The W7 section of the report: per database, each operation's throughput on both Dumbos,
// the ratio, and the geometric mean of the four ratios against the target. A database
// whose four operations did not all run on both targets gets no geometric mean. Beside the
// throughput (the target), the client process's CPU time per operation: upstream ÷ ours.
import { PONGO_WORKLOADS, PONGO_GEOMEAN_TARGET, WORKLOADS } from './targets.mjs';

const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

/** { db, ops: [{ workload, upstream, ours, ratio }], geomean, target, met } per database with W7 results. */
export function pongoSummary(results) {
  const summary = [];
  for (const db of ['pg', 'sqlite']) {
    const get = (w, t) => results.find((r) => r.db === db && r.workload === w && r.target === t);
    const ops = [];
    for (const workload of PONGO_WORKLOADS) {
      const up = get(workload, 'pongo-upstream');
      const ours = get(workload, 'pongo-this');
      if (!up && !ours) continue;
      const ratio = up?.median && ours?.median ? ours.median / up.median : null;
      const cpuRatio = ratio && up.cpuUsPerItem && ours.cpuUsPerItem ? up.cpuUsPerItem / ours.cpuUsPerItem : null;
      const byRepetition = ratio && up.repetitions && ours.repetitions ? ours.repetitions.map((o, i) => o.median / up.repetitions[i].median) : null;
      ops.push({
        workload,
        upstream: up?.median ?? null,
        ours: ours?.median ?? null,
        ratio,
        byRepetition,
        upstreamCpuUs: ratio ? up.cpuUsPerItem : null,
        oursCpuUs: ratio ? ours.cpuUsPerItem : null,
        cpuRatio,
        error: up?.error || ours?.error ? true : undefined,
      });
    }
    if (!ops.length) continue;
    const complete = ops.length === PONGO_WORKLOADS.length && ops.every((o) => o.ratio);
    const g = complete ? geomean(ops.map((o) => o.ratio)) : null;
    const cpuGeomean = complete && ops.every((o) => o.cpuRatio) ? geomean(ops.map((o) => o.cpuRatio)) : null;
    summary.push({ db, ops, geomean: g, cpuGeomean, target: PONGO_GEOMEAN_TARGET, met: g === null ? null : g >= PONGO_GEOMEAN_TARGET });
  }
  return summary;
}

/** Markdown lines for the summary (`fmt` formats a throughput). */
export function pongoTable(summary, fmt, nodeVersion, repeat = 1) {
  if (!summary.length) return [];
  const of = repeat > 1 ? `median of ${repeat} repetitions' medians of 5 rounds` : 'median of 5 rounds';
  const lines = [
    `### W7, Pongo documents: Pongo on this package ÷ Pongo on upstream Dumbo (ops/s, ${of}, Node ${nodeVersion})`,
    '',
    `| db | operation | Pongo on upstream Dumbo | Pongo on this package | ratio |${repeat > 1 ? ' ratio per repetition |' : ''} client CPU µs/op, upstream → this | CPU ratio |`,
    `|---|---|---:|---:|---:|${repeat > 1 ? '---:|' : ''}---:|---:|`,
  ];
  const perRep = (o) => (repeat > 1 ? ` ${o.byRepetition ? o.byRepetition.map((r) => r.toFixed(2)).join(', ') : '—'} |` : '');
  const cell = (v, error) => (v ? fmt(v) : error ? 'error' : '—');
  const x = (v) => (v ? `${v.toFixed(2)}×` : '—');
  const us = (a, b) => (a && b ? `${a.toFixed(0)} → ${b.toFixed(0)}` : '—');
  for (const s of summary) {
    const db = s.db === 'pg' ? 'PostgreSQL' : 'SQLite';
    for (const o of s.ops) {
      lines.push(`| ${db} | ${o.workload} ${WORKLOADS[o.workload].title} | ${cell(o.upstream, o.error)} | ${cell(o.ours, o.error)} | ${x(o.ratio)} |${perRep(o)} ${us(o.upstreamCpuUs, o.oursCpuUs)} | ${x(o.cpuRatio)} |`);
    }
    const met = s.met === null ? 'not measured (an operation failed)' : s.met ? '✓' : '✗';
    lines.push(`| ${db} | **geometric mean** (target ≥ ${s.target}×) | | | **${x(s.geomean)}** ${met} |${repeat > 1 ? ' |' : ''} | ${x(s.cpuGeomean)} |`);
  }
  lines.push('');
  lines.push('Ratio: throughput of Pongo on this package ÷ on upstream Dumbo (higher is better). CPU ratio: the client process\'s CPU time per operation (all threads, user + system; the database server\'s not included), upstream ÷ this package (higher is better).');
  lines.push('');
  return lines;
}
