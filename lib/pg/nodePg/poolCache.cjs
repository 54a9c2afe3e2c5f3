'use strict';
// A process-wide cache of node-postgres pools, one per connection string and
// database, with a usage counter: getPgPool counts a user in, endPgPool counts one
// out and ends the pg.Pool when none is left (or at once with `force`).
const { parseDatabaseName, defaultPostgreSqlDatabase } = require('../connectionString.cjs');
const { loadPg } = require('./pgModule.cjs');

const pools = new Map();
const usageCounter = new Map();

const key = (connectionString, database) => `${connectionString}|${database ?? defaultPostgreSqlDatabase}`;

function updatePoolUsageCounter(lookupKey, by) {
  const counter = (usageCounter.get(lookupKey) ?? 0) + by;
  usageCounter.set(lookupKey, counter);
  return counter;
}

/** The shared pg.Pool for a connection string (or pg.PoolConfig), created on first use. */
function getPgPool(connectionStringOrOptions) {
  const asString = typeof connectionStringOrOptions === 'string';
  if (!asString && (connectionStringOrOptions === null || typeof connectionStringOrOptions !== 'object')) {
    throw new TypeError('getPgPool expects a connection string or a pg.PoolConfig object');
  }
  const poolOptions = asString ? { connectionString: connectionStringOrOptions } : connectionStringOrOptions;
  const { connectionString } = poolOptions;
  const database =
    poolOptions.database ?? (connectionString ? (parseDatabaseName(connectionString) ?? defaultPostgreSqlDatabase) : undefined);
  const lookupKey = key(connectionString, database);
  const pg = loadPg('getPgPool');
  updatePoolUsageCounter(lookupKey, 1);
  let pool = pools.get(lookupKey);
  if (!pool) {
    pool = new pg.Pool(poolOptions);
    pools.set(lookupKey, pool);
  }
  return pool;
}

/** Ends a pg.Pool and forgets it; an error while ending is swallowed. */
async function onEndPool(lookupKey, pool) {
  try {
    await pool.end();
  } catch {
    // the pool is gone either way (upstream traces 'connection-closing-error')
  }
  pools.delete(lookupKey);
}

/**
 * Counts one user of a cached pg.Pool out; ends it when none is left or with `force`.
 * @param {{ connectionString?: string, database?: string, force?: boolean }} [options]
 */
async function endPgPool({ connectionString, database, force } = {}) {
  if (typeof connectionString !== 'string') {
    throw new TypeError('endPgPool expects { connectionString, database?, force? }');
  }
  const db = database ?? parseDatabaseName(connectionString) ?? undefined;
  const lookupKey = key(connectionString, db);
  const pool = pools.get(lookupKey);
  if (pool && (updatePoolUsageCounter(lookupKey, -1) <= 0 || force === true)) await onEndPool(lookupKey, pool);
}

/** Ends every cached pg.Pool. */
const endAllCachedPgPools = () =>
  Promise.all([...pools.entries()].map(([lookupKey, pool]) => onEndPool(lookupKey, pool)));

module.exports = { getPgPool, endPgPool, onEndPool, endAllCachedPgPools };
