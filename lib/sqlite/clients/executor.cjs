'use strict';
// Upstream's SQLite executor over a JS driver's SQLiteClient (storage/sqlite/core/execute):
// sqliteSQLExecutor maps the client's errors (mapSqliteError unless the driver passes
// its own mapper) and applies `mapping` to query results; sqliteExecute closes after use.
const { mapSqliteError } = require('../../errorMappers.cjs');
const { applyMapping } = require('../../core/executor.cjs');
const { sqliteFormatter } = require('../formatter.cjs');

const mappedRows = (results, options) =>
  Array.isArray(results) ? results.map((result) => applyMapping(result, options)) : applyMapping(results, options);

/** `(driverType, serializer, formatter?, errorMapper?)` → a DbSQLExecutor (client first). */
function sqliteSQLExecutor(driverType, _serializer, formatter, errorMapper) {
  const mapError = errorMapper ?? mapSqliteError;
  const run = (method, withMapping) => async (client, sql, options) => {
    try {
      const result = await client[method](sql, options);
      return withMapping ? mappedRows(result, options) : result;
    } catch (error) {
      throw mapError(error);
    }
  };
  return {
    driverType,
    query: run('query', true),
    batchQuery: run('batchQuery', true),
    command: run('command', false),
    batchCommand: run('batchCommand', false),
    formatter: formatter ?? sqliteFormatter,
  };
}

/** Runs `handle(database)` and closes the database afterwards. */
async function sqliteExecute(database, handle) {
  try {
    return await handle(database);
  } finally {
    await database.close();
  }
}

module.exports = { sqliteSQLExecutor, sqliteExecute };
