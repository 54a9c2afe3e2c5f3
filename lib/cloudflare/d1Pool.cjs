'use strict';
// d1Pool: a singleton pool around one d1Connection (a D1 binding is already shared
// and has nothing to open), as upstream. SQLite options D1 cannot honour are refused.
const { InvalidOperationError } = require('../errors.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { createSingletonConnectionPool } = require('../core/connections/pool.cjs');
const { d1Connection, D1DriverType } = require('./d1Connection.cjs');

// SQLite client options a D1 binding has no counterpart for.
const UNSUPPORTED = {
  pragmaOptions: 'D1 manages its own pragmas',
  defaultTransactionMode: 'D1 has no BEGIN modes; use transactionOptions: { mode: "session_based" }',
};

function refuseUnsupported(options) {
  for (const [name, reason] of Object.entries(UNSUPPORTED)) {
    if (options[name] !== undefined) {
      throw new InvalidOperationError(`d1Pool does not support the '${name}' option: ${reason}`);
    }
  }
  if (options.readonly === true) {
    throw new InvalidOperationError("d1Pool does not support the 'readonly' option: a D1 binding cannot be opened read-only");
  }
}

function isD1Binding(database) {
  return database !== null && typeof database === 'object' && typeof database.prepare === 'function';
}

function connectionFor(options) {
  if (options.connection || options.transaction || options.client) return d1Connection(options);
  if (options.database === undefined || options.database === null) {
    throw new InvalidOperationError('D1 database or connection is required');
  }
  if (!isD1Binding(options.database)) {
    throw new InvalidOperationError('D1 database must be a D1 binding (an object with prepare(), batch() and withSession())');
  }
  return d1Connection(options);
}

function d1Pool(options) {
  refuseUnsupported(options ?? {});
  const connectionOptions = { ...options, serializer: JSONSerializer.from(options) };
  return createSingletonConnectionPool({
    driverType: D1DriverType,
    getConnection: () => connectionFor(connectionOptions),
  });
}

module.exports = { d1Pool };
