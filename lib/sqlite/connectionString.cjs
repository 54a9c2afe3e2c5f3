'use strict';
// Port of upstream storage/sqlite/core/connections/connectionString.ts (JS-side
// validators kept for API compatibility; the driver parses again in Rust).
const { InvalidOperationError } = require('../errors.cjs');

const InMemorySQLiteDatabase = ':memory:';

const DEFAULT_SQLITE_PRAGMA_OPTIONS = Object.freeze({
  journal_mode: 'WAL',
  synchronous: 'NORMAL',
  cache_size: -1000000,
  foreign_keys: true,
  temp_store: 'MEMORY',
  busy_timeout: 5000,
  mmap_size: 268435456,
});

function isSQLiteConnectionString(cs) {
  return (
    typeof cs === 'string' &&
    (cs.startsWith('file:') || cs === ':memory:' || cs.startsWith('/') || cs.startsWith('./'))
  );
}

/** Validates and returns the string (upstream's branded validator). */
function SQLiteConnectionString(cs) {
  if (!isSQLiteConnectionString(cs)) {
    throw new InvalidOperationError(
      `Invalid SQLite connection string: ${cs}. It should start with "file:", ":memory:", "/", or "./".`,
    );
  }
  return cs;
}

function parsePragmasFromConnectionString(cs) {
  if (typeof cs !== 'string' || !cs.startsWith('file:')) return {};
  let params;
  try {
    params = new URL(cs).searchParams;
  } catch {
    return {};
  }
  const out = {};
  if (params.has('journal_mode')) out.journal_mode = params.get('journal_mode');
  if (params.has('synchronous')) out.synchronous = params.get('synchronous');
  for (const key of ['cache_size', 'busy_timeout', 'mmap_size']) {
    if (params.has(key)) out[key] = parseInt(params.get(key), 10);
  }
  if (params.has('foreign_keys')) {
    out.foreign_keys = ['true', 'on', '1'].includes(params.get('foreign_keys').toLowerCase());
  }
  if (params.has('temp_store')) out.temp_store = params.get('temp_store').toUpperCase();
  return out;
}

function isInMemoryDatabase(options) {
  if (typeof options === 'string') return options === InMemorySQLiteDatabase;
  return (options.fileName ?? options.connectionString) === InMemorySQLiteDatabase;
}

module.exports = {
  InMemorySQLiteDatabase,
  DEFAULT_SQLITE_PRAGMA_OPTIONS,
  SQLiteConnectionString,
  isSQLiteConnectionString,
  parsePragmasFromConnectionString,
  isInMemoryDatabase,
};
