'use strict';
// Validates SQLite pool options (upstream SQLite3DumboOptions) with precise TypeErrors.
const { SQLiteConnectionString, isInMemoryDatabase } = require('./connectionString.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { binding } = require('../native.cjs');

// The modes the driver's BEGIN accepts (crates/dumbo-sqlite/src/transaction.rs).
const MODES = Object.freeze(binding.sqliteTransactionModes());

function expectType(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`SQLite option '${key}' must be a ${type}, got ${typeof value}`);
  }
}

function resolveSqliteOptions(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('SQLite pool options must be an object');
  }
  expectType(options, 'fileName', 'string');
  expectType(options, 'connectionString', 'string');
  expectType(options, 'singleton', 'boolean');
  expectType(options, 'readonly', 'boolean');
  expectType(options, 'skipDatabasePragmas', 'boolean');
  expectType(options, 'maxTaskIdleTime', 'number');
  if (options.pragmaOptions !== undefined && (options.pragmaOptions === null || typeof options.pragmaOptions !== 'object')) {
    throw new TypeError("SQLite option 'pragmaOptions' must be an object");
  }
  if (options.transactionOptions !== undefined && (options.transactionOptions === null || typeof options.transactionOptions !== 'object')) {
    throw new TypeError("SQLite option 'transactionOptions' must be an object");
  }
  const serializer = options.serializer ?? JSONSerializer;
  if (typeof serializer?.serialize !== 'function') {
    throw new TypeError("SQLite option 'serializer' must have a serialize(value) function");
  }
  if (options.fileName === undefined && options.connectionString !== undefined) {
    SQLiteConnectionString(options.connectionString);
  }
  const mode = options.defaultTransactionMode;
  if (mode !== undefined && !MODES.includes(String(mode).toUpperCase())) {
    throw new TypeError(`SQLite option 'defaultTransactionMode' must be one of ${MODES.join(', ')}, got ${String(mode)}`);
  }
  const path = options.fileName ?? options.connectionString ?? ':memory:';
  const inMemory = isInMemoryDatabase({ fileName: path });
  return {
    path,
    inMemory,
    singleton: inMemory || options.singleton === true,
    readonly: options.readonly === true,
    skipDatabasePragmas: options.skipDatabasePragmas === true,
    pragmaOptions: options.pragmaOptions,
    maxTaskIdleTime: options.maxTaskIdleTime ?? 30_000,
    serializer,
    transactionOptions: {
      ...(options.transactionOptions ?? {}),
      ...(mode !== undefined && options.transactionOptions?.mode === undefined ? { mode } : {}),
    },
  };
}

module.exports = { resolveSqliteOptions };
