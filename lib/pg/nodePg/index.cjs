'use strict';
// What '/pg' exports for node-postgres objects (upstream storage/postgresql/pg).
const { isPgNativePool, isPgClient, isPgPoolClient, pgExecute, setPgTypeParser } = require('./pgModule.cjs');
const { pgSQLExecutor } = require('./executor.cjs');
const { pgTransaction } = require('./transaction.cjs');
const { pgConnection, pgClientConnection, pgPoolClientConnection } = require('./connection.cjs');
const { pgAmbientNativePool, pgAmbientClientPool } = require('./pools.cjs');
const { getPgPool, endPgPool, onEndPool } = require('./poolCache.cjs');

module.exports = {
  isPgNativePool,
  isPgClient,
  isPgPoolClient,
  pgExecute,
  setPgTypeParser,
  pgSQLExecutor,
  pgTransaction,
  pgConnection,
  pgClientConnection,
  pgPoolClientConnection,
  pgAmbientNativePool,
  pgAmbientClientPool,
  getPgPool,
  endPgPool,
  onEndPool,
};
