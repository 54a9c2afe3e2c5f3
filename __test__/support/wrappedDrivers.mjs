// JS drivers for the driver tests: a 'wrapped:<file>' connection string names a
// SQLite file, and the driver runs on the built-in SQLite pool, so what the tests
// run through dumbo() is real SQL on a real database.
import { canHandleDriverWithConnectionString, SQL } from '@event-driven-io/dumbo';
import {
  sqlite3Pool,
  sqliteFormatter,
  sqliteMetadata,
  DefaultSQLiteMigratorOptions,
} from '@event-driven-io/dumbo/sqlite3';

/** 'wrapped:<file>' → the file: a JS driver of its own type, running on the built-in SQLite pool. */
export const wrappedPath = (connectionString) => (connectionString.startsWith('wrapped:') ? connectionString.slice(8) : null);

/** A driver written to upstream HEAD's DumboDatabaseDriver shape: driverType, no connector. */
export function headShapedDriver(driverType, seen = []) {
  return {
    driverType,
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: DefaultSQLiteMigratorOptions,
    databaseMetadata: sqliteMetadata,
    canHandle: canHandleDriverWithConnectionString(driverType, wrappedPath),
    createPool(options) {
      seen.push(options);
      return sqlite3Pool({ connectionString: wrappedPath(options.connectionString) });
    },
  };
}

/** A driver written to the RFC's StoragePlugin shape: connector, no driverType. */
export function rfcShapedPlugin(connector, seen = []) {
  return {
    connector,
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: DefaultSQLiteMigratorOptions,
    capabilities: { json: { operators: true, indexing: false, path: true }, arrays: false, returning: true, cte: true },
    createPool(options) {
      seen.push(options);
      return sqlite3Pool({ connectionString: wrappedPath(options.connectionString) });
    },
  };
}

export async function roundTrip(pool, table) {
  try {
    await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER PRIMARY KEY, name TEXT)`);
    await pool.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (name) VALUES (${'ada'})`);
    return (await pool.execute.query(SQL`SELECT name FROM ${SQL.identifier(table)}`)).rows;
  } finally {
    await pool.close();
  }
}
