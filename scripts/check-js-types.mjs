#!/usr/bin/env node
// The type check of the JS layer: `tsc -p tsconfig.json` (checkJs over lib/, entry/ and
// index.cjs; the binding's calls are checked against the generated binding.d.cts).
// Fails on any error, except the ones counted in PENDING below (a file there fails as
// soon as it has more errors of a code than counted; when it has fewer, the count is
// stale and the check says so).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** file → { TScode: how many errors of that code the file may still have } (none now) */
const PENDING = {};

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--pretty', 'false'], {
  cwd: root,
  encoding: 'utf8',
});
if (result.error) throw result.error;

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): /;
const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
const counts = new Map();
const failures = [];
for (const line of lines) {
  const match = DIAGNOSTIC.exec(line);
  if (!match) {
    // A continuation line of the previous diagnostic, or a tsc failure of its own.
    if (/^\s/.test(line)) failures.at(-1)?.push(line);
    else failures.push([line]);
    continue;
  }
  const [, file, , , code] = match;
  const key = `${file} ${code}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (counts.get(key) > (PENDING[file]?.[code] ?? 0)) failures.push([line]);
}

const stale = [];
for (const [file, codes] of Object.entries(PENDING)) {
  for (const [code, allowed] of Object.entries(codes)) {
    const found = counts.get(`${file} ${code}`) ?? 0;
    if (found < allowed) stale.push(`${file}: ${code} ${found} (PENDING says ${allowed})`);
  }
}

if (failures.length > 0) {
  console.error(failures.map((diagnostic) => diagnostic.join('\n')).join('\n'));
  console.error(`\nJS type check: ${failures.length} error(s) (tsc -p tsconfig.json)`);
  process.exit(1);
}
if (result.status !== 0 && counts.size === 0) {
  console.error(`tsc exited with ${result.status} without a diagnostic`);
  process.exit(1);
}
const pending = [...counts.values()].reduce((sum, n) => sum + n, 0);
if (stale.length > 0) {
  console.error(`JS type check: fewer errors than PENDING counts; lower them in scripts/check-js-types.mjs:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(`JS type check: clean${pending > 0 ? ` apart from ${pending} pending error(s) listed in scripts/check-js-types.mjs` : ''}`);
