// How '@event-driven-io/dumbo/pg' loads node-postgres (an optional peer dependency) and
// traces the statements it runs on node-postgres objects, each seen from a child process.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dumbo } from '@event-driven-io/dumbo/pg';
import { SQL } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'pg_nodepg_loading';
let url;

before(async () => {
  url = await createTestDatabase(TAG);
  const setup = dumbo({ connectionString: url });
  await setup.execute.command(SQL`CREATE TABLE items (id serial PRIMARY KEY, v int UNIQUE, doc jsonb)`);
  await setup.close();
});
after(async () => {
  await dropTestDatabase(TAG);
});

describe('node-postgres loading and tracing', () => {
  it("importing '/pg' and running on the native driver does not load node-postgres", () => {
    const script = `
      const { dumbo } = require('@event-driven-io/dumbo/pg');
      const { SQL } = require('@event-driven-io/dumbo');
      const pool = dumbo({ connectionString: process.argv[1] });
      pool.execute.query(SQL\`SELECT 1 AS one\`).then(async (result) => {
        await pool.close();
        const loaded = Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]pg[\\/]/.test(file));
        console.log(JSON.stringify({ rows: result.rows, loaded }));
      });`;
    const output = JSON.parse(execFileSync(process.execPath, ['-e', script, url], { encoding: 'utf8' }));
    assert.deepEqual(output, { rows: [{ one: 1 }], loaded: [] });
  });

  it("without 'pg' installed: dumbo({ client }) still runs on the object; the helpers that need pg say so", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-no-pg-'));
    try {
      // Makes require('pg') fail as it does when the optional peer is not installed.
      const hook = path.join(dir, 'no-pg.cjs');
      fs.writeFileSync(
        hook,
        `const Module = require('node:module');
         const resolve = Module._resolveFilename;
         Module._resolveFilename = function (request, ...rest) {
           if (request === 'pg') throw Object.assign(new Error("Cannot find module 'pg'"), { code: 'MODULE_NOT_FOUND' });
           return resolve.call(this, request, ...rest);
         };`,
      );
      const script = `
        const { dumbo, isPgClient, getPgPool } = require('@event-driven-io/dumbo/pg');
        const { SQL } = require('@event-driven-io/dumbo');
        const sent = [];
        const client = { query: async (text, params) => (sent.push([text, params]), { rowCount: 1, rows: [{ ok: true }] }) };
        const outcome = (fn) => { try { fn(); return 'no error'; } catch (e) { return e.constructor.name + ': ' + e.message; } };
        dumbo({ client }).execute.query(SQL\`SELECT \${1} AS ok\`).then((result) => {
          console.log(JSON.stringify({
            rows: result.rows,
            sent,
            isPgClient: outcome(() => isPgClient(client)),
            getPgPool: outcome(() => getPgPool(process.argv[1])),
          }));
        });`;
      const output = JSON.parse(execFileSync(process.execPath, ['-r', hook, '-e', script, url], { encoding: 'utf8' }));
      assert.deepEqual(output.rows, [{ ok: true }]);
      assert.deepEqual(output.sent, [['SELECT $1 AS ok', [1]]]);
      const installHint = "needs node-postgres, the optional peer dependency 'pg': install it with `npm install pg`";
      assert.equal(output.isPgClient, `InvalidOperationError: isPgClient ${installHint}`);
      assert.equal(output.getPgPool, `InvalidOperationError: getPgPool ${installHint}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DUMBO_LOG_LEVEL=INFO traces the statements run on a node-postgres client, and their errors', () => {
    const script = `
      const pg = require('pg');
      const { dumbo } = require('@event-driven-io/dumbo/pg');
      const { SQL } = require('@event-driven-io/dumbo');
      (async () => {
        const client = new pg.Client({ connectionString: process.argv[1] });
        await client.connect();
        const pool = dumbo({ client });
        await pool.execute.query(SQL\`SELECT ${'${'}42} AS answer\`);
        await pool.execute.command(SQL\`UPDATE items SET v = v WHERE v = ${'${'}-1}\`);
        await pool.execute.query(SQL\`SELECT * FROM no_such_table\`).catch(() => {});
        await client.end();
      })();`;
    const { stdout, stderr } = spawnSync(process.execPath, ['-e', script, url], {
      encoding: 'utf8',
      env: { ...process.env, DUMBO_LOG_LEVEL: 'INFO', DUMBO_LOG_STYLE: 'RAW', NO_COLOR: '1' },
    });
    const events = (text) => text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    const printed = events(stdout);
    assert.deepEqual(
      printed.filter((e) => e.name.startsWith('db:sql:')).map((e) => [e.name, e.query, e.params]),
      [
        ['db:sql:query', 'SELECT $1 AS answer', [42]],
        ['db:sql:command', 'UPDATE items SET v = v WHERE v = $1', [-1]],
        ['db:sql:query', 'SELECT * FROM no_such_table', []],
      ],
    );
    assert.equal(printed[0].debugSQL, 'SELECT 42 AS answer');
    const failure = events(stderr).find((e) => e.name === 'db:sql:batch_query:execute:error');
    assert.ok(failure, `an error event on stderr, got: ${stderr}`);
    assert.equal(failure.error.code, '42P01');
  });
});
