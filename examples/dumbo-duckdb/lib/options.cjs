'use strict';
// The DuckDB pool options, checked when the pool is created.
const { InvalidOperationError, JSONSerializer } = require('@event-driven-io/dumbo');
const { parseDuckDBConnectionString } = require('./connectionString.cjs');

const DEFAULT_CONNECTION_STRING = 'duckdb::memory:';
const SAVEPOINTS_UNSUPPORTED =
  'DuckDB does not support savepoints: useSavepoints: true cannot be used with the DuckDB:nodejs plugin';

function expectType(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`DuckDB option '${key}' must be a ${type}, got ${typeof value}`);
  }
}

function assertNoSavepoints(transactionOptions) {
  if (transactionOptions?.useSavepoints === true) throw new InvalidOperationError(SAVEPOINTS_UNSUPPORTED);
}

function resolveDuckDBOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('DuckDB pool options must be an object');
  }
  expectType(options, 'connectionString', 'string');
  expectType(options, 'max', 'number');
  expectType(options, 'connectionTimeoutMillis', 'number');
  for (const key of ['config', 'transactionOptions']) {
    if (options[key] !== undefined && (options[key] === null || typeof options[key] !== 'object')) {
      throw new TypeError(`DuckDB option '${key}' must be an object`);
    }
  }
  const max = options.max ?? 10;
  if (!Number.isInteger(max) || max < 1) {
    throw new TypeError(`DuckDB option 'max' must be a positive integer, got ${max}`);
  }
  const serializer = options.serializer ?? JSONSerializer;
  if (typeof serializer?.serialize !== 'function') {
    throw new TypeError("DuckDB option 'serializer' must have a serialize(value) function");
  }
  const connectionString = options.connectionString ?? DEFAULT_CONNECTION_STRING;
  const { path, inMemory, config } = parseDuckDBConnectionString(connectionString);
  const merged = { ...config };
  for (const [key, value] of Object.entries(options.config ?? {})) merged[key] = String(value);
  const transactionOptions = { ...(options.transactionOptions ?? {}) };
  assertNoSavepoints(transactionOptions);
  return {
    connectionString,
    path,
    inMemory,
    config: merged,
    max,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 30_000,
    serializer,
    transactionOptions,
  };
}

module.exports = { SAVEPOINTS_UNSUPPORTED, assertNoSavepoints, resolveDuckDBOptions };
