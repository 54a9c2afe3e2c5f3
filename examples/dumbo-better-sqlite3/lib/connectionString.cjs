'use strict';
// Where a better-sqlite3 pool's database is, and its pragmas. The connection strings
// are the built-in SQLite driver's: `file:` URIs (query parameters such as
// ?journal_mode=WAL become pragmas), ':memory:', absolute paths and './' paths.
// better-sqlite3 opens file names, not URIs, so a `file:` URI is turned into its path.
const {
  DEFAULT_SQLITE_PRAGMA_OPTIONS,
  SQLiteConnectionString,
  parsePragmasFromConnectionString,
} = require('@event-driven-io/dumbo/sqlite');
const { InvalidOperationError } = require('@event-driven-io/dumbo');

const IN_MEMORY = ':memory:';

/** The file name better-sqlite3 opens for a SQLite connection string. */
function fileNameOf(connectionString) {
  if (!connectionString.startsWith('file:')) return connectionString;
  let rest = connectionString.slice('file:'.length);
  for (const mark of ['#', '?']) {
    const at = rest.indexOf(mark);
    if (at >= 0) rest = rest.slice(0, at);
  }
  // file:///abs/path and file://localhost/abs/path name /abs/path.
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const host = rest.slice(2, slash < 0 ? rest.length : slash);
    if (host !== '' && host !== 'localhost') {
      throw new InvalidOperationError(`Invalid SQLite connection string: ${connectionString}. Remote hosts are not supported.`);
    }
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  try {
    rest = decodeURIComponent(rest);
  } catch {
    throw new InvalidOperationError(`Invalid SQLite connection string: ${connectionString}. The path is not valid percent-encoding.`);
  }
  if (rest === '') throw new InvalidOperationError(`Invalid SQLite connection string: ${connectionString}. It names no file.`);
  return rest;
}

/** Pragma precedence, as the built-in driver: defaults < URI parameters < pragmaOptions. */
function pragmasFor(connectionString, pragmaOptions, skipDefaults) {
  return {
    ...(skipDefaults ? {} : DEFAULT_SQLITE_PRAGMA_OPTIONS),
    ...(connectionString === undefined ? {} : parsePragmasFromConnectionString(connectionString)),
    ...(pragmaOptions ?? {}),
  };
}

/** `PRAGMA name = value` text, refusing anything that is not a plain name or value. */
function pragmaStatement(name, value) {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`Invalid SQLite pragma name: ${name}`);
  let text;
  if (typeof value === 'boolean') text = value ? 'ON' : 'OFF';
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value)) text = value;
  else throw new TypeError(`Invalid value for SQLite pragma ${name}: ${String(value)}`);
  return `${name} = ${text}`;
}

module.exports = { IN_MEMORY, SQLiteConnectionString, fileNameOf, pragmasFor, pragmaStatement };
