'use strict';
// Option 1: `import '@acme/dumbo-better-sqlite3/register'` registers the
// 'SQLite:better-sqlite3' plugin as a side effect. The root dumbo() uses it for
// `connector: 'SQLite:better-sqlite3'`; SQLite strings without a connector stay with
// the built-in driver.
const betterSqlite3 = require('./index.cjs');

betterSqlite3.registerBetterSqlite3();

module.exports = betterSqlite3;
