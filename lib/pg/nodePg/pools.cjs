'use strict';
// Dumbo pools over a caller's node-postgres object. Statements run on that
// object, so they take part in whatever session and transaction it is in; closing
// the Dumbo pool leaves the object open (the caller ends it).
// - pgAmbientNativePool({ pool }): each connection borrows a client from the
//   pg.Pool (pool.connect()) and releases it on close; pool.execute borrows one
//   per call.
// - pgAmbientClientPool({ client }): every connection is that one client.
const { createConnectionPool } = require('../../core/connections/pool.cjs');
const { PG_CONNECTOR } = require('../connection.cjs');
const { JSONSerializer } = require('../../serializer.cjs');
const { pgConnection } = require('./connection.cjs');
const { checkNodePgObject, resolveNodePgOptions } = require('./options.cjs');

function pgAmbientNativePool({ pool, serializer = JSONSerializer, transactionOptions } = {}) {
  checkNodePgObject('pool', pool);
  return createConnectionPool({
    driverType: PG_CONNECTOR,
    getConnection: () =>
      pgConnection({
        type: 'PoolClient',
        connect: () => pool.connect(),
        close: (client) => Promise.resolve(client.release()),
        serializer,
        ...(transactionOptions ? { transactionOptions } : {}),
      }),
  });
}

function pgAmbientClientPool({ client, serializer = JSONSerializer, transactionOptions } = {}) {
  checkNodePgObject('client', client);
  const getConnection = () =>
    pgConnection({
      type: 'Client',
      connect: () => Promise.resolve(client),
      close: () => Promise.resolve(),
      serializer,
      ...(transactionOptions ? { transactionOptions } : {}),
    });
  return createConnectionPool({
    driverType: PG_CONNECTOR,
    connection: () => Promise.resolve(getConnection()),
    close: () => Promise.resolve(),
    getConnection,
  });
}

/** pgPool's `{ client }` / `{ pool }` options (upstream: pgAmbientClientPool / pgAmbientNativePool). */
function nodePgPool(options) {
  const { kind, object, serializer, transactionOptions } = resolveNodePgOptions(options);
  return kind === 'client'
    ? pgAmbientClientPool({ client: object, serializer, transactionOptions })
    : pgAmbientNativePool({ pool: object, serializer, transactionOptions });
}

module.exports = { pgAmbientNativePool, pgAmbientClientPool, nodePgPool };
