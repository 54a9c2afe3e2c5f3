'use strict';
// pgSQLExecutor: the DbSQLExecutor that runs statements on a node-postgres client
// (a pg.Client or a pool client). Each statement is formatted by the PostgreSQL
// formatter into text + params and sent with client.query; rows come back as
// node-postgres parses them (its type parsers, not the native driver's). A formatter
// the user registered for PostgreSQL (registerFormatter) replaces the built-in one,
// as on the native driver.
const { BatchCommandNoChangesError } = require('../../errors.cjs');
const { mapPostgresError } = require('../../errorMappers.cjs');
const { applyMapping } = require('../../core/executor.cjs');
const { JSONSerializer } = require('../../serializer.cjs');
const { tracer, isSQLTracingOn } = require('../../tracing/tracer.cjs');
const { pgFormatter } = require('../formatter.cjs');
const { formatterOverrides } = require('../../sql/formatterRegistry.cjs');
const { PG_CONNECTOR } = require('../connection.cjs');

// Upstream's events: db:sql:query / db:sql:command before each statement and
// db:sql:batch_query / batch_command:execute:error with the driver's error.
function traceStatement(formatter, isCommand, sql, query, params, serializer) {
  const debugSQL = formatter.describe(sql, { serializer });
  tracer.info(isCommand ? 'db:sql:command' : 'db:sql:query', { query, params, debugSQL });
}

async function runBatch(client, sqls, serializer, options, isCommand) {
  if (!Array.isArray(sqls)) throw new TypeError('A batch expects an array of SQL statements');
  const results = new Array(sqls.length);
  // A plain SET, as upstream: it stays on this session after the batch.
  if (options?.timeoutMs) await client.query(`SET statement_timeout = ${Number(options.timeoutMs)}`);
  for (let i = 0; i < sqls.length; i++) {
    const formatter = formatterOverrides.PostgreSQL ?? pgFormatter;
    const { query, params } = formatter.format(sqls[i], { serializer });
    const tracing = isSQLTracingOn();
    if (tracing) traceStatement(formatter, isCommand, sqls[i], query, params, serializer);
    try {
      // Without params node-postgres uses the simple protocol, which also runs
      // several statements separated by semicolons.
      const result = params.length > 0 ? await client.query(query, params) : await client.query(query);
      results[i] = applyMapping({ rowCount: result.rowCount, rows: result.rows }, options);
      if (isCommand && options?.assertChanges && (results[i].rowCount ?? 0) === 0) {
        throw new BatchCommandNoChangesError(i);
      }
    } catch (error) {
      if (tracing) tracer.error(`db:sql:${isCommand ? 'batch_command' : 'batch_query'}:execute:error`, { error });
      throw mapPostgresError(error);
    }
  }
  return results;
}

/** @param {{ serializer?: JSONSerializer }} options */
function pgSQLExecutor({ serializer = JSONSerializer } = {}) {
  const batchQuery = (client, sqls, options) => runBatch(client, sqls, serializer, options, false);
  const batchCommand = (client, sqls, options) => runBatch(client, sqls, serializer, options, true);
  return {
    driverType: PG_CONNECTOR,
    query: async (client, sql, options) => (await batchQuery(client, [sql], options))[0],
    batchQuery,
    command: async (client, sql, options) => (await batchCommand(client, [sql], options))[0],
    batchCommand,
    formatter: pgFormatter,
  };
}

module.exports = { pgSQLExecutor };
