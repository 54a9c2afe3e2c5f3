// Writes a TypeScript consumer of this package that imports, from every entry point,
// every name upstream declares there (values with `import`, types with `import type`),
// and uses each generic type with upstream's fewest and most type arguments.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OURS, REPO, specifier } from './entries.mjs';

const anyArgs = (count) => (count === 0 ? '' : `<${Array(count).fill('any').join(', ')}>`);

/** One module per entry; `declared`: Map<entry, Map<name, meaning>> from type-exports.mjs. */
export function writeConsumer(declared) {
  // Under node_modules so that `@event-driven-io/dumbo` resolves to this package (the
  // workspace link) exactly as it does for a dependent project.
  const dir = mkdtempSync(join(REPO, 'node_modules', '.dumbo-parity-'));
  const files = [];
  for (const [entry, names] of declared) {
    const values = [...names].filter(([, m]) => m.value).map(([n]) => n).sort();
    const typesOnly = [...names].filter(([, m]) => !m.value).map(([n]) => n).sort();
    const from = JSON.stringify(specifier(OURS, entry));
    const lines = [`// generated: every name upstream ${entry} declares`];
    if (values.length) lines.push(`import { ${values.join(', ')} } from ${from};`);
    if (typesOnly.length) lines.push(`import type { ${typesOnly.join(', ')} } from ${from};`);
    if (values.length) lines.push(`export const values = [${values.join(', ')}];`);
    for (const [name, m] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
      if (!m.type) continue;
      lines.push(`export type Fewest_${name} = ${name}${anyArgs(m.minArgs)};`);
      if (m.maxArgs !== m.minArgs) lines.push(`export type Most_${name} = ${name}${anyArgs(m.maxArgs)};`);
    }
    const file = `entry${entry === '.' ? '-root' : entry.replace('/', '-')}.ts`;
    writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
    files.push(file);
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          skipLibCheck: true,
          types: [],
        },
        files,
      },
      null,
      2,
    ),
  );
  return dir;
}
