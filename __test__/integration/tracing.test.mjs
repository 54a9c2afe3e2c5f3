// Tracing as a user switches it on: DUMBO_LOG_LEVEL / DUMBO_LOG_STYLE in the environment
// of a child process (__test__/support/trace-child.mjs) that runs statements, a
// transaction, migrations and direct tracer calls; the test reads what was printed.
// Levels: INFO and LOG print every event (the SQL among them), WARN warn and error
// events, ERROR (the default) error events, DISABLED nothing (docs/tracing.md).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../support/trace-child.mjs', import.meta.url));
const TIMEOUT_MS = 60_000;

let dir;
let counter = 0;
const freshSqlite = () => path.join(dir, `trace-${++counter}.db`);

/** Runs the child; `{ stdout, stderr }` as arrays of parsed JSON events (non-JSON lines kept as strings). */
async function trace(env, { connectionString = freshSqlite(), scenario = 'all', raw = false } = {}) {
  const childEnv = { ...process.env, NO_COLOR: '1', ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  const { stdout, stderr } = await run(process.execPath, [CHILD, connectionString, scenario], {
    env: childEnv,
    timeout: TIMEOUT_MS,
  });
  if (raw) return { stdout, stderr };
  const parse = (text) =>
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('---'))
      .map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return line;
        }
      });
  return { stdout: parse(stdout), stderr: parse(stderr) };
}

const names = (events) => events.map((e) => e.name);
const UNSET = { DUMBO_LOG_LEVEL: undefined, DUMBO_LOG_STYLE: undefined };

