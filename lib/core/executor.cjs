'use strict';
// Builds an SQLExecutor (query, batchQuery, command, batchCommand) from a driver's
// single-statement runners. Batches run sequentially and stop at the first error;
// `assertChanges` raises BatchCommandNoChangesError(index) on a statement that
// changed nothing (upstream core/execute/execute.ts).
const { BatchCommandNoChangesError, DumboError } = require('../errors.cjs');
const { mapSQLQueryResult } = require('../query.cjs');
const { throwIfAborted } = require('./abort.cjs');

/**
 * A panic in the native code reaches JS (through napi-rs' catch_unwind) as a plain
 * Error with code 'GenericFailure', which no `instanceof DumboError` check or retry
 * policy recognises: it becomes a DumboError (500) with the original as its cause.
 * Everything else, DumboErrors and TypeErrors included, passes through unchanged.
 */
function asDumboError(error) {
  if (error instanceof Error && error.code === 'GenericFailure' && !DumboError.isInstanceOf(error)) {
    return new DumboError({
      errorCode: 500,
      message: `Internal error in the native driver: ${error.message}`,
      innerError: error,
    });
  }
  return error;
}

function applyMapping(result, options) {
  const mapping = options?.mapping;
  if (!mapping) return result;
  return { rowCount: result.rowCount, rows: result.rows.map((row) => mapSQLQueryResult(row, mapping)) };
}

/**
 * Two forms:
 * - sqlExecutor(runQuery, runCommand): from single-statement runners
 *   ((sql, options) => QueryResult | Promise<QueryResult>);
 * - sqlExecutor(dbExecutor, { connect, close? }) (upstream's): from a driver's
 *   DbSQLExecutor whose methods take the client first, on `connect()`'s client.
 */
function sqlExecutor(runQuery, runCommand) {
  if (typeof runQuery === 'object' && runQuery !== null && typeof runCommand === 'object') {
    return require('./connections/executors.cjs').dbClientSQLExecutor(runQuery, runCommand);
  }
  // Not `async`: a driver that answers synchronously (SQLite runs statements inline)
  // gets its result back in one settled promise, without an extra await tick.
  const run = (runner, sql, options) => {
    try {
      throwIfAborted(options);
      const result = runner(sql, options);
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        return result.then(
          (settled) => applyMapping(settled, options),
          (error) => {
            throw asDumboError(error);
          },
        );
      }
      return Promise.resolve(applyMapping(result, options));
    } catch (error) {
      return Promise.reject(asDumboError(error));
    }
  };
  const query = (sql, options) => run(runQuery, sql, options);
  const command = (sql, options) => run(runCommand, sql, options);
  async function batchQuery(sqls, options) {
    const results = [];
    for (const sql of sqls) results.push(await query(sql, options));
    return results;
  }
  async function batchCommand(sqls, options) {
    const results = [];
    for (let i = 0; i < sqls.length; i++) {
      const result = await command(sqls[i], options);
      if (options?.assertChanges && !result.rowCount) throw new BatchCommandNoChangesError(i);
      results.push(result);
    }
    return results;
  }
  return { query, batchQuery, command, batchCommand };
}

module.exports = { sqlExecutor, applyMapping, asDumboError };
