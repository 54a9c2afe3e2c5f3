// Certificates for the TLS deployment tests, made with openssl: a CA that signs
// the server and a client certificate, and an unrelated CA (the one a man in the
// middle would present a certificate from).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { writeOwned } from './pg-cluster.mjs';

const openssl = (args, cwd) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function makeCa(dir, name) {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout', `${name}.key`, '-out', `${name}.crt`],
    dir,
  );
}

function signed(dir, name, ca, subject, extensions) {
  fs.writeFileSync(path.join(dir, `${name}.ext`), extensions.join('\n'));
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2',
      '-out', `${name}.crt`, '-extfile', `${name}.ext`],
    dir,
  );
}

/** Makes the files in `dir`; returns their paths. */
export function makeCerts(dir) {
  makeCa(dir, 'ca');
  makeCa(dir, 'wrongca');
  signed(dir, 'server', 'ca', '/CN=localhost', [
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    'extendedKeyUsage=serverAuth',
  ]);
  signed(dir, 'client', 'ca', '/CN=certuser', ['extendedKeyUsage=clientAuth']);
  // The server reads its key as the postgres user and refuses a key others can read.
  writeOwned(path.join(dir, 'server.key'), fs.readFileSync(path.join(dir, 'server.key')), 0o600);
  writeOwned(path.join(dir, 'server.crt'), fs.readFileSync(path.join(dir, 'server.crt')));
  writeOwned(path.join(dir, 'ca.crt'), fs.readFileSync(path.join(dir, 'ca.crt')));
  const at = (file) => path.join(dir, file);
  return {
    ca: at('ca.crt'),
    wrongCa: at('wrongca.crt'),
    serverCert: at('server.crt'),
    serverKey: at('server.key'),
    clientCert: at('client.crt'),
    clientKey: at('client.key'),
  };
}
