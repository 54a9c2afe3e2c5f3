'use strict';
// PostgreSQL connection strings (upstream's helpers). Validation and parsing are the driver's, in Rust
// (dumbo_pg::config), so the JS and the native pool agree on every rule. They live in core because
// core's PostgreSQL metadata (lib/schema/postgresqlMetadata.cjs) parses the database name before
// any driver loads; the pg driver re-exports them (lib/pg/connectionString.cjs).
const { binding } = require('./native.cjs');

const defaultPostgreSQLConnectionString = 'postgresql://postgres@localhost:5432/postgres';
const defaultPostgreSqlDatabase = binding.pgDefaultDatabase();

function expectString(connectionString) {
  if (typeof connectionString !== 'string') {
    throw new TypeError(`PostgreSQL connection string must be a string, got ${typeof connectionString}`);
  }
}

/** Returns the string when it is a postgresql:// or postgres:// URL; else InvalidOperationError. */
function PostgreSQLConnectionString(connectionString) {
  expectString(connectionString);
  binding.validatePgConnectionString(connectionString);
  return connectionString;
}

/** The database a connection string names (node-postgres rules), or null. */
function parseDatabaseName(connectionString) {
  expectString(connectionString);
  return binding.parsePgDatabaseName(connectionString) ?? null;
}

module.exports = {
  PostgreSQLConnectionString,
  parseDatabaseName,
  defaultPostgreSQLConnectionString,
  defaultPostgreSqlDatabase,
};