describe('tracing (child processes, SQLite)', { timeout: TIMEOUT_MS * 4 }, () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-trace-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('DUMBO_LOG_LEVEL=INFO prints each statement with its SQL, parameters and described SQL', async () => {
    const { stdout } = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'INFO' });
    const select = stdout.find((e) => e.name === 'db:sql:query' && e.query.includes('trace_items WHERE'));
    assert.deepEqual(
      { query: select.query, params: select.params, debugSQL: select.debugSQL },
      {
        query: 'SELECT name FROM trace_items WHERE id = ?',
        params: [42],
        debugSQL: 'SELECT name FROM trace_items WHERE id = 42',
      },
    );
    assert.equal(typeof select.timestamp, 'number');
    assert.ok(Math.abs(select.timestamp - Date.now()) < TIMEOUT_MS);
    const insert = stdout.find((e) => e.name === 'db:sql:command' && e.query.startsWith('INSERT'));
    assert.deepEqual(insert.params, [1, 'one']);
    // describe inlines parameters as JSON (upstream describeSQL).
    assert.equal(insert.debugSQL, 'INSERT INTO trace_items (id, name) VALUES (1, "one")');
  });

  it('INFO prints transactions (begin, commit, rollback) in order with the statements inside', async () => {
    const { stdout } = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'INFO' });
    const flow = stdout
      .filter((e) => e.name?.startsWith('db:transaction:') || (e.name === 'db:sql:command' && e.query.startsWith('INSERT')))
      .map((e) => (e.name === 'db:sql:command' ? `insert ${e.params[0]}` : `${e.name} ${e.driverType} ${e.level}`));
    assert.deepEqual(flow.slice(0, 6), [
      'db:transaction:begin SQLite:sqlite3 1',
      'insert 1',
      'db:transaction:commit SQLite:sqlite3 1',
      'db:transaction:begin SQLite:sqlite3 1',
      'insert 2',
      'db:transaction:rollback SQLite:sqlite3 1',
    ]);
  });

  it('INFO prints statement errors and migration events on the matching console stream', async () => {
    const { stdout, stderr } = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'INFO' });
    const failed = stderr.find((e) => e.name === 'db:sql:query:execute:error');
    assert.ok(failed, `no statement error in ${JSON.stringify(names(stderr))}`);
    assert.equal(failed.error.errorType, 'InvalidOperationError');
    assert.deepEqual(
      stdout.filter((e) => e.name === 'migration-already-applied').map((e) => e.migrationName),
      ['trace:001'],
    );
    const mismatch = stderr.find((e) => e.name === 'migration-error');
    assert.equal(mismatch.migrationName, 'trace:001');
    assert.equal(mismatch.migationName, 'trace:001', "upstream's key is kept");
    const ignored = stderr.find((e) => e.name === 'migration-hash-mismatch');
    assert.equal(ignored.migrationName, 'trace:001');
    assert.match(ignored.expectedHash, /^[0-9a-f]{64}$/);
    assert.match(ignored.actualHash, /^[0-9a-f]{64}$/);
    assert.notEqual(ignored.expectedHash, ignored.actualHash);
    // The migrator's own statements are traced too (the ledger lookup).
    assert.ok(stdout.some((e) => e.name === 'db:sql:query' && e.query.includes('FROM dmb_migrations')));
    // Direct calls: info/log on stdout (console.info/console.log), warn/error on stderr.
    assert.deepEqual(
      stdout.filter((e) => e.name?.startsWith('app:')).map((e) => [e.name, e.n]),
      [
        ['app:info', 1],
        ['app:log', 2],
      ],
    );
    assert.deepEqual(
      stderr.filter((e) => e.name?.startsWith('app:')).map((e) => [e.name, e.n]),
      [
        ['app:warn', 3],
        ['app:error', 4],
      ],
    );
  });

  it('LOG prints the same events as INFO (as upstream)', async () => {
    const info = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'INFO' });
    const log = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'LOG' });
    assert.deepEqual(names(log.stdout), names(info.stdout));
    assert.deepEqual(names(log.stderr), names(info.stderr));
  });

  it('the default level (ERROR) prints error events, but not the trace of failures the caller already got', async () => {
    const { stdout, stderr } = await trace(UNSET);
    assert.deepEqual(stdout, []);
    assert.deepEqual(names(stderr), ['app:error']);
    const explicit = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'ERROR' });
    assert.deepEqual(names(explicit.stderr), ['app:error']);
  });

  it('WARN prints warn and error events; DISABLED and unknown values print nothing', async () => {
    const warn = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'WARN' });
    assert.deepEqual(warn.stdout, []);
    assert.deepEqual(names(warn.stderr), ['migration-hash-mismatch', 'app:warn', 'app:error']);
    for (const level of ['DISABLED', 'debug']) {
      const silent = await trace({ ...UNSET, DUMBO_LOG_LEVEL: level });
      assert.deepEqual([silent.stdout, silent.stderr], [[], []], level);
    }
  });

  it('DUMBO_LOG_STYLE=PRETTY prints multi-line prettyJson, coloured only when the terminal allows', async () => {
    const plain = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'ERROR', DUMBO_LOG_STYLE: 'PRETTY' }, { raw: true });
    const event = plain.stderr.slice(plain.stderr.indexOf('{\n  "name": "app:error"'));
    assert.match(event, /^\{\n {2}"name": "app:error",\n {2}"timestamp": \d+,\n {2}"n": 4\n\}\n$/);
    const coloured = await trace(
      { ...UNSET, NO_COLOR: undefined, FORCE_COLOR: '3', DUMBO_LOG_LEVEL: 'ERROR', DUMBO_LOG_STYLE: 'PRETTY' },
      { raw: true },
    );
    assert.match(coloured.stderr, /\u001b\[38;2;97;175;239m"name"\u001b\[39m/);
    const unknown = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'ERROR', DUMBO_LOG_STYLE: 'FANCY' });
    assert.deepEqual(names(unknown.stderr), ['app:error'], 'an unknown style prints RAW');
  });

  it('a level set at run time through process.env applies from the next event-loop turn', async () => {
    const { stdout } = await trace(UNSET, { scenario: 'runtime-change' });
    assert.deepEqual(
      stdout.filter((e) => e.name === 'db:sql:query').map((e) => e.params),
      [['after']],
    );
  });
});

describe('tracing (child process, PostgreSQL)', { timeout: TIMEOUT_MS }, () => {
  let url;
  before(async () => {
    url = await createTestDatabase('tracing');
  });
  after(async () => {
    if (url) await dropTestDatabase('tracing');
  });

  it('INFO prints PostgreSQL statements with $n placeholders and the transaction steps', async () => {
    const { stdout, stderr } = await trace({ ...UNSET, DUMBO_LOG_LEVEL: 'INFO' }, { connectionString: url });
    const select = stdout.find((e) => e.name === 'db:sql:query' && e.query.includes('trace_items WHERE'));
    assert.equal(select.query, 'SELECT name FROM trace_items WHERE id = $1');
    assert.deepEqual(select.params, [42]);
    assert.equal(select.debugSQL, 'SELECT name FROM trace_items WHERE id = 42');
    assert.deepEqual(
      stdout.filter((e) => e.name?.startsWith('db:transaction:')).map((e) => `${e.name} ${e.driverType}`).slice(0, 2),
      ['db:transaction:begin PostgreSQL:pg', 'db:transaction:commit PostgreSQL:pg'],
    );
    const failed = stderr.find((e) => e.name === 'db:sql:query:execute:error');
    assert.equal(failed.error.code, '42P01');
  });
});
