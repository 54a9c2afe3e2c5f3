'use strict';
// Option 1: `import '@acme/dumbo-duckdb/register'` registers the 'DuckDB:nodejs'
// plugin as a side effect; from then on the root dumbo() picks it for duckdb:
// connection strings and returns its pools directly.
const duckdb = require('./index.cjs');

duckdb.registerDuckDB();

module.exports = duckdb;
