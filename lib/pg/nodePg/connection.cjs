'use strict';
// Dumbo connections over node-postgres clients: pgClientConnection (a pg.Client),
// pgPoolClientConnection (a pool client) and pgConnection choosing by `type`. The
// client comes from `connect()` on first use; `close(client)` gives it back.
const { createConnection } = require('../../core/connections/connection.cjs');
const { JSONSerializer } = require('../../serializer.cjs');
const { PG_CONNECTOR } = require('../connection.cjs');
const { pgSQLExecutor } = require('./executor.cjs');
const { pgTransaction } = require('./transaction.cjs');

function checkConnectionOptions(options, name) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${name} expects an options object`);
  for (const key of ['connect', 'close']) {
    if (typeof options[key] !== 'function') throw new TypeError(`${name} expects a '${key}' function`);
  }
}

function nodePgConnection(options, name) {
  checkConnectionOptions(options, name);
  const { connect, close, transactionOptions } = options;
  const serializer = options.serializer ?? JSONSerializer;
  return createConnection({
    driverType: PG_CONNECTOR,
    connect,
    close,
    initTransaction: (connection) => {
      const transactionFor = pgTransaction(connection, serializer);
      return (client, perCallOptions) => transactionFor(client, { ...(transactionOptions ?? {}), ...(perCallOptions ?? {}) });
    },
    executor: pgSQLExecutor,
    serializer,
  });
}

/** A connection over a pg.Client: `{ type: 'Client', connect, close, serializer, transactionOptions? }`. */
const pgClientConnection = (options) => nodePgConnection(options, 'pgClientConnection');

/** A connection over a pool client: `{ type: 'PoolClient', connect, close, serializer, transactionOptions? }`. */
const pgPoolClientConnection = (options) => nodePgConnection(options, 'pgPoolClientConnection');

function pgConnection(options) {
  return options?.type === 'Client' ? pgClientConnection(options) : pgPoolClientConnection(options);
}

module.exports = { pgClientConnection, pgPoolClientConnection, pgConnection };
