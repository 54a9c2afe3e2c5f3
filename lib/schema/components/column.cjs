'use strict';
// Column components (upstream core/schema/components/columns): a column is also an
// `SQL_COLUMN` token, so it renders inside `CREATE TABLE (...)`.
const { schemaComponent } = require('../schemaComponent.cjs');

const columnComponentType = Symbol.for('dumbo.schemaComponent.column');

/** `columnSchemaComponent({ columnName, type, notNull?, primaryKey?, unique?, default?, migrations? })`. */
function columnSchemaComponent(params) {
  const { columnName, migrations, ...column } = params;
  return {
    ...schemaComponent(columnComponentType, { migrations }),
    ...column,
    columnName,
    sqlTokenType: 'SQL_COLUMN',
    name: columnName,
  };
}

module.exports = { columnComponentType, columnSchemaComponent };
