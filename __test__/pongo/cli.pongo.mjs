// The Pongo lane: which Dumbo Pongo runs on, and the `pongo` CLI (its bin script, run
// with this Node). Node 22+.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPECTED_DUMBO_DIR, PONGO_DIR, dumboAsPongoSeesIt, pongoCli, pongoVersion } from './pongo.mjs';

describe('Pongo lane: the Dumbo under test', () => {
  it('is Pongo 0.17.0-beta.47', () => {
    assert.equal(pongoVersion(), '0.17.0-beta.47');
  });

  it("Pongo's @event-driven-io/dumbo resolves into the Dumbo under test (this repository by default)", () => {
    const resolved = fs.realpathSync(dumboAsPongoSeesIt());
    const expected = fs.realpathSync(EXPECTED_DUMBO_DIR) + path.sep;
    assert.ok(resolved.startsWith(expected), `${resolved} is not inside ${expected}`);
    assert.ok(!resolved.startsWith(fs.realpathSync(PONGO_DIR) + path.sep), 'not a copy nested in Pongo');
  });
});

describe('Pongo lane: the pongo CLI', () => {
  let dir;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-pongo-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const pongo = (...args) =>
    spawnSync(process.execPath, [pongoCli(), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DB_CONNECTION_STRING: '' },
    });

  it('--help lists its commands', () => {
    const result = pongo('--help');
    assert.equal(result.status, 0, result.stderr);
    for (const command of ['config', 'migrate', 'shell']) assert.match(result.stdout, new RegExp(`\\n\\s+${command}\\b`));
    const migrate = pongo('migrate', '--help');
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /\n\s+run \[options\]/);
    assert.match(migrate.stdout, /\n\s+sql \[options\]/);
  });

  it('config sample --print / --generate write a schema config for the given collections', () => {
    const printed = pongo('config', 'sample', '--print', '--col', 'users', '--col', 'orders');
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /users: pongoSchema\.collection<User>\('users'\)/);
    assert.match(printed.stdout, /orders: pongoSchema\.collection<Order>\('orders'\)/);
    const generated = pongo('config', 'sample', '--generate', '--file', 'pongo.config.ts', '--col', 'users');
    assert.equal(generated.status, 0, generated.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'pongo.config.ts'), 'utf8'), /pongoSchema\.db\(/);
  });

  // Pongo 0.17.0-beta.47's CLI bundle carries its own, empty driver registry, so its
  // `migrate` commands stop at the driver lookup on upstream Dumbo too; what the lane
  // proves is that they get there (connection-string parsing and the CLI's Dumbo imports
  // work) and report the same error.
  for (const [label, args] of [
    ['migrate sql --print', ['migrate', 'sql', '--print', '--dbt', 'PostgreSQL', '--drv', 'pg', '--col', 'users']],
    ['migrate run (SQLite file)', ['migrate', 'run', '--cs', 'file:pongo.db', '--drv', 'sqlite3', '--col', 'users']],
    [
      'migrate run --dryRun (PostgreSQL URL)',
      ['migrate', 'run', '--cs', 'postgresql://postgres@127.0.0.1:5432/postgres', '--drv', 'pg', '--col', 'users', '--dryRun'],
    ],
  ]) {
    it(`${label} reaches the driver lookup and says which driver type it looked for`, () => {
      const result = pongo(...args);
      const driverType = args.includes('pg') ? 'PostgreSQL:pg' : 'SQLite:sqlite3';
      assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
      assert.equal(
        result.stderr.trim(),
        `Error: No database driver found for driver type "${driverType}". Make sure the driver is registered and the connection string is correct.`,
      );
    });
  }
});
