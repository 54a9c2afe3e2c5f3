'use strict';
// d1Connection: an ambient SQLite connection over one d1Client (a D1 binding has nothing
// to open or close), whose transactions are d1Transaction's, plus d1Session/withD1Session.
const { sqliteAmbientClientConnection } = require('../sqlite/factories.cjs');
const { d1Client } = require('./d1Client.cjs');
const { D1DriverType } = require('./d1SQLExecutor.cjs');
const { d1Transaction } = require('./d1Transaction.cjs');
const { mapD1Error } = require('./errorMapper.cjs');

function d1Connection(options) {
  const connection =
    options.connection ??
    options.transaction?.connection ??
    sqliteAmbientClientConnection({
      driverType: D1DriverType,
      client: options.client ?? d1Client(options),
      initTransaction: (conn) => d1Transaction(conn, options.serializer, options.transactionOptions),
      serializer: options.serializer,
      errorMapper: mapD1Error,
    });
  connection.d1Session = async (constraintOrBookmark) => {
    const sessionClient = await (await connection.open()).withSession(constraintOrBookmark);
    return d1Connection({ ...options, connection: undefined, transaction: undefined, client: sessionClient });
  };
  connection.withD1Session = async (handle, sessionOptions) => {
    const sessionConnection = await connection.d1Session(sessionOptions);
    try {
      return await handle(sessionConnection);
    } finally {
      await sessionConnection.close();
    }
  };
  return connection;
}

module.exports = { d1Connection, D1DriverType };
