'use strict';
// The statement and transaction events the executor and the transaction state machine
// emit when isSQLTracingOn(): db:sql:query / db:sql:command with { query, params,
// debugSQL } (the statement as the driver's formatter renders it), db:sql:<kind>:execute:error
// with { error }, db:transaction:begin|commit|rollback with { driverType, level }.
const { JSONSerializer } = require('../serializer.cjs');
const { tracer } = require('./tracer.cjs');

function formatterFor(driverType) {
  const { tryGetFormatter } = require('../sql/formatterRegistry.cjs');
  return tryGetFormatter(driverType ?? 'PostgreSQL');
}

/** kind: 'query' | 'command'; trace: { driverType?, serializer?, formatter? } given to sqlExecutor. */
function traceStatement(kind, sql, trace) {
  const formatter = trace?.formatter ?? formatterFor(trace?.driverType);
  const serializer = trace?.serializer ?? JSONSerializer;
  const { query, params } = formatter.format(sql, { serializer });
  tracer.info(`db:sql:${kind}`, { query, params, debugSQL: formatter.describe(sql, { serializer }) });
}

/** kind: 'query' | 'command' | 'batch_query' | 'batch_command'. */
const traceStatementError = (kind, error) => tracer.error(`db:sql:${kind}:execute:error`, { error });

const traceTransaction = (step, driverType, level) => tracer.info(`db:transaction:${step}`, { driverType, level });

module.exports = { traceStatement, traceStatementError, traceTransaction };
