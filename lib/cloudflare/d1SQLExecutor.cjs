'use strict';
// d1SQLExecutor: upstream's DbSQLExecutor for D1 ({ query(client, sql, options), ... }),
// every error mapped by mapD1Error.
const { sqliteFormatter } = require('../sqlite/formatter.cjs');
const { mapD1Error } = require('./errorMapper.cjs');

const D1DriverType = 'SQLite:d1';

const mapped = (run) => async (client, sql, options) => {
  try {
    return await run(client, sql, options);
  } catch (error) {
    throw mapD1Error(error);
  }
};

function d1SQLExecutor() {
  return {
    driverType: D1DriverType,
    formatter: sqliteFormatter,
    query: mapped((client, sql, options) => client.query(sql, options)),
    batchQuery: mapped((client, sqls, options) => client.batchQuery(sqls, options)),
    command: mapped((client, sql, options) => client.command(sql, options)),
    batchCommand: mapped((client, sqls, options) => client.batchCommand(sqls, options)),
  };
}

module.exports = { d1SQLExecutor, D1DriverType };
