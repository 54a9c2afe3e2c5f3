'use strict';
// Upstream's SQL migrations.
const { JSONSerializer } = require('../serializer.cjs');

/** `{ name, sqls, ...options }`; `options.ignoreHashMismatch` keeps a changed migration skipped. */
const sqlMigration = (name, sqls, options) => ({ name, sqls, ...options });

/** Whether two migrations carry the same SQL (their statements serialized as JSON). */
const haveSameSQL = (a, b) => JSONSerializer.serialize(a.sqls) === JSONSerializer.serialize(b.sqls);

/**
 * All statements of the given migrations, in order. A schema component of either
 * generation (keyed, with a `migrations` array, or symbol-kind, with `migrations()`)
 * contributes its migrations' statements.
 */
const combineMigrations = (...migrations) =>
  migrations.flatMap((m) => (Array.isArray(m?.sqls) ? m.sqls : migrationsOfComponent(m).flatMap((c) => c.sqls)));

function migrationsOfComponent(component) {
  const { migrationsOf } = require('./keyed/schemaComponent.cjs');
  const migrations = migrationsOf(component);
  if (migrations.length === 0 && component?.migrations === undefined)
    throw new TypeError('combineMigrations expects SQL migrations ({ name, sqls }) or schema components');
  return migrations;
}

module.exports = { sqlMigration, haveSameSQL, combineMigrations };
