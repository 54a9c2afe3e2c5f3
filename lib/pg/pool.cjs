'use strict';
// Upstream's pgPool over the native driver:
// - default: a native pool shared per connection string + database and counted
//   (getPgPool/endPgPool); pool.execute borrows a client per statement;
// - pooled: false: every connection is its own client;
// - connection: an ambient Dumbo connection everything runs on;
// - client / pool: a caller's node-postgres pg.Client (or pool client) / pg.Pool
//   everything runs on (lib/pg/nodePg).
const { InvalidOperationError } = require('../errors.cjs');
const { binding } = require('../native.cjs');
const { sqlExecutor } = require('../core/executor.cjs');
const { throwIfAborted } = require('../core/abort.cjs');
const { resolvePgOptions } = require('./options.cjs');
const { pgConnection, runOn, PG_CONNECTOR } = require('./connection.cjs');
const { resultReader } = require('./rows.cjs');
const { nodePgPool } = require('./nodePg/pools.cjs');
const { endAllCachedPgPools } = require('./nodePg/poolCache.cjs');

const closedError = () => new InvalidOperationError('Connection pool has been closed');

/** How long close({ force: true }) waits for the aborted work to settle. */
const FORCE_DRAIN_MS = 5_000;

/** Counts work in flight so a graceful close can wait for it. */
function inFlight() {
  let count = 0;
  let idle = [];
  return {
    track(promise) {
      count++;
      const done = () => {
        if (--count === 0) for (const resolve of idle.splice(0)) resolve();
      };
      promise.then(done, done);
      return promise;
    },
    drained() {
      return count === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },
  };
}

function withDeadline(promise, ms) {
  if (typeof ms !== 'number') return promise;
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function pgPool(options) {
  if (options?.client || options?.pool) return nodePgPool(options);
  if (options?.connection) return pgAmbientConnectionPool({ connection: options.connection });
  const o = resolvePgOptions(options);
  return o.pooled ? pgNativePool(o) : pgClientPool(o);
}

/** The pool shape shared by the native and the client pool. */
function poolOver(o, { execute, newConnection, shutdown }) {
  const work = inFlight();
  let closed = false;
  let closing = null;
  const ensureOpen = () => {
    if (closed) throw closedError();
  };

  const connection = () =>
    pgConnection({
      acquire: newConnection,
      serializer: o.serializer,
      transactionDefaults: o.transactionOptions,
      track: work.track,
    });

  const pool = {
    driverType: PG_CONNECTOR,
    execute: sqlExecutor(
      (sql, options) => {
        ensureOpen();
        return work.track(execute(sql, options));
      },
      (sql, options) => {
        ensureOpen();
        return work.track(execute(sql, options));
      },
      { driverType: PG_CONNECTOR, serializer: o.serializer },
    ),
    async connection(opts) {
      throwIfAborted(opts);
      ensureOpen();
      return connection();
    },
    async withConnection(handle, opts) {
      throwIfAborted(opts);
      ensureOpen();
      const conn = connection();
      try {
        return await handle(conn, {});
      } finally {
        await conn.close();
      }
    },
    transaction(opts) {
      ensureOpen();
      return connection().transaction(opts, { releaseOnEnd: true });
    },
    async withTransaction(handle, opts) {
      throwIfAborted(opts);
      ensureOpen();
      const conn = connection();
      try {
        return await conn.withTransaction(handle, opts);
      } finally {
        await conn.close();
      }
    },
    close(opts) {
      if (closing) return closing;
      closed = true;
      closing = (async () => {
        if (opts?.force) {
          // Aborts the work in flight (running statements get a cancel request,
          // checked-out connections refuse further statements), then waits, at
          // most FORCE_DRAIN_MS, until it has settled: when close() resolves, none
          // of this pool's statements still runs on the server; skipping only the
          // wait would leave that work running past close().
          // The closed pool's connections then say goodbye (Terminate), those still
          // checked out when released; the native side bounds that wait.
          const ended = shutdown(true);
          await withDeadline(work.drained(), opts.closeDeadline ?? FORCE_DRAIN_MS);
          await ended;
        } else {
          await withDeadline(work.drained(), opts?.closeDeadline);
          await shutdown(false);
        }
      })();
      return closing;
    },
  };
  return pool;
}

/** The default: a shared native pool; each statement borrows a client. */
function pgNativePool(o) {
  const native = binding.PgPool.open(o.connectionString, o.native);
  const read = resultReader(o.serializer);
  function execute(sql, options) {
    const signal = options?.abort?.signal ?? options?.signal;
    if (!signal) return runOn(native, sql, options, read);
    return executeCancellable(sql, options);
  }
  async function executeCancellable(sql, options) {
    throwIfAborted(options);
    // Cancelling needs the client: check one out for this statement.
    const client = await native.connect();
    const state = {};
    try {
      return await runOn(client, sql, options, read, state);
    } finally {
      client.release(state.cancelled === true);
    }
  }
  return poolOver(o, {
    execute,
    newConnection: () => native.connect(),
    // Closing the shared pool (its last user, or force) also waits for its connections' goodbyes.
    shutdown: (force) => (native.close(force) ? native.terminated() : undefined),
  });
}

/** `pooled: false`: every connection (and every pool-level statement) is its own client. */
function pgClientPool(o) {
  // The clients open now, so that close({ force: true }) can abort their work as
  // the native pool does for its connections: cancel the running statement and
  // take the client away from its connection (later statements reject, and the
  // session closes once the statement in flight, if any, has ended).
  const open = new Set();
  let aborted = false;
  const connect = async () => {
    if (aborted) throw closedError();
    for (const n of open) if (n.isReleased) open.delete(n);
    const n = await binding.PgConnection.connectDirect(o.connectionString, o.native);
    if (aborted) {
      n.release(true);
      throw closedError();
    }
    open.add(n);
    return n;
  };
  const abort = () => {
    aborted = true;
    for (const n of open) {
      if (n.isReleased) continue;
      n.cancel().catch(() => {});
      n.release(true);
    }
    open.clear();
  };
  const read = resultReader(o.serializer);
  async function execute(sql, options) {
    throwIfAborted(options);
    const client = await connect();
    try {
      return await runOn(client, sql, options, read);
    } finally {
      client.release(true);
    }
  }
  return poolOver(o, {
    execute,
    newConnection: connect,
    shutdown: (force) => {
      if (force) abort();
    },
  });
}

/** A pool over a caller-owned connection: everything runs on it; close is a no-op. */
function pgAmbientConnectionPool({ connection }) {
  return {
    driverType: connection.driverType ?? PG_CONNECTOR,
    execute: connection.execute,
    connection: async () => connection,
    withConnection: async (handle) => handle(connection, {}),
    transaction: (opts) => connection.transaction(opts),
    withTransaction: (handle, opts) => connection.withTransaction(handle, opts),
    close: async () => {},
  };
}

/** Closes every shared native pool and every pg.Pool getPgPool cached (upstream endAllPgPools). */
const endAllPgPools = async () => {
  const [, ended] = await Promise.all([binding.endAllPgPools(), endAllCachedPgPools()]);
  return ended;
};

module.exports = { pgPool, pgAmbientConnectionPool, endAllPgPools };
