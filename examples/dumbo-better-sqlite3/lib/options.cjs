'use strict';
// The better-sqlite3 pool options, checked when the pool is created, and how a
// database handle is opened with them.
const Database = require('better-sqlite3');
const { ConnectionError, JSONSerializer } = require('@event-driven-io/dumbo');
const { IN_MEMORY, SQLiteConnectionString, fileNameOf, pragmasFor, pragmaStatement } = require('./connectionString.cjs');
const { mapBetterSqlite3Error } = require('./errors.cjs');

const MODES = ['DEFERRED', 'IMMEDIATE', 'EXCLUSIVE'];

function expectType(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`better-sqlite3 option '${key}' must be a ${type}, got ${typeof value}`);
  }
}

function resolveBetterSqlite3Options(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('better-sqlite3 pool options must be an object');
  }
  expectType(options, 'fileName', 'string');
  expectType(options, 'connectionString', 'string');
  expectType(options, 'readonly', 'boolean');
  expectType(options, 'skipDatabasePragmas', 'boolean');
  expectType(options, 'maxTaskIdleTime', 'number');
  for (const key of ['pragmaOptions', 'transactionOptions']) {
    if (options[key] !== undefined && (options[key] === null || typeof options[key] !== 'object')) {
      throw new TypeError(`better-sqlite3 option '${key}' must be an object`);
    }
  }
  const serializer = options.serializer ?? JSONSerializer;
  if (typeof serializer?.serialize !== 'function') {
    throw new TypeError("better-sqlite3 option 'serializer' must have a serialize(value) function");
  }
  if (options.fileName === undefined && options.connectionString !== undefined) {
    SQLiteConnectionString(options.connectionString);
  }
  const mode = options.transactionOptions?.mode ?? options.defaultTransactionMode;
  if (mode !== undefined && !MODES.includes(String(mode).toUpperCase())) {
    throw new TypeError(`better-sqlite3 option 'defaultTransactionMode' must be one of ${MODES.join(', ')}, got ${String(mode)}`);
  }
  const fileName = options.fileName ?? fileNameOf(options.connectionString ?? IN_MEMORY);
  const pragmas = pragmasFor(options.connectionString, options.pragmaOptions, options.skipDatabasePragmas === true);
  return {
    fileName,
    inMemory: fileName === IN_MEMORY,
    readonly: options.readonly === true,
    // Checked now, so a bad pragma fails dumbo() rather than the first statement.
    pragmaStatements: Object.entries(pragmas).map(([name, value]) => [name, pragmaStatement(name, value)]),
    maxTaskIdleTime: options.maxTaskIdleTime ?? 30_000,
    serializer,
    transactionOptions: {
      ...(options.transactionOptions ?? {}),
      ...(mode !== undefined ? { mode: String(mode).toUpperCase() } : {}),
    },
  };
}

/** Opens a better-sqlite3 handle and applies the pragmas (a reader skips journal_mode). */
function openDatabase(settings, { reader = false } = {}) {
  let db;
  try {
    db = new Database(settings.fileName, { readonly: reader || settings.readonly, fileMustExist: reader });
  } catch (error) {
    // SQLite says SQLITE_CANTOPEN (→ ConnectionError); better-sqlite3 checks a missing
    // directory itself and throws a TypeError.
    if (typeof error?.code === 'string' && error.code.startsWith('SQLITE_')) throw mapBetterSqlite3Error(error);
    throw new ConnectionError(error?.message, error);
  }
  try {
    for (const [name, statement] of settings.pragmaStatements) {
      if ((reader || settings.readonly) && name === 'journal_mode') continue;
      if (reader && settings.inMemory) continue;
      db.pragma(statement);
    }
  } catch (error) {
    db.close();
    throw mapBetterSqlite3Error(error);
  }
  return db;
}

module.exports = { MODES, resolveBetterSqlite3Options, openDatabase };
