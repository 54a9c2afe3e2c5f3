'use strict';
// Options of a Dumbo pool over a caller's node-postgres object: `client` (a
// pg.Client or pool client) or `pool` (a pg.Pool). The object's own settings
// (host, database, pool size, TLS, timeouts) apply; an option that would configure
// the connection otherwise is refused by name rather than ignored.
const { InvalidOperationError } = require('../../errors.cjs');
const { resolvePgSerializer, checkTransactionOptions } = require('../options.cjs');
const { parseDatabaseName } = require('../connectionString.cjs');

// Routing keys root dumbo() and Pongo pass along, and what these pools honour.
const HONOURED = new Set([
  'client',
  'pool',
  'connectionString',
  'database',
  'pooled',
  'serializer',
  'serialization',
  'transactionOptions',
  'connector',
  'driverType',
  'driver',
]);

const isObject = (value) => value !== null && typeof value === 'object';

/** The database the object is configured for, when it says so. */
function configuredDatabase(kind, object) {
  if (kind === 'client') return typeof object.database === 'string' ? object.database : undefined;
  const options = object.options ?? {};
  if (typeof options.database === 'string') return options.database;
  if (typeof options.connectionString === 'string') {
    try {
      return parseDatabaseName(options.connectionString) ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function checkNodePgObject(kind, object) {
  const method = kind === 'client' ? 'query' : 'connect';
  if (!isObject(object) || typeof object[method] !== 'function') {
    const expected = kind === 'client' ? 'a pg.Client or pg.PoolClient' : 'a pg.Pool';
    throw new TypeError(`PostgreSQL option '${kind}' must be ${expected} (an object with ${method}())`);
  }
}

/** Validates `{ client }` or `{ pool }` options; returns { kind, object, serializer, transactionOptions }. */
function resolveNodePgOptions(options) {
  const kind = options.client ? 'client' : 'pool';
  const object = options[kind];
  checkNodePgObject(kind, object);
  if (kind === 'client' && options.pool) {
    throw new InvalidOperationError("PostgreSQL options 'client' and 'pool' cannot be combined: pass one of them");
  }
  if (options.connection) {
    throw new InvalidOperationError(`PostgreSQL options '${kind}' and 'connection' cannot be combined: pass one of them`);
  }
  const expectedPooled = kind === 'pool';
  if (options.pooled !== undefined && options.pooled !== expectedPooled) {
    throw new InvalidOperationError(
      `PostgreSQL option 'pooled: ${String(options.pooled)}' contradicts '${kind}': ${
        expectedPooled ? "a pg.Pool is pooled (or pass 'client')" : "a single client is not pooled (or pass 'pool')"
      }`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!HONOURED.has(key) && options[key] !== undefined) {
      throw new InvalidOperationError(
        `PostgreSQL option '${key}' is not honoured with '${kind}': the caller's node-postgres object uses its own settings`,
      );
    }
  }
  if (options.connectionString !== undefined && typeof options.connectionString !== 'string') {
    throw new TypeError(`PostgreSQL option 'connectionString' must be a string, got ${typeof options.connectionString}`);
  }
  if (options.database !== undefined) {
    if (typeof options.database !== 'string') {
      throw new TypeError(`PostgreSQL option 'database' must be a string, got ${typeof options.database}`);
    }
    const actual = configuredDatabase(kind, object);
    if (actual !== undefined && actual !== options.database) {
      throw new InvalidOperationError(
        `PostgreSQL option 'database' ('${options.database}') differs from the database of the '${kind}' ('${actual}')`,
      );
    }
  }
  return {
    kind,
    object,
    serializer: resolvePgSerializer(options),
    transactionOptions: checkTransactionOptions(options.transactionOptions),
  };
}

module.exports = { resolveNodePgOptions, checkNodePgObject };
