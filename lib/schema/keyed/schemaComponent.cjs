'use strict';
// Keyed schema components (the generation published Dumbo 0.13.0-beta.47 and Pongo
// 0.17.0-beta.47 use): a string key such as
// 'sc:dumbo:table:users', a Map of child components by key, and `migrations` as an
// array (a getter: own migrations, then every child's, in insertion order; no dedupe).
// A symbol-kind component (this package's other generation) can be a child: its
// migrations() is called where an array is expected.

/** The migrations of a component of either generation, as an array. */
function migrationsOf(component) {
  const migrations = component?.migrations;
  if (typeof migrations === 'function') return [...migrations.call(component)];
  return Array.isArray(migrations) ? migrations : [];
}

/** `schemaComponent(key, { migrations?: SQLMigration[], components? })`. */
function keyedSchemaComponent(key, options = {}) {
  if (options.migrations !== undefined && !Array.isArray(options.migrations))
    throw new TypeError(`schemaComponent('${key}'): migrations must be an array of SQL migrations`);
  const componentsMap = new Map(options.components?.map((comp) => [comp.schemaComponentKey, comp]));
  const migrations = [...(options.migrations ?? [])];
  return {
    schemaComponentKey: key,
    components: componentsMap,
    get migrations() {
      return [...migrations, ...Array.from(componentsMap.values()).flatMap(migrationsOf)];
    },
    addComponent: (component) => {
      componentsMap.set(component.schemaComponentKey, component);
      migrations.push(...migrationsOf(component));
      return component;
    },
    addMigration: (migration) => {
      migrations.push(migration);
    },
  };
}

const keyOf = (component) => (typeof component?.schemaComponentKey === 'string' ? component.schemaComponentKey : '');

const isSchemaComponentOfType = (component, prefix) => keyOf(component).startsWith(prefix);

/** The entries whose key starts with `prefix`, re-keyed by `keyMapper(component)` when given. */
const mapSchemaComponentsOfType = (components, prefix, keyMapper) =>
  new Map(
    Array.from(components.entries())
      .filter(([urn]) => urn.startsWith(prefix))
      .map(([urn, component]) => [keyMapper ? keyMapper(component) : urn, component]),
  );

const filterSchemaComponentsOfType = (components, prefix) => mapSchemaComponentsOfType(components, prefix);

/** Every component of the tree under `root` (root included) whose key starts with `prefix`, depth first. */
function findSchemaComponentsOfType(root, prefix) {
  const results = [];
  const traverse = (component) => {
    if (keyOf(component).startsWith(prefix)) results.push(component);
    if (component.components instanceof Map) for (const child of component.components.values()) traverse(child);
  };
  traverse(root);
  return results;
}

module.exports = {
  migrationsOf,
  keyedSchemaComponent,
  isSchemaComponentOfType,
  mapSchemaComponentsOfType,
  filterSchemaComponentsOfType,
  findSchemaComponentsOfType,
};
