// Behind PgBouncer 1.18 in transaction mode (what pooled endpoints of hosted
// PostgreSQL run): each transaction may get another server session, and two client
// processes share those sessions. With the default statement mode (the unnamed
// statement, parse + bind + execute in one round trip) nothing is lost or crossed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { missingTools, startCluster, startPgBouncer, waitForPort } from '../support/pg-cluster.mjs';

const execFileAsync = promisify(execFile);
const CLIENT = fileURLToPath(new URL('../support/pgbouncer-client.mjs', import.meta.url));
const CLUSTER_PORT = 5450;
const BOUNCER_PORT = 6450;
const missing = missingTools({ pgbouncer: true });
if (missing && process.env.CI === 'true') throw new Error(`pg-deploy-pgbouncer: ${missing}`);

async function runClient(url, offset, prepare, { rounds = 8, concurrency = 50 } = {}) {
  const { stdout } = await execFileAsync(process.execPath, [CLIENT, url, String(offset), prepare, String(rounds), String(concurrency)], {
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}

describe('PgBouncer in transaction mode', { skip: missing ?? false }, () => {
  let cluster;
  let bouncer;
  let url;

  before(async () => {
    cluster = startCluster({ port: CLUSTER_PORT });
    cluster.psql('CREATE DATABASE txdb');
    bouncer = startPgBouncer({ port: BOUNCER_PORT, serverPort: CLUSTER_PORT, database: 'txdb', poolSize: 4 });
    await waitForPort(BOUNCER_PORT);
    url = `postgresql://postgres@127.0.0.1:${BOUNCER_PORT}/txdb`;
  });

  after(() => {
    bouncer?.stop();
    cluster?.stop();
  });

  test('two processes with different SQL: every result right, no error (default mode)', async () => {
    const [a, b] = await Promise.all([runClient(url, 0, 'default'), runClient(url, 1000, 'default')]);
    for (const summary of [a, b]) {
      assert.deepEqual(summary.errors, []);
      assert.equal(summary.wrong, 0);
      // 8 rounds × (40 single statements + 10 transactions of 2)
      assert.equal(summary.ok, 8 * (40 + 10 * 2));
    }
  });

  test('prepare: false spelled out, and ?prepare=false in the string, behave the same', async () => {
    const [a, b] = await Promise.all([
      runClient(url, 0, 'false', { rounds: 4 }),
      runClient(`${url}?prepare=false`, 1000, 'default', { rounds: 4 }),
    ]);
    for (const summary of [a, b]) {
      assert.deepEqual(summary.errors, []);
      assert.equal(summary.wrong, 0);
      assert.equal(summary.ok, 4 * (40 + 10 * 2));
    }
  });

  test('prepare: true (cached named statements) fails there with an error that says why', async () => {
    const summary = await runClient(url, 0, 'true', { rounds: 4 });
    // One process: its statement names are its own, so nothing crosses, but a
    // statement prepared on one server session is missing on the next one.
    assert.equal(summary.wrong, 0);
    assert.ok(summary.errors.length > 0, 'named statements behind a transaction pooler fail');
    for (const message of summary.errors) {
      assert.match(message, /prepared statement .* (does not exist|already exists)/);
      assert.match(message, /transaction-mode pooler such as PgBouncer, leave `prepare` off/);
    }
  });
});
