// target_session_attrs against a real primary and a streaming standby made by
// the test: each of libpq's six values picks the right server from a host list,
// and when none fits the error names the attribute that did not match.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { dumbo, SQL } from '@event-driven-io/dumbo';

import { missingTools, startCluster } from '../support/pg-cluster.mjs';

const PRIMARY = 5456;
const STANDBY = 5457;
const missing = missingTools();
if (missing && process.env.CI === 'true') throw new Error(`pg-deploy-ha: ${missing}`);

async function portOf(hosts, attrs, options = {}) {
  const list = hosts.map((port) => `127.0.0.1:${port}`).join(',');
  const pool = dumbo({ connectionString: `postgresql://postgres@${list}/postgres?target_session_attrs=${attrs}`, ...options });
  try {
    return Number((await pool.execute.query(SQL`select current_setting('port') as port`)).rows[0].port);
  } finally {
    await pool.close();
  }
}

describe('primary and standby', { skip: missing ?? false }, () => {
  let primary;
  let standby;

  before(() => {
    primary = startCluster({
      port: PRIMARY,
      conf: ['wal_level = replica', 'max_wal_senders = 5'],
      hba: ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host replication all 127.0.0.1/32 trust'],
    });
    standby = startCluster({
      port: STANDBY,
      conf: ['hot_standby = on'],
      dataFrom: (data, bin, asPostgres) =>
        asPostgres(path.join(bin, 'pg_basebackup'), [
          '-h', '127.0.0.1', '-p', String(PRIMARY), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '-c', 'fast',
        ]),
    });
    assert.equal(standby.psql('select pg_is_in_recovery()'), 't');
  });

  after(() => {
    standby?.stop();
    primary?.stop();
  });

  test('primary and read-write skip the standby; standby and read-only skip the primary', async () => {
    assert.equal(await portOf([STANDBY, PRIMARY], 'primary'), PRIMARY);
    assert.equal(await portOf([STANDBY, PRIMARY], 'read-write'), PRIMARY);
    assert.equal(await portOf([PRIMARY, STANDBY], 'standby'), STANDBY);
    assert.equal(await portOf([PRIMARY, STANDBY], 'read-only'), STANDBY);
    assert.equal(await portOf([PRIMARY, STANDBY], 'any'), PRIMARY);
  });

  test('prefer-standby takes a standby when one answers, else any server', async () => {
    assert.equal(await portOf([PRIMARY, STANDBY], 'prefer-standby'), STANDBY);
    assert.equal(await portOf([PRIMARY], 'prefer-standby'), PRIMARY);
  });

  test('the same through pooled: false (direct connections)', async () => {
    assert.equal(await portOf([STANDBY, PRIMARY], 'primary', { pooled: false }), PRIMARY);
    assert.equal(await portOf([PRIMARY, STANDBY], 'standby', { pooled: false }), STANDBY);
  });

  test('no server fits: the error names the attribute', async () => {
    for (const [hosts, attrs, found] of [
      [[STANDBY], 'primary', /target_session_attrs=primary \(every server that answered is a standby\)/],
      [[PRIMARY], 'standby', /target_session_attrs=standby \(every server that answered is a primary\)/],
      [[STANDBY], 'read-write', /target_session_attrs \(database does not allow writes\)/],
      [[PRIMARY], 'read-only', /target_session_attrs \(database is not read only\)/],
    ]) {
      for (const pooled of [true, false]) {
        await assert.rejects(portOf(hosts, attrs, { pooled }), (error) => {
          assert.equal(error.name, 'ConnectionError', `${attrs}: ${error.message}`);
          assert.match(error.message, found);
          assert.match(error.message, /no server matches/);
          return true;
        });
      }
    }
  });
});
