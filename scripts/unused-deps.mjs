#!/usr/bin/env node
// Unused Rust dependencies (what `cargo machete` checks, without building it): every crate's
// declared dependency must be named in the code that can use it, as `name::`, `use name` or
// `extern crate name` (with `-` read as `_`). [dependencies] are looked up in src/,
// [build-dependencies] in build.rs, [dev-dependencies] in src/, tests/, benches/ and examples/.
// A crate lists deliberate exceptions (e.g. a dependency only enabled for its features) under
// [package.metadata.cargo-machete] ignored = ["name"], as cargo-machete reads them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cratesDir = join(root, 'crates');

const SECTIONS = {
  dependencies: ['src'],
  'build-dependencies': ['build.rs'],
  'dev-dependencies': ['src', 'tests', 'benches', 'examples'],
};

/** Dependency names per section of a Cargo.toml, and its cargo-machete ignore list. */
function manifest(text) {
  const deps = {};
  let ignored = [];
  let section = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1].trim();
      const table = /^(dependencies|build-dependencies|dev-dependencies)\.([\w-]+)$/.exec(name);
      section = table ? null : name;
      if (table) (deps[table[1]] ??= []).push(table[2]);
      continue;
    }
    if (section in SECTIONS) {
      const key = /^([\w-]+)\s*(\.|=)/.exec(line);
      if (key) (deps[section] ??= []).push(key[1]);
    } else if (section === 'package.metadata.cargo-machete') {
      const list = /^ignored\s*=\s*\[(.*)\]$/.exec(line);
      if (list) ignored = [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    }
  }
  return { deps, ignored };
}

function rustFiles(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return path.endsWith('.rs') ? [path] : [];
  return readdirSync(path).flatMap((entry) => rustFiles(join(path, entry)));
}

const uses = (source, name) => {
  const ident = name.replaceAll('-', '_');
  return new RegExp(`(\\b${ident}::|\\buse\\s+${ident}\\b|\\bextern\\s+crate\\s+${ident}\\b)`).test(source);
};

const unused = [];
for (const crate of readdirSync(cratesDir).sort()) {
  const dir = join(cratesDir, crate);
  const toml = join(dir, 'Cargo.toml');
  if (!existsSync(toml)) continue;
  const { deps, ignored } = manifest(readFileSync(toml, 'utf8'));
  for (const [section, places] of Object.entries(SECTIONS)) {
    const source = places
      .flatMap((place) => rustFiles(join(dir, place)))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const name of deps[section] ?? []) {
      if (!ignored.includes(name) && !uses(source, name)) unused.push(`${relative(root, toml)} [${section}] ${name}`);
    }
  }
}

if (unused.length > 0) {
  console.error(`unused Rust dependencies (remove them, or list them under [package.metadata.cargo-machete] ignored):`);
  for (const line of unused) console.error(`  ${line}`);
  process.exit(1);
}
console.log('unused-deps: every declared Rust dependency is used');
