'use strict';
// node-postgres (`pg`) is an optional peer dependency: it is loaded on first use,
// by the helpers that need its classes (instanceof checks, new pg.Pool). Passing
// a pg.Pool or pg.Client to dumbo() needs only the object itself.
const { InvalidOperationError } = require('../../errors.cjs');

let loaded;

/** The `pg` module, or an InvalidOperationError saying how to install it. */
function loadPg(what) {
  if (loaded) return loaded;
  try {
    const pg = require('pg');
    loaded = /** @type {any} */ (pg).default ?? pg;
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new InvalidOperationError(
      `${what} needs node-postgres, the optional peer dependency 'pg': install it with \`npm install pg\``,
      error,
    );
  }
  return loaded;
}

const isObject = (value) => value !== null && typeof value === 'object';

/** Whether the object is a pg.Pool (instanceof, as upstream). */
const isPgNativePool = (poolOrClient) => poolOrClient instanceof loadPg('isPgNativePool').Pool;

/** Whether the object is a pg.Client; a pool client is one too (pg-pool creates pg.Clients). */
const isPgClient = (poolOrClient) => poolOrClient instanceof loadPg('isPgClient').Client;

/** Whether the object can be released to its pool (a pg.PoolClient). */
const isPgPoolClient = (poolOrClient) =>
  isObject(poolOrClient) && 'release' in poolOrClient && typeof poolOrClient.release === 'function';

/**
 * Runs `handle` on a client: a pg.Pool lends one and gets it back afterwards; a
 * client is used as it is.
 */
async function pgExecute(poolOrClient, handle) {
  if (typeof handle !== 'function') throw new TypeError('pgExecute expects a handle function');
  const fromPool = poolOrClient instanceof loadPg('pgExecute').Pool;
  const client = fromPool ? await poolOrClient.connect() : poolOrClient;
  try {
    return await handle(client);
  } finally {
    if (fromPool && isPgPoolClient(client)) client.release();
  }
}

const INT8_OID = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * Installs type parsers on one node-postgres client: int8 (BIGINT, COUNT(*)) as
 * BigInt with `parseBigInts: true`; json and jsonb through `serializer.deserialize`.
 */
function setPgTypeParser(client, options) {
  if (!isObject(client) || typeof client.setTypeParser !== 'function') {
    throw new TypeError('setPgTypeParser expects a pg.Client or pg.PoolClient');
  }
  if (options?.parseBigInts === true) client.setTypeParser(INT8_OID, (value) => BigInt(value));
  const serializer = options?.serializer;
  if (serializer) {
    client.setTypeParser(JSONB_OID, (value) => serializer.deserialize(value));
    client.setTypeParser(JSON_OID, (value) => serializer.deserialize(value));
  }
}

module.exports = { loadPg, isPgNativePool, isPgClient, isPgPoolClient, pgExecute, setPgTypeParser };
