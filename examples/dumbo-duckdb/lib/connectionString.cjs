'use strict';
// DuckDB connection strings:
//   duckdb::memory:                  a private in-memory database (one per pool)
//   duckdb:/path/to/file.duckdb      a database file (absolute path)
//   duckdb:./relative.duckdb         a database file relative to the working directory
//   duckdb:///path/to/file.duckdb    the same as duckdb:/path/to/file.duckdb
//   ...?threads=2&access_mode=READ_ONLY   DuckDB configuration options
const { InvalidOperationError } = require('@event-driven-io/dumbo');

const DUCKDB_PREFIX = 'duckdb:';
const IN_MEMORY = ':memory:';

function isDuckDBConnectionString(connectionString) {
  return typeof connectionString === 'string' && connectionString.startsWith(DUCKDB_PREFIX);
}

/**
 * `{ path, inMemory, config }` for a `duckdb:` connection string; `config` holds the
 * query parameters (DuckDB configuration options, as strings).
 */
function parseDuckDBConnectionString(connectionString) {
  if (!isDuckDBConnectionString(connectionString)) {
    throw new InvalidOperationError(
      `Invalid DuckDB connection string: ${connectionString}. It should start with "duckdb:" (for example "duckdb::memory:" or "duckdb:/path/to/file.duckdb").`,
    );
  }
  let rest = connectionString.slice(DUCKDB_PREFIX.length);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const query = question >= 0 ? rest.slice(question + 1) : '';
  if (question >= 0) rest = rest.slice(0, question);
  if (rest.startsWith('//')) rest = rest.slice(2);
  let path;
  try {
    path = decodeURIComponent(rest);
  } catch {
    throw new InvalidOperationError(`Invalid DuckDB connection string: ${connectionString}. The path is not valid percent-encoding.`);
  }
  if (path === '') {
    throw new InvalidOperationError(
      `Invalid DuckDB connection string: ${connectionString}. It names no database: use "duckdb::memory:" or "duckdb:/path/to/file.duckdb".`,
    );
  }
  const config = {};
  for (const [key, value] of new URLSearchParams(query)) config[key] = value;
  const inMemory = path === IN_MEMORY;
  if (!inMemory && path.startsWith(':memory:')) {
    throw new InvalidOperationError(
      `Invalid DuckDB connection string: ${connectionString}. Named in-memory databases are not supported; use "duckdb::memory:".`,
    );
  }
  return { path, inMemory, config };
}

module.exports = { DUCKDB_PREFIX, isDuckDBConnectionString, parseDuckDBConnectionString };
