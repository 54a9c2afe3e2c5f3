// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function, top N.
//   node bench/profile/cpuprofile-summary.mjs file.cpuprofile [N]
// Time spent inside native code (the addon, napi, SQLite) shows as the self time of the
// JS function that called it, or as "(program)".
import { readFileSync } from 'node:fs';

const [file, n = 25] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = p.timeDeltas;
for (let i = 0; i < p.samples.length; i++) {
  const node = byId.get(p.samples[i]);
  const cf = node.callFrame;
  const key = `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.replace(/^.*\/(work\/main|dumbo-prof)\//, '').replace('file://', '') + ':' + (cf.lineNumber + 1) : ''}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [k, v] of rows) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
