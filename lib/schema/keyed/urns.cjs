'use strict';
// Schema component keys ("URNs") of the keyed generation (upstream core/schema/components).
const ColumnURNType = 'sc:dumbo:column';
const IndexURNType = 'sc:dumbo:index';
const TableURNType = 'sc:dumbo:table';
const DatabaseSchemaURNType = 'sc:dumbo:database_schema';
const DatabaseURNType = 'sc:dumbo:database';

const ColumnURN = ({ name }) => `${ColumnURNType}:${name}`;
const IndexURN = ({ name }) => `${IndexURNType}:${name}`;
const TableURN = ({ name }) => `${TableURNType}:${name}`;
const DatabaseSchemaURN = ({ name }) => `${DatabaseSchemaURNType}:${name}`;
const DatabaseURN = ({ name }) => `${DatabaseURNType}:${name}`;

const schemaComponentURN = {
  database: DatabaseURN,
  schema: DatabaseSchemaURN,
  table: TableURN,
  column: ColumnURN,
  index: IndexURN,
  /** The last `:`-separated segment ('' for none). */
  extractName: (urn) => {
    const parts = urn.split(':');
    return parts[parts.length - 1] || '';
  },
};

module.exports = {
  ColumnURNType,
  ColumnURN,
  IndexURNType,
  IndexURN,
  TableURNType,
  TableURN,
  DatabaseSchemaURNType,
  DatabaseSchemaURN,
  DatabaseURNType,
  DatabaseURN,
  schemaComponentURN,
};
