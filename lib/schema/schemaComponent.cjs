'use strict';
// Schema components (as upstream's): a component's own
// migrations first, then its children's in declaration order, de-duplicated by name.
const { binding } = require('../native.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { keyedSchemaComponent, migrationsOf } = require('./keyed/schemaComponent.cjs');

/** The key under which a component stores its kind (a symbol per component type). */
const schemaComponentType = Symbol.for('dumbo.schemaComponent.type');

/** A frozen null-prototype copy of a record of components. */
const schemaComponentMap = (record) => Object.freeze(Object.assign(Object.create(null), record));

const mergeSchemaComponentMaps = (...records) => schemaComponentMap(Object.assign({}, ...records));

/**
 * Collapses migrations by name, keeping the first in declaration order; the same name
 * with different SQL throws InvalidOperationError('Duplicate migration name "<name>" in
 * schema component tree'). The comparison and ordering run in Rust (dumbo-sql).
 */
function dedupeMigrations(migrations) {
  if (migrations.length < 2) return [...migrations];
  const names = migrations.map((m) => m.name);
  const fingerprints = migrations.map((m) => JSONSerializer.serialize(m.sqls));
  return binding.dedupeMigrations(names, fingerprints).map((i) => migrations[i]);
}

/**
 * Two generations, told apart by the first argument (docs/schema.md):
 * - `schemaComponent(key: string, { migrations?: SQLMigration[], components? })`: the keyed
 *   component of published Dumbo 0.13.0-beta.47 (keyed/schemaComponent.cjs);
 * - `schemaComponent(kind: symbol, { migrations?: () => SQLMigration[], components? })`: a
 *   component whose `migrations()` returns its own and its children's migrations, deduped.
 * Children of either generation fit in both.
 * @overload
 * @param {symbol} kindOrKey
 * @param {{ migrations?: () => any[], components?: readonly any[] }} [options]
 * @returns {{ migrations: () => any[] }}
 */
/**
 * @overload
 * @param {string} kindOrKey
 * @param {{ migrations?: readonly any[], components?: readonly any[] }} [options]
 * @returns {{ migrations: any[] }}
 */
/**
 * @param {symbol | string} kindOrKey
 * @param {{ migrations?: any, components?: readonly any[] }} [options]
 */
function schemaComponent(kindOrKey, options = {}) {
  if (typeof kindOrKey === 'string') return keyedSchemaComponent(kindOrKey, options);
  if (typeof kindOrKey !== 'symbol')
    throw new TypeError('schemaComponent expects a string key (such as "sc:app:users") or a symbol kind');
  if (options.migrations !== undefined && typeof options.migrations !== 'function')
    throw new TypeError(
      'schemaComponent(kind: symbol, ...) expects migrations as a function returning SQL migrations; ' +
        'pass a string key for an array',
    );
  const children = Object.freeze([...(options.components ?? [])]);
  return {
    [schemaComponentType]: kindOrKey,
    migrations: () =>
      dedupeMigrations([...(options.migrations?.() ?? []), ...children.flatMap((child) => migrationsOf(child))]),
  };
}

/** The symbol kind of a component of the symbol generation, else undefined. */
const kindOf = (component) => component?.[schemaComponentType];

const isSchemaComponent = (value) =>
  typeof value === 'object' &&
  value !== null &&
  schemaComponentType in value &&
  'migrations' in value &&
  typeof value.migrations === 'function';

module.exports = {
  schemaComponentType,
  schemaComponent,
  kindOf,
  schemaComponentMap,
  mergeSchemaComponentMaps,
  dedupeMigrations,
  isSchemaComponent,
};
