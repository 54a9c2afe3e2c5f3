// The per-platform binary packages (npm/*) as optionalDependencies of the main
// package. They are added at release time only: before the platform packages are
// published, the registry has no such versions and `npm ci` in the repository would
// fail on a lockfile that cannot list them. `napi version` (the `version` script)
// keeps npm/*/package.json at the main package's version.
//
//   node scripts/platform-packages.mjs            prints the optionalDependencies
//   node scripts/platform-packages.mjs --write    writes them into package.json
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);

export function platformPackages() {
  const main = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  const deps = {};
  for (const dir of readdirSync(new URL('npm/', root)).sort()) {
    const pkg = JSON.parse(readFileSync(new URL(`npm/${dir}/package.json`, root), 'utf8'));
    if (pkg.version !== main.version) {
      throw new Error(`npm/${dir} is at ${pkg.version}, the main package at ${main.version}: run \`npx napi version\``);
    }
    deps[pkg.name] = pkg.version;
  }
  return deps;
}

/** package.json text with the platform packages as optionalDependencies. */
export function withOptionalDependencies(packageJsonText) {
  const main = JSON.parse(packageJsonText);
  main.optionalDependencies = { ...main.optionalDependencies, ...platformPackages() };
  return `${JSON.stringify(main, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) {
    const file = new URL('package.json', root);
    writeFileSync(file, withOptionalDependencies(readFileSync(file, 'utf8')));
    console.log('package.json: optionalDependencies written');
  } else {
    console.log(JSON.stringify(platformPackages(), null, 2));
  }
}
