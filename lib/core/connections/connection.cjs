'use strict';
// Connections over a driver's client (as upstream's). A
// driver supplies `connect`/`close` (or `open`, or a ready `client`), an `executor`
// factory returning its DbSQLExecutor (methods take the client first) and
// `initTransaction(() => connection)` returning `(clientPromise, options) => transaction`.
const { throwIfAborted, never } = require('../abort.cjs');
const { dbClientSQLExecutor } = require('./executors.cjs');
const { transactionFactoryWithDbClient } = require('./transactionFactories.cjs');

/** `ready`, when given, returns the client once it is connected (see executors.cjs). */
function assemble({ driverType, open, close, initTransaction, executor, serializer, ready }) {
  const connection = {
    driverType,
    open,
    close,
    ...transactionFactoryWithDbClient(open, initTransaction(() => connection)),
    execute: dbClientSQLExecutor(executor({ serializer }), { connect: open, ready }),
    _transactionType: undefined,
  };
  return connection;
}

/** Connects lazily on first use, once; `close()` closes only a client it obtained. */
function createConnection(options) {
  const { connect, close } = options;
  let client = null;
  let connecting = null;
  const getClient = async (context) => {
    throwIfAborted(context);
    if (client) return client;
    connecting ??= connect(context ?? { abort: never }).then((connected) => {
      client = connected;
      return connected;
    });
    return connecting;
  };
  return assemble({
    ...options,
    open: getClient,
    close: () => (client ? close(client) : Promise.resolve()),
    ready: () => client ?? undefined,
  });
}

/** The same contract as createConnection: one lazily connected client. */
function createSingletonConnection(options) {
  return createConnection(options);
}

/** Over a caller-owned client: `open()` returns it, `close()` leaves it open. */
function createAmbientConnection(options) {
  const clientPromise = Promise.resolve(options.client);
  const open = (context) => {
    throwIfAborted(context);
    return clientPromise;
  };
  return assemble({ ...options, open, close: () => Promise.resolve() });
}

/** Every `open()` asks the driver again (after an abort check); `close` is the driver's. */
function createTransientConnection(options) {
  const open = (context) => {
    throwIfAborted(context);
    return options.open(context);
  };
  return assemble({ ...options, open, close: options.close });
}

module.exports = { createConnection, createSingletonConnection, createAmbientConnection, createTransientConnection };
