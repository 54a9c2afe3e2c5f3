'use strict';
// Builds an SQLExecutor (query, batchQuery, command, batchCommand) from a driver's
// single-statement runners. Batches run sequentially and stop at the first error;
// `assertChanges` raises BatchCommandNoChangesError(index) on a statement that
// changed nothing, as upstream's executors do.
const { BatchCommandNoChangesError, DumboError } = require('../errors.cjs');
const { mapSQLQueryResult } = require('../query.cjs');
const { throwIfAborted } = require('./abort.cjs');
const { settledNow } = require('./settledNow.cjs');
const { isSQLTracingOn } = require('../tracing/tracer.cjs');
const { traceStatement, traceStatementError } = require('../tracing/sqlTrace.cjs');

/**
 * A panic in a synchronous native call reaches JS (through napi-rs' catch_unwind) as
 * a plain Error with code 'GenericFailure', which no `instanceof DumboError` check or
 * retry policy recognises: the binding turns it into the DumboError an asynchronous
 * panic rejects with (its rule lives in Rust), with the original as its cause.
 * Everything else, DumboErrors and TypeErrors included, passes through unchanged.
 */
function asDumboError(error) {
  if (error instanceof Error && 'code' in error && error.code === 'GenericFailure' && !DumboError.isInstanceOf(error)) {
    return require('../native.cjs').binding.nativePanicError(error.message, error);
  }
  return error;
}

function applyMapping(result, options) {
  const mapping = options?.mapping;
  if (!mapping) return result;
  return { rowCount: result.rowCount, rows: result.rows.map((row) => mapSQLQueryResult(row, mapping)) };
}

function failed(error, errorKind) {
  const mapped = asDumboError(error);
  if (isSQLTracingOn()) traceStatementError(errorKind, mapped);
  return mapped;
}

/**
 * Two forms:
 * - sqlExecutor(runQuery, runCommand, trace?): from single-statement runners
 *   ((sql, options) => QueryResult | Promise<QueryResult>); `trace` { driverType?,
 *   serializer? } says how the SQL trace (DUMBO_LOG_LEVEL=INFO) renders statements, the
 *   PostgreSQL formatter when no driverType is given;
 * - sqlExecutor(dbExecutor, { connect, close? }) (upstream's): from a driver's
 *   DbSQLExecutor whose methods take the client first, on `connect()`'s client.
 */
function sqlExecutor(runQuery, runCommand, trace) {
  if (typeof runQuery === 'object' && runQuery !== null && typeof runCommand === 'object') {
    return require('./connections/executors.cjs').dbClientSQLExecutor(runQuery, runCommand);
  }
  // Not `async`: a driver that answers synchronously (SQLite runs statements inline)
  // gets its result back in one settled promise, without an extra await tick.
  // Tracing off costs one cached boolean per statement (lib/tracing/tracer.cjs).
  const run = (runner, sql, options, kind, errorKind) => {
    try {
      throwIfAborted(options);
      if (isSQLTracingOn()) traceStatement(kind, sql, trace);
      const result = runner(sql, options);
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        return result.then(
          (settled) => applyMapping(settled, options),
          (error) => {
            throw failed(error, errorKind);
          },
        );
      }
      return settledNow(Promise.resolve(applyMapping(result, options)));
    } catch (error) {
      return settledNow(Promise.reject(failed(error, errorKind)));
    }
  };
  const query = (sql, options) => run(runQuery, sql, options, 'query', 'query');
  const command = (sql, options) => run(runCommand, sql, options, 'command', 'command');
  async function batchQuery(sqls, options) {
    const results = [];
    for (const sql of sqls) results.push(await run(runQuery, sql, options, 'query', 'batch_query'));
    return results;
  }
  async function batchCommand(sqls, options) {
    const results = [];
    for (let i = 0; i < sqls.length; i++) {
      const result = await run(runCommand, sqls[i], options, 'command', 'batch_command');
      if (options?.assertChanges && !result.rowCount) throw new BatchCommandNoChangesError(i);
      results.push(result);
    }
    return results;
  }
  return { query, batchQuery, command, batchCommand };
}

module.exports = { sqlExecutor, applyMapping, asDumboError };
