'use strict';
// Driver types (`'<DatabaseType>:<driverName>'`, upstream core/drivers) and the
// connection-string helpers drivers are built with. The string rules are Rust's
// (dumbo_core::connection_string); this module only exposes them.
const { binding } = require('./native.cjs');

/** `'PostgreSQL'` + `'pg'` → `'PostgreSQL:pg'`. */
function toDatabaseDriverType(databaseType, driverName) {
  return `${databaseType}:${driverName}`;
}

/** `'PostgreSQL:pg'` → `{ databaseType: 'PostgreSQL', driverName: 'pg' }`. */
function fromDatabaseDriverType(databaseDriverType) {
  if (typeof databaseDriverType !== 'string') {
    throw new TypeError(`A driver type must be a string such as 'SQLite:sqlite3', got ${typeof databaseDriverType}`);
  }
  const parts = databaseDriverType.split(':');
  return { databaseType: parts[0], driverName: parts[1] };
}

const getDatabaseDriverName = (databaseDriverType) => fromDatabaseDriverType(databaseDriverType).driverName;
const getDatabaseType = (databaseDriverType) => fromDatabaseDriverType(databaseDriverType).databaseType;

/**
 * `{ databaseType, driverName }` of a built-in driver's connection string
 * (`postgresql://`, `postgres://` → pg; `file:`, `:memory:`, `/`, `./` → sqlite3;
 * `d1:` → d1); anything else is an InvalidOperationError.
 */
function parseConnectionString(connectionString) {
  if (typeof connectionString !== 'string') {
    throw new TypeError(`parseConnectionString expects a string, got ${typeof connectionString}`);
  }
  return { ...binding.parseConnectionString(connectionString) };
}

/**
 * A driver's `canHandle(options)`: options naming a driver type (upstream's
 * `driverType`, or the plugin registry's `connector`) match only that type; otherwise the
 * connection string decides, through `tryParseConnectionString` (null: not ours).
 */
const canHandleDriverWithConnectionString = (driverType, tryParseConnectionString) => (options) => {
  if (options === null || typeof options !== 'object') return false;
  if ('driverType' in options) return options.driverType === driverType;
  if ('connector' in options) return options.connector === driverType;
  if (typeof options.connectionString === 'string') {
    return tryParseConnectionString(options.connectionString) !== null;
  }
  return false;
};

/** A `tryParseConnectionString` for a built-in driver type, by the Rust rules. */
const builtinConnectionStringOf = (driverType) => (connectionString) =>
  binding.detectConnector(connectionString) === driverType ? connectionString : null;

module.exports = {
  toDatabaseDriverType,
  fromDatabaseDriverType,
  getDatabaseDriverName,
  getDatabaseType,
  parseConnectionString,
  canHandleDriverWithConnectionString,
  builtinConnectionStringOf,
};
