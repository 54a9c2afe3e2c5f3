'use strict';
// Generated migration names (as upstream's):
// `type[:kind][:schema]:table[:index]:op`, segments URI-encoded, the default schema left out.
const { isDefaultDatabaseSchema } = require('../sql/ddlTokens.cjs');

const schemaSegments = (databaseSchemaName) =>
  isDefaultDatabaseSchema(databaseSchemaName) ? [] : [databaseSchemaName];

const migrationName = (type, kind, path, operation) =>
  [type, ...(kind === undefined ? [] : [encodeURIComponent(kind)]), ...path.map((s) => encodeURIComponent(s)), operation].join(
    ':',
  );

module.exports = { schemaSegments, migrationName };
