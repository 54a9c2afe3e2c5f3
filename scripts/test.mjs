// `npm test`: every test of the project, in one command.
//  1. Rust unit and integration tests of every crate (cargo test).
//  2. The native addon is built first if it is missing or older than the Rust sources.
//  3. The TypeScript type test (tsc on a file that uses the public API).
//  4. The JS suite with Node's built-in runner, through the package's entry points.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function run(command, args) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(rs|toml)$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function addonIsStale() {
  const addons = readdirSync(root).filter((f) => f.endsWith('.node'));
  if (addons.length === 0) return true;
  const built = Math.min(...addons.map((f) => statSync(join(root, f)).mtimeMs));
  return newestMtime(join(root, 'crates')) > built;
}

run('cargo', ['test', '--workspace']);
if (addonIsStale() || !existsSync(join(root, 'binding.cjs'))) run('npm', ['run', 'build']);
run('npx', ['tsc', '-p', '__test__/types/tsconfig.json']);
run(process.execPath, ['--test', '--test-concurrency=2', '__test__']);
