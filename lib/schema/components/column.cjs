'use strict';
// Column components (as upstream's): a column
// is also an `SQL_COLUMN` token, so it renders inside `CREATE TABLE (...)`. A column
// fits both generations: it has the symbol kind and the key `sc:dumbo:column:<name>`.
// `migrations` keeps the generation it was given in: an array (or `components`: the
// keyed generation, upstream beta.47) or a function (symbol generation, the default).
const { schemaComponent, schemaComponentType } = require('../schemaComponent.cjs');
const { keyedSchemaComponent } = require('../keyed/schemaComponent.cjs');
const { ColumnURN } = require('../keyed/urns.cjs');

const columnComponentType = Symbol.for('dumbo.schemaComponent.column');

/** `columnSchemaComponent({ columnName, type, notNull?, primaryKey?, unique?, default?, migrations?, components? })` */
function columnSchemaComponent(params) {
  const { columnName, migrations, components, ...column } = params;
  const key = ColumnURN({ name: columnName });
  const base =
    Array.isArray(migrations) || components !== undefined
      ? { ...keyedSchemaComponent(key, { migrations, components }), [schemaComponentType]: columnComponentType }
      : { ...schemaComponent(columnComponentType, { migrations }), schemaComponentKey: key, components: new Map() };
  return {
    ...base,
    ...column,
    defaultValue: column.default,
    columnName,
    sqlTokenType: 'SQL_COLUMN',
    name: columnName,
  };
}

module.exports = { columnComponentType, columnSchemaComponent };
