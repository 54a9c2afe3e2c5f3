'use strict';
// @event-driven-io/dumbo/sqlite3: direct mode. Importing it registers the plugin
// (a side effect), so the root dumbo() skips deferral for SQLite from then on.
const sqlite = require('./sqlite.cjs');
const { sqlite3Plugin } = require('../lib/sqlite/plugin.cjs');
const { sqlite3Pool } = require('../lib/sqlite/pool.cjs');
const { pluginRegistry } = require('../lib/registry.cjs');
const { binding } = require('../lib/native.cjs');
const { sqlite3Client, sqlite3Connection } = require('../lib/sqlite/factories.cjs');

const useSqlite3DumboDriver = () => pluginRegistry.register(sqlite3Plugin.connector, sqlite3Plugin);
useSqlite3DumboDriver();

/** Opens the database and runs `SELECT 1`; never throws. */
async function checkConnection(fileName) {
  try {
    const db = binding.SqliteDatabase.open(fileName ?? ':memory:', { skipDatabasePragmas: true });
    try {
      db.querySql({ __brand: 'tokenized-sql', sqlChunks: ['SELECT 1'], sqlTokens: [] });
    } finally {
      db.close();
    }
    return { successful: true };
  } catch (error) {
    return { successful: false, errorType: error?.errorType ?? 'Unknown', error };
  }
}

module.exports = {
  ...sqlite,
  dumbo: sqlite3Pool,
  sqlite3Pool,
  sqlite3Plugin,
  sqlite3DumboDriver: sqlite3Plugin,
  useSqlite3DumboDriver,
  SQLite3DriverType: sqlite3Plugin.driverType,
  checkConnection,
  sqlite3Client,
  sqlite3Connection,
};
