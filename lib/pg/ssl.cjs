'use strict';
// node-postgres' `ssl` pool option → what the native driver takes:
// `true` verifies against the platform's roots and the host name (as Node's TLS
// does by default); `{ ca, cert, key, rejectUnauthorized, servername }` with PEM
// strings or Buffers; `rejectUnauthorized: false` encrypts without verifying.
const { InvalidOperationError } = require('../errors.cjs');

const SSL_KEYS = ['ca', 'cert', 'key', 'rejectUnauthorized', 'servername'];

function pemText(value, key) {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items
    .map((item) => {
      if (typeof item === 'string') return item;
      if (item instanceof Uint8Array) return Buffer.from(item).toString('utf8');
      throw new TypeError(`PostgreSQL option 'ssl.${key}' must be a PEM string, Buffer or Uint8Array (or an array of them)`);
    })
    .join('\n');
}

function sslOption(ssl) {
  if (ssl === undefined || ssl === false) return undefined;
  if (ssl === true) return { verify: true };
  if (ssl === null || typeof ssl !== 'object') {
    throw new TypeError("PostgreSQL option 'ssl' must be a boolean or an object");
  }
  const unknown = Object.keys(ssl).filter((key) => ssl[key] !== undefined && !SSL_KEYS.includes(key));
  if (unknown.length > 0) {
    // Not silently ignored: a TLS setting that is not applied could weaken the connection.
    throw new InvalidOperationError(`Unknown PostgreSQL ssl option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
  if (ssl.rejectUnauthorized !== undefined && typeof ssl.rejectUnauthorized !== 'boolean') {
    throw new TypeError("PostgreSQL option 'ssl.rejectUnauthorized' must be a boolean");
  }
  if (ssl.servername !== undefined && typeof ssl.servername !== 'string') {
    throw new TypeError("PostgreSQL option 'ssl.servername' must be a string");
  }
  const cert = pemText(ssl.cert, 'cert');
  const key = pemText(ssl.key, 'key');
  if ((cert === undefined) !== (key === undefined)) {
    throw new TypeError("PostgreSQL options 'ssl.cert' and 'ssl.key' go together");
  }
  return {
    verify: ssl.rejectUnauthorized !== false,
    ca: pemText(ssl.ca, 'ca'),
    cert,
    key,
    servername: ssl.servername,
  };
}

module.exports = { sslOption };
