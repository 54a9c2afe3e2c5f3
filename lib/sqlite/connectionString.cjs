'use strict';
// Upstream's SQLite connection-string helpers under their upstream names; the rules
// live in Rust.
const { InvalidOperationError } = require('../errors.cjs');
const { binding } = require('../native.cjs');

const InMemorySQLiteDatabase = ':memory:';

// What the driver applies unless told otherwise (crates/dumbo-sqlite/src/pragmas.rs).
const DEFAULT_SQLITE_PRAGMA_OPTIONS = Object.freeze(binding.sqliteDefaultPragmas());

function isSQLiteConnectionString(cs) {
  return typeof cs === 'string' && binding.detectConnector(cs) === 'SQLite:sqlite3';
}

/** Validates and returns the string (upstream's branded validator). */
function SQLiteConnectionString(cs) {
  if (typeof cs !== 'string') {
    throw new InvalidOperationError(
      `Invalid SQLite connection string: ${cs}. It should start with "file:", ":memory:", "/", or "./".`,
    );
  }
  binding.validateSqliteConnectionString(cs);
  return cs;
}

/** The pragmas set by a `file:` URI's query parameters (a number that does not parse is left out). */
function parsePragmasFromConnectionString(cs) {
  if (typeof cs !== 'string') return {};
  return binding.parseSqlitePragmas(cs);
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
