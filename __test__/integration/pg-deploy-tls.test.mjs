// Verified TLS against a cluster that only accepts TLS (hostssl lines only), with a
// CA and certificates made by the test: every verifying mode and node-postgres'
// `ssl` option connect with the right CA and refuse the wrong one; none falls back
// to plain text or to an unverified server when verification was asked for.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { dumbo, SQL } from '@event-driven-io/dumbo';

import { makeTempDir, missingTools, startCluster } from '../support/pg-cluster.mjs';
import { makeCerts } from '../support/test-certs.mjs';

const PORT = 5452;
const missing = missingTools();
if (missing && process.env.CI === 'true') throw new Error(`pg-deploy-tls: ${missing}`);

/** Connects, returns whether the session is encrypted (pg_stat_ssl), closes. */
async function sslOfSession(connectionString, options = {}) {
  const pool = dumbo({ connectionString, connectTimeoutMillis: 10_000, ...options });
  try {
    const { rows } = await pool.execute.query(SQL`select ssl from pg_stat_ssl where pid = pg_backend_pid()`);
    return rows[0].ssl;
  } finally {
    await pool.close();
  }
}

async function refused(connectionString, options, pattern) {
  await assert.rejects(sslOfSession(connectionString, options), (error) => {
    assert.equal(error.name, 'ConnectionError', `${error.name}: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

const BAD_CERT = /certificate|UnknownIssuer|NotValidForName/i;

describe('TLS', { skip: missing ?? false }, () => {
  let cluster;
  let certs;
  let dir;
  const url = (query) => `postgresql://postgres@127.0.0.1:${PORT}/postgres?${query}`;

  before(() => {
    dir = makeTempDir('dumbo-deploy-certs-');
    certs = makeCerts(dir);
    cluster = startCluster({
      port: PORT,
      conf: ['ssl = on', `ssl_cert_file = '${certs.serverCert}'`, `ssl_key_file = '${certs.serverKey}'`, `ssl_ca_file = '${certs.ca}'`],
      hba: [
        'local all all trust',
        'hostssl all certuser 127.0.0.1/32 cert',
        'hostssl all scramuser 127.0.0.1/32 scram-sha-256',
        'hostssl all postgres 127.0.0.1/32 trust',
      ],
    });
    cluster.psql('CREATE ROLE certuser LOGIN');
    cluster.psql("CREATE ROLE scramuser LOGIN PASSWORD 'scram-pw'");
  });

  after(() => {
    cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the server refuses plain text (what makes the other checks meaningful)', async () => {
    await refused(url('sslmode=disable'), {}, /no encryption|pg_hba/);
  });

  test('prefer, allow and require encrypt without verifying (libpq)', async () => {
    for (const mode of ['prefer', 'allow', 'require']) {
      assert.equal(await sslOfSession(url(`sslmode=${mode}`)), true, mode);
    }
  });

  test('verify-ca, verify-full and require + sslrootcert: right CA connects, wrong CA is refused', async () => {
    for (const mode of ['verify-ca', 'verify-full', 'require']) {
      assert.equal(await sslOfSession(url(`sslmode=${mode}&sslrootcert=${certs.ca}`)), true, mode);
      await refused(url(`sslmode=${mode}&sslrootcert=${certs.wrongCa}`), {}, BAD_CERT);
    }
  });

  test('verify-full checks the host name, verify-ca does not', async () => {
    // hostaddr reaches the server; the certificate is checked against `host`.
    const misnamed = (mode, ca) =>
      `postgresql://postgres@wrong.invalid:${PORT}/postgres?hostaddr=127.0.0.1&sslmode=${mode}&sslrootcert=${ca}`;
    await refused(misnamed('verify-full', certs.ca), {}, BAD_CERT);
    assert.equal(await sslOfSession(misnamed('verify-ca', certs.ca)), true);
    await refused(misnamed('verify-ca', certs.wrongCa), {}, BAD_CERT);
  });

  test('verify-ca without a root certificate is refused before connecting', async () => {
    assert.throws(
      () => dumbo({ connectionString: url('sslmode=verify-ca') }),
      (error) => error.name === 'InvalidOperationError' && /need a root certificate/.test(error.message),
    );
  });

  test("node-postgres' ssl option: ca verifies chain and name; rejectUnauthorized: false only encrypts", async () => {
    const plain = `postgresql://postgres@127.0.0.1:${PORT}/postgres`;
    const ca = fs.readFileSync(certs.ca);
    const wrongCa = fs.readFileSync(certs.wrongCa, 'utf8');
    assert.equal(await sslOfSession(plain, { ssl: { ca } }), true);
    assert.equal(await sslOfSession(plain, { ssl: { ca, rejectUnauthorized: true } }), true);
    await refused(plain, { ssl: { ca: wrongCa, rejectUnauthorized: true } }, BAD_CERT);
    await refused(plain, { ssl: { ca: wrongCa } }, BAD_CERT);
    await refused(plain, { ssl: { ca, servername: 'wrong.invalid' } }, BAD_CERT);
    // `true` trusts the platform's roots, which do not include the test CA.
    await assert.rejects(sslOfSession(plain, { ssl: true }));
    assert.equal(await sslOfSession(plain, { ssl: { rejectUnauthorized: false } }), true);
  });

  test('channel_binding=require keeps working over verified TLS (SCRAM-SHA-256-PLUS)', async () => {
    const scram = `postgresql://scramuser:scram-pw@127.0.0.1:${PORT}/postgres?sslmode=verify-full&sslrootcert=${certs.ca}`;
    assert.equal(await sslOfSession(`${scram}&channel_binding=require`), true);
    await refused(`${scram.replace('scram-pw', 'wrong-pw')}&channel_binding=require`, {}, /password authentication failed/);
  });

  test('a misspelled ssl key is an error, not an unverified connection', () => {
    assert.throws(
      () => dumbo({ connectionString: `postgresql://127.0.0.1:${PORT}/postgres`, ssl: { ca: 'x', rejectUnauthorised: true } }),
      (error) => error.name === 'InvalidOperationError' && /rejectUnauthorised/.test(error.message),
    );
  });

  test('client certificates: sslcert/sslkey and ssl.cert/ssl.key', async () => {
    const base = `postgresql://certuser@127.0.0.1:${PORT}/postgres`;
    await refused(`${base}?sslmode=verify-full&sslrootcert=${certs.ca}`, {}, /certificate/i);
    assert.equal(
      await sslOfSession(`${base}?sslmode=verify-full&sslrootcert=${certs.ca}&sslcert=${certs.clientCert}&sslkey=${certs.clientKey}`),
      true,
    );
    const ssl = { ca: fs.readFileSync(certs.ca), cert: fs.readFileSync(certs.clientCert), key: fs.readFileSync(certs.clientKey) };
    assert.equal(await sslOfSession(base, { ssl }), true);
  });
});
