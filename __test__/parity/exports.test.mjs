// Export parity with upstream @event-driven-io/dumbo@0.13.0-beta.47 (the dev dependency
// alias `dumbo-upstream`): per entry point, every runtime export and every declared
// (TypeScript) export of upstream is exported here too, with the same meanings, unless
// omissions.mjs records why not. This package's own extras are allowed.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  ENTRIES,
  OURS,
  REPO,
  UPSTREAM,
  UPSTREAM_DIR,
  declarationFile,
  specifier,
  upstreamRuntimeNames,
  upstreamVersion,
} from './entries.mjs';
import { omissionReason, omissions } from './omissions.mjs';
import { declaredExports } from './type-exports.mjs';
import { writeConsumer } from './consumer.mjs';

const require = createRequire(join(REPO, 'package.json'));
const upstreamNames = upstreamRuntimeNames();

/** Names in `wanted` that `have` lacks and no omission covers. */
const missing = (kind, entry, wanted, have) =>
  [...wanted].filter((name) => !have.has(name) && omissionReason(kind, entry, name) === undefined).sort();

const describeMissing = (entry, names) =>
  `${entry} lacks ${names.length} upstream name(s): ${names.join(' ')}`;

it('compares against the pinned upstream release', () => {
  assert.equal(upstreamVersion(), '0.13.0-beta.47');
});

it('every omission names an upstream export this package lacks, with a reason', async () => {
  const stale = [];
  for (const [kind, entries] of Object.entries(omissions)) {
    for (const [entry, names] of Object.entries(entries)) {
      assert.ok(ENTRIES.includes(entry), `omissions.${kind}: unknown entry point '${entry}'`);
      const upstream =
        kind === 'runtime'
          ? new Set(upstreamNames[entry])
          : declaredExports([declarationFile(UPSTREAM_DIR, entry)]).get(declarationFile(UPSTREAM_DIR, entry));
      const ours =
        kind === 'runtime'
          ? new Set(Object.keys(await import(specifier(OURS, entry)).catch(() => ({}))))
          : new Set();
      for (const name of Object.keys(names)) {
        omissionReason(kind, entry, name);
        if (!upstream.has(name)) stale.push(`${kind} ${entry} ${name}: upstream does not export it`);
        if (ours.has(name)) stale.push(`${kind} ${entry} ${name}: exported here after all`);
      }
    }
  }
  assert.deepEqual(stale, []);
});

describe('runtime exports', () => {
  for (const entry of ENTRIES) {
    it(`${entry}: every upstream value export (ESM and CommonJS)`, async () => {
      const upstream = upstreamNames[entry];
      assert.ok(upstream.length > 0, `upstream ${entry} exports nothing?`);
      const esm = new Set(Object.keys(await import(specifier(OURS, entry))));
      const cjs = new Set(Object.keys(require(specifier(OURS, entry))));
      assert.deepEqual(missing('runtime', entry, upstream, esm), [], describeMissing(`ESM ${entry}`, missing('runtime', entry, upstream, esm)));
      assert.deepEqual(missing('runtime', entry, upstream, cjs), [], describeMissing(`CommonJS ${entry}`, missing('runtime', entry, upstream, cjs)));
    });
  }
});

describe('declared (TypeScript) exports', () => {
  let declared;
  const files = new Map();
  before(() => {
    for (const entry of ENTRIES) {
      files.set(entry, { upstream: declarationFile(UPSTREAM_DIR, entry), ours: declarationFile(REPO, entry) });
    }
    const all = [...files.values()].flatMap(({ upstream, ours }) => [upstream, ours]).filter(Boolean);
    declared = declaredExports(all);
  });

  for (const entry of ENTRIES) {
    it(`${entry}: every upstream type and value name, with its meanings`, () => {
      const { upstream, ours } = files.get(entry);
      assert.ok(upstream, `upstream declares no types for ${entry}`);
      assert.ok(ours, `package.json "exports" declares no types for "${entry === '.' ? '.' : `.${entry}`}"`);
      const theirs = declared.get(upstream);
      const mine = declared.get(ours);
      assert.ok(theirs.size > 0, `upstream ${entry} declares nothing?`);
      const absent = missing('types', entry, theirs.keys(), mine);
      const wrong = absent.length > 0 ? [describeMissing(entry, absent)] : [];
      for (const [name, meaning] of theirs) {
        const own = mine.get(name);
        if (!own) continue;
        for (const kind of ['value', 'type']) {
          if (meaning[kind] && !own[kind]) wrong.push(`${name} is a ${kind} upstream, not here`);
        }
        if (meaning.type && own.type && (own.minArgs > meaning.minArgs || own.maxArgs < meaning.maxArgs)) {
          wrong.push(
            `${name} takes ${meaning.minArgs}..${meaning.maxArgs} type arguments upstream, ${own.minArgs}..${own.maxArgs} here`,
          );
        }
      }
      assert.deepEqual(wrong, [], `${entry}: ${wrong.join('; ')}`);
    });
  }
});

describe('a TypeScript consumer of every upstream name', () => {
  it('type-checks against this package (tsc, strict, NodeNext)', () => {
    const upstreamFiles = ENTRIES.map((entry) => [entry, declarationFile(UPSTREAM_DIR, entry)]);
    const declared = declaredExports(upstreamFiles.map(([, file]) => file));
    const dir = writeConsumer(new Map(upstreamFiles.map(([entry, file]) => [entry, declared.get(file)])));
    try {
      const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], {
        encoding: 'utf8',
      });
      const errors = result.stdout.split('\n').filter((line) => /error TS/.test(line));
      assert.equal(
        result.status,
        0,
        `tsc found ${errors.length} error(s) in a consumer of upstream's names:\n${errors.slice(0, 60).join('\n')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
