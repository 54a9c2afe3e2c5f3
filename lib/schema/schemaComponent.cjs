'use strict';
// Schema components (upstream core/schema/schemaComponent.ts): a component's own
// migrations first, then its children's in declaration order, de-duplicated by name.
const { binding } = require('../native.cjs');
const { JSONSerializer } = require('../serializer.cjs');

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

/** `schemaComponent(kind, { migrations?: () => SQLMigration[], components? })`. */
function schemaComponent(kind, options = {}) {
  const children = Object.freeze([...(options.components ?? [])]);
  return {
    [schemaComponentType]: kind,
    migrations: () =>
      dedupeMigrations([...(options.migrations?.() ?? []), ...children.flatMap((child) => child.migrations())]),
  };
}

const isSchemaComponent = (value) =>
  typeof value === 'object' &&
  value !== null &&
  schemaComponentType in value &&
  'migrations' in value &&
  typeof value.migrations === 'function';

module.exports = {
  schemaComponentType,
  schemaComponent,
  schemaComponentMap,
  mergeSchemaComponentMaps,
  dedupeMigrations,
  isSchemaComponent,
};
