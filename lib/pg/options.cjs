'use strict';
// Validates PostgreSQL pool options (upstream PgPoolOptions) with precise TypeErrors.
const { PostgreSQLConnectionString } = require('./connectionString.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { InvalidOperationError } = require('../errors.cjs');
const { binding } = require('../native.cjs');
const { sslOption } = require('./ssl.cjs');

/** The option names the driver knows: one list, in Rust (dumbo_pg::config::POOL_OPTIONS). */
const KNOWN_OPTIONS = new Set(binding.pgPoolOptionNames());

function rejectUnknownOptions(options) {
  const unknown = Object.keys(options).filter((key) => options[key] !== undefined && !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0) {
    throw new InvalidOperationError(
      `Unknown PostgreSQL pool option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (not supported by this driver)`,
    );
  }
}

// The levels the driver knows: one list, in Rust (dumbo_pg's transaction rules).
const ISOLATION_LEVELS = Object.freeze(binding.pgIsolationLevels());

function expectType(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`PostgreSQL option '${key}' must be a ${type}, got ${typeof value}`);
  }
}

function expectNonNegative(options, key, { min = 0 } = {}) {
  const value = options[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`PostgreSQL option '${key}' must be a number >= ${min}, got ${String(value)}`);
  }
}

function checkTransactionOptions(tx) {
  if (tx === undefined) return {};
  if (tx === null || typeof tx !== 'object') {
    throw new TypeError("PostgreSQL option 'transactionOptions' must be an object");
  }
  if (tx.isolationLevel !== undefined && !ISOLATION_LEVELS.includes(String(tx.isolationLevel).toUpperCase())) {
    throw new TypeError(
      `PostgreSQL transactionOptions.isolationLevel must be one of ${ISOLATION_LEVELS.join(', ')}, got ${String(tx.isolationLevel)}`,
    );
  }
  return tx;
}

/** The serializer the pool uses: `serializer`, or upstream's `serialization.serializer`. */
function serializerOf(options) {
  const serializer = options.serializer ?? JSONSerializer.from(options);
  if (typeof serializer?.serialize !== 'function' || typeof serializer?.deserialize !== 'function') {
    throw new TypeError("PostgreSQL option 'serializer' must have serialize(value) and deserialize(text) functions");
  }
  return serializer;
}

function resolvePgOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('PostgreSQL pool options must be an object');
  }
  rejectUnknownOptions(options);
  expectType(options, 'connectionString', 'string');
  expectType(options, 'prepare', 'boolean');
  expectType(options, 'database', 'string');
  expectType(options, 'pooled', 'boolean');
  expectNonNegative(options, 'max', { min: 1 });
  expectNonNegative(options, 'connectionTimeoutMillis');
  expectNonNegative(options, 'connectTimeoutMillis');
  if (options.connectionString === undefined) {
    throw new TypeError("PostgreSQL option 'connectionString' is required");
  }
  PostgreSQLConnectionString(options.connectionString);
  const serializer = serializerOf(options);
  return {
    connectionString: options.connectionString,
    database: options.database,
    pooled: options.pooled !== false,
    serializer,
    transactionOptions: checkTransactionOptions(options.transactionOptions),
    native: {
      database: options.database,
      max: options.max,
      connectionTimeoutMillis: options.connectionTimeoutMillis,
      connectTimeoutMillis: options.connectTimeoutMillis,
      prepare: options.prepare,
      ssl: sslOption(options.ssl),
      // The default serializer is plain JSON.parse: json/jsonb text is then embedded
      // in the rows' JSON as is, with no per-value call back into JS.
      rawJson: serializer === JSONSerializer,
      serialize: serializer === JSONSerializer ? undefined : (value) => serializer.serialize(value),
    },
  };
}

module.exports = { resolvePgOptions, ISOLATION_LEVELS };
// The pools over a caller's node-postgres object (lib/pg/nodePg) read the same rules.
module.exports.resolvePgSerializer = serializerOf;
module.exports.checkTransactionOptions = checkTransactionOptions;
