'use strict';
// Dumbo pools over a caller's node-postgres object. Statements run on that
// object, so they take part in whatever session and transaction it is in; closing
// the Dumbo pool leaves the object open (the caller ends it).
// - pgAmbientNativePool({ pool }): each connection borrows a client from the
//   pg.Pool (pool.connect()) and releases it on close; pool.execute borrows one
//   per call.
// - pgAmbientClientPool({ client }): every connection is that one client.
const { createConnectionPool } = require('../../core/connections/pool.cjs');
const { InvalidOperationError } = require('../../errors.cjs');
const { PG_CONNECTOR } = require('../connection.cjs');
const { JSONSerializer } = require('../../serializer.cjs');
const { pgConnection } = require('./connection.cjs');
const { checkNodePgObject, resolveNodePgOptions } = require('./options.cjs');

/**
 * After close() every operation rejects (transaction() throws) as on the native
 * pools; upstream's close is a no-op that leaves the pool usable. The caller's
 * object is never closed, and work already running finishes on it.
 */
function refusingAfterClose(pool) {
  let closed = false;
  const closedError = () => new InvalidOperationError('Connection pool has been closed');
  const whileOpen =
    (operation) =>
    (...args) =>
      closed ? Promise.reject(closedError()) : operation(...args);
  return {
    ...pool,
    execute: {
      query: whileOpen(pool.execute.query),
      batchQuery: whileOpen(pool.execute.batchQuery),
      command: whileOpen(pool.execute.command),
      batchCommand: whileOpen(pool.execute.batchCommand),
    },
    connection: whileOpen(pool.connection),
    withConnection: whileOpen(pool.withConnection),
    withTransaction: whileOpen(pool.withTransaction),
    transaction: (options) => {
      if (closed) throw closedError();
      return pool.transaction(options);
    },
    close: async () => {
      closed = true;
    },
  };
}

/** @param {{ pool?: any, serializer?: any, transactionOptions?: object }} [options] */
function pgAmbientNativePool({ pool, serializer = JSONSerializer, transactionOptions } = {}) {
  checkNodePgObject('pool', pool);
  const built = createConnectionPool({
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
  return refusingAfterClose(built);
}

/** @param {{ client?: any, serializer?: any, transactionOptions?: object }} [options] */
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
  return refusingAfterClose(
    createConnectionPool({
      driverType: PG_CONNECTOR,
      connection: () => Promise.resolve(getConnection()),
      getConnection,
    }),
  );
}

/** pgPool's `{ client }` / `{ pool }` options (upstream: pgAmbientClientPool / pgAmbientNativePool). */
function nodePgPool(options) {
  const { kind, object, serializer, transactionOptions } = resolveNodePgOptions(options);
  return kind === 'client'
    ? pgAmbientClientPool({ client: object, serializer, transactionOptions })
    : pgAmbientNativePool({ pool: object, serializer, transactionOptions });
}

module.exports = { pgAmbientNativePool, pgAmbientClientPool, nodePgPool };
