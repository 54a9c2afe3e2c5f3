// Pongo 0.17.0-beta.47's published declarations (.d.ts and .d.cts) type-check against
// this package's: strict tsc with skipLibCheck off, over a consumer of Pongo's entry
// points. Errors the environment causes (no @types/pg, @types/node or
// @cloudflare/workers-types here) are left out; any other error in Pongo's or Dumbo's
// declarations is one of Dumbo's making. DUMBO_PONGO_NODE_MODULES runs the same check on
// another install (upstream Dumbo gives none).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NODE_MODULES, REPO } from '../pongo/pongo.mjs';

const require = createRequire(join(REPO, 'package.json'));
const ENTRIES = ['@event-driven-io/pongo', '@event-driven-io/pongo/shim', '@event-driven-io/pongo/pg', '@event-driven-io/pongo/sqlite3'];
// Missing type packages of the environment, not of Dumbo: a module without declarations
// (TS7016: pg), a module not found that is not Dumbo (TS2307: node builtins, workers-types),
// and names only @types/node or newer libs declare (TS2304/TS2503/TS2550/TS2591).
const ENVIRONMENT = /error TS(7016|2304|2503|2550|2591)|error TS2307: Cannot find module '(?!@event-driven-io\/dumbo)/;

/** tsc over one consumer file; the errors that are not the environment's. */
function check(dir, file) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: false,
        types: [],
      },
      files: [file],
    }),
  );
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
  assert.ok(result.status === 0 || /error TS/.test(result.stdout), `tsc did not run: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => /error TS/.test(line) && !ENVIRONMENT.test(line));
}

// One program per module kind: Pongo's ESM and CommonJS declarations each declare the
// same globals, so they cannot share one.
for (const [kind, file] of [
  ['ESM', 'consumer.mts'],
  ['CommonJS', 'consumer.cts'],
]) {
  it(`Pongo's ${kind} declarations type-check against the Dumbo under test`, () => {
    const dir = mkdtempSync(join(NODE_MODULES, '.dumbo-pongo-types-'));
    try {
      const imports = ENTRIES.map((entry, i) => `import * as e${i} from '${entry}';`).join('\n');
      writeFileSync(join(dir, file), `${imports}\nexport const all = [${ENTRIES.map((_, i) => `e${i}`).join(', ')}];\n`);
      const errors = check(dir, file);
      assert.deepEqual(errors, [], `${errors.length} error(s) in Pongo's or Dumbo's declarations:\n${errors.join('\n')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
