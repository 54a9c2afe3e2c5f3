'use strict';
// SQL migrations (upstream core/schema/sqlMigration.ts).
const { JSONSerializer } = require('../serializer.cjs');

/** `{ name, sqls, ...options }`; `options.ignoreHashMismatch` keeps a changed migration skipped. */
const sqlMigration = (name, sqls, options) => ({ name, sqls, ...options });

/** Whether two migrations carry the same SQL (their statements serialized as JSON). */
const haveSameSQL = (a, b) => JSONSerializer.serialize(a.sqls) === JSONSerializer.serialize(b.sqls);

/** All statements of the given migrations, in order. */
const combineMigrations = (...migrations) => migrations.flatMap((m) => m.sqls);

module.exports = { sqlMigration, haveSameSQL, combineMigrations };
