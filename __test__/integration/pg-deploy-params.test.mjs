// libpq connection parameters as deployments use them: connect_timeout over the
// whole attempt (a server that accepts and never answers), PGPORT for a host
// written without a port, target_session_attrs with a clear mismatch error, and
// refused parameters named in the error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { dumbo, SQL } from '@event-driven-io/dumbo';

import { missingTools, startCluster } from '../support/pg-cluster.mjs';

const READ_ONLY_PORT = 5453;

async function firstRow(connectionString, options = {}) {
  const pool = dumbo({ connectionString, ...options });
  try {
    return (await pool.execute.query(SQL`select current_setting('port') as port`)).rows[0];
  } finally {
    await pool.close();
  }
}

describe('connect_timeout and PGPORT against a silent server', () => {
  let silent;
  let port;
  const sockets = new Set();

  before(async () => {
    silent = net.createServer((socket) => sockets.add(socket));
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = silent.address().port;
  });

  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('connect_timeout=1 bounds the whole attempt, not only the TCP connect', async () => {
    const started = Date.now();
    await assert.rejects(firstRow(`postgresql://postgres@127.0.0.1:${port}/db?connect_timeout=1`), (error) => {
      assert.equal(error.name, 'ConnectionError', error.message);
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      return true;
    });
    const took = Date.now() - started;
    assert.ok(took >= 900 && took < 5_000, `took ${took} ms`);
  });

  test('PGPORT applies to a host written without a port', async () => {
    const saved = process.env.PGPORT;
    process.env.PGPORT = String(port);
    try {
      await assert.rejects(firstRow('postgresql://postgres@127.0.0.1/db?connect_timeout=1'), (error) => {
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`), error.message);
        return true;
      });
    } finally {
      if (saved === undefined) delete process.env.PGPORT;
      else process.env.PGPORT = saved;
    }
  });
});

describe('parameters refused with a reason', () => {
  for (const [query, pattern] of [
    ['target_session_attrs=secondary', /invalid value for option `target_session_attrs`/],
    ['sslpassword=x', /`sslpassword` is not supported/],
    ['sslcrl=/tmp/x', /`sslcrl` is not supported/],
    ['sslmode=verify-everything', /invalid value for option `sslmode`/],
    ['no_such_parameter=1', /unknown option `no_such_parameter`/],
  ]) {
    test(query, () => {
      assert.throws(
        () => dumbo({ connectionString: `postgresql://u:secret@127.0.0.1/db?${query}` }),
        (error) => {
          assert.equal(error.name, 'InvalidOperationError');
          assert.match(error.message, pattern);
          assert.doesNotMatch(error.message, /secret/);
          return true;
        },
      );
    });
  }

  test('an unknown pool option is named', () => {
    assert.throws(
      () => dumbo({ connectionString: 'postgresql://127.0.0.1/db', sslmode: 'require' }),
      (error) => error.name === 'InvalidOperationError' && /Unknown PostgreSQL pool option: sslmode/.test(error.message),
    );
  });
});

const missing = missingTools();
if (missing && process.env.CI === 'true') throw new Error(`pg-deploy-params: ${missing}`);

describe('target_session_attrs against a read-only server', { skip: missing ?? false }, () => {
  let cluster;
  before(() => {
    cluster = startCluster({
      port: READ_ONLY_PORT,
      conf: ['default_transaction_read_only = on'],
      hba: ['local all all trust', 'host all pwuser 127.0.0.1/32 scram-sha-256', 'host all all 127.0.0.1/32 trust'],
    });
    cluster.psql("BEGIN READ WRITE; CREATE ROLE pwuser LOGIN PASSWORD 'pw:secret'; COMMIT");
  });
  after(() => cluster?.stop());

  const at = (attrs) => `postgresql://postgres@127.0.0.1:${READ_ONLY_PORT}/postgres?target_session_attrs=${attrs}`;

  test('read-only connects; read-write names the mismatch', async () => {
    assert.equal((await firstRow(at('read-only'))).port, String(READ_ONLY_PORT));
    assert.equal((await firstRow(at('any'))).port, String(READ_ONLY_PORT));
    await assert.rejects(firstRow(at('read-write')), (error) => {
      assert.equal(error.name, 'ConnectionError');
      assert.match(error.message, /no server matches target_session_attrs \(database does not allow writes\)/);
      assert.doesNotMatch(error.message, /EACCES/);
      return true;
    });
  });

  test('a Unix-socket host connects; a directory without the socket is a ConnectionError naming it', async () => {
    const socketUrl = (dir) => `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}&port=${READ_ONLY_PORT}`;
    assert.equal((await firstRow(socketUrl(cluster.socketDir))).port, String(READ_ONLY_PORT));
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-deploy-nosocket-'));
    try {
      await assert.rejects(firstRow(socketUrl(empty)), (error) => {
        assert.equal(error.name, 'ConnectionError');
        assert.match(error.message, new RegExp(empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        return true;
      });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('read-write skips the read-only host for the next one', { skip: !process.env.DUMBO_TEST_PG_URL }, async () => {
    const shared = new URL(process.env.DUMBO_TEST_PG_URL);
    const url = `postgresql://postgres@127.0.0.1:${READ_ONLY_PORT},${shared.hostname}:${shared.port || 5432}/postgres?target_session_attrs=read-write`;
    assert.equal((await firstRow(url)).port, shared.port || '5432');
  });
});

describe('password file', { skip: missing ?? false }, () => {
  let cluster;
  let dir;
  before(() => {
    cluster = startCluster({
      port: READ_ONLY_PORT + 1,
      hba: ['local all all trust', 'host all all 127.0.0.1/32 scram-sha-256'],
    });
    cluster.psql("CREATE ROLE pwuser LOGIN PASSWORD 'pw:secret'");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-deploy-pgpass-'));
  });
  after(() => {
    cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const url = (query = '') => `postgresql://pwuser@127.0.0.1:${READ_ONLY_PORT + 1}/postgres${query}`;
  const write = (name, text, mode) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { mode });
    fs.chmodSync(file, mode);
    return file;
  };

  test('passfile and PGPASSFILE supply the password (escaped `:`, wildcards, first match)', async () => {
    const file = write(
      'pgpass',
      `# comment\nother:*:*:*:wrong\n127.0.0.1:${READ_ONLY_PORT + 1}:*:pwuser:pw\\:secret\n*:*:*:*:wrong\n`,
      0o600,
    );
    assert.equal((await firstRow(url(`?passfile=${file}`))).port, String(READ_ONLY_PORT + 1));
    process.env.PGPASSFILE = file;
    try {
      assert.equal((await firstRow(url())).port, String(READ_ONLY_PORT + 1));
    } finally {
      delete process.env.PGPASSFILE;
    }
  });

  test('a password file others can read is ignored, as libpq does', async () => {
    const file = write('open', `*:*:*:pwuser:pw\\:secret\n`, 0o644);
    await assert.rejects(firstRow(url(`?passfile=${file}`)), (error) => {
      assert.equal(error.name, 'ConnectionError');
      assert.match(error.message, /password/);
      return true;
    });
  });
});
