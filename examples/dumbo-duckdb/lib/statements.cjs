'use strict';
// Running a Dumbo SQL value on a @duckdb/node-api connection.
const { ResultReturnType } = require('@duckdb/node-api');
const { duckDBFormatter } = require('./formatter.cjs');
const { mapDuckDBError } = require('./errors.cjs');
const { bindParams } = require('./values.cjs');

/** Runs one SQL (already a Dumbo SQL value) on a DuckDB connection: { rowCount, rows }. */
async function runStatement(raw, sql, serializer) {
  const { query, params } = duckDBFormatter.format(sql, { serializer });
  try {
    let result;
    if (params.length === 0) {
      // Without parameters DuckDB runs every statement of a multi-statement string.
      result = await raw.run(query);
    } else {
      const { values, types } = bindParams(params, serializer);
      result = await raw.run(query, values, types);
    }
    if (result.returnType === ResultReturnType.QUERY_RESULT) {
      const rows = await result.getRowObjectsJS();
      return { rowCount: rows.length, rows };
    }
    if (result.returnType === ResultReturnType.CHANGED_ROWS) {
      return { rowCount: Number(result.rowsChanged), rows: [] };
    }
    return { rowCount: 0, rows: [] };
  } catch (error) {
    throw mapDuckDBError(error);
  }
}

async function runControl(raw, statement) {
  try {
    await raw.run(statement);
  } catch (error) {
    throw mapDuckDBError(error);
  }
}

function closeQuietly(handle) {
  try {
    handle.closeSync();
  } catch {
    // already closed
  }
}

module.exports = { runStatement, runControl, closeQuietly };
