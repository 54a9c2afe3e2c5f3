'use strict';
// Root exports of the schema, migration and lock modules. Loading it registers the
// PostgreSQL and SQLite database metadata (as upstream's root entry does); it loads no
// driver and no plugin.
require('./postgresqlMetadata.cjs');
require('./sqliteMetadata.cjs');

const { sqlMigration, haveSameSQL, combineMigrations } = require('./sqlMigration.cjs');
const schemaComponent = require('./schemaComponent.cjs');
const { schemaSegments, migrationName } = require('./migrationName.cjs');
const { columnComponentType, columnSchemaComponent } = require('./components/column.cjs');
const index = require('./components/index.cjs');
const table = require('./components/table.cjs');
const databaseSchema = require('./components/databaseSchema.cjs');
const { databaseComponentType, databaseComponent } = require('./components/database.cjs');
const { extensionComponentType, extensionComponent } = require('./components/extension.cjs');
const { dumboSchema, relationship } = require('./dumboSchema.cjs');
const databaseMetadata = require('./databaseMetadata.cjs');
const { runSQLMigrations, MIGRATIONS_LOCK_ID } = require('../migrations/migrator.cjs');
const keyed = require('./keyed/schemaComponent.cjs');
const keyedComponents = require('./keyed/components.cjs');
const urns = require('./keyed/urns.cjs');
const { migrationTableSchemaComponent, SchemaComponentMigrator } = require('./keyed/migrator.cjs');

/**
 * `databaseSchemaComponent` names a database schema here (`{ schemaName, tables? }`) and
 * a database in upstream beta.47 (`{ databaseName, schemas? }`): the options tell which.
 */
function databaseSchemaComponent(options) {
  const isDatabase =
    options !== null &&
    typeof options === 'object' &&
    !('schemaName' in options) &&
    ('databaseName' in options || 'schemas' in options);
  if (isDatabase) return keyedComponents.keyedDatabaseComponent(options);
  return databaseSchema.databaseSchemaComponent(options);
}
const { migrationTableComponentFor } = require('../migrations/migrationTable.cjs');
const {
  registerDefaultMigratorOptions,
  getDefaultMigratorOptionsFromRegistry,
} = require('../migrations/defaults.cjs');
const { NoDatabaseLock, defaultDatabaseLockOptions } = require('../locks/databaseLock.cjs');

module.exports = {
  // migrations
  runSQLMigrations,
  sqlMigration,
  combineMigrations,
  haveSameSQL,
  registerDefaultMigratorOptions,
  getDefaultMigratorOptionsFromRegistry,
  migrationTableComponentFor,
  migrationName,
  schemaSegments,
  // components
  schemaComponentType: schemaComponent.schemaComponentType,
  schemaComponent: schemaComponent.schemaComponent,
  schemaComponentMap: schemaComponent.schemaComponentMap,
  mergeSchemaComponentMaps: schemaComponent.mergeSchemaComponentMaps,
  dedupeMigrations: schemaComponent.dedupeMigrations,
  isSchemaComponent: schemaComponent.isSchemaComponent,
  columnComponentType,
  columnSchemaComponent,
  indexComponentType: index.indexComponentType,
  indexComponent: index.indexComponent,
  createIndexSQL: index.createIndexSQL,
  jsonPathIndexTarget: index.jsonPathIndexTarget,
  jsonDocumentIndexTarget: index.jsonDocumentIndexTarget,
  tableComponentType: table.tableComponentType,
  tableComponent: table.tableComponent,
  createTableSQL: table.createTableSQL,
  isTableComponent: table.isTableComponent,
  databaseSchemaComponentType: databaseSchema.databaseSchemaComponentType,
  databaseSchemaComponent,
  databaseComponentType,
  databaseComponent,
  extensionComponentType,
  extensionComponent,
  dumboSchema,
  relationship,
  // keyed components (upstream 0.13.0-beta.47)
  MIGRATIONS_LOCK_ID,
  isSchemaComponentOfType: keyed.isSchemaComponentOfType,
  filterSchemaComponentsOfType: keyed.filterSchemaComponentsOfType,
  mapSchemaComponentsOfType: keyed.mapSchemaComponentsOfType,
  findSchemaComponentsOfType: keyed.findSchemaComponentsOfType,
  indexSchemaComponent: keyedComponents.indexSchemaComponent,
  tableSchemaComponent: keyedComponents.tableSchemaComponent,
  databaseSchemaSchemaComponent: keyedComponents.databaseSchemaSchemaComponent,
  migrationTableSchemaComponent,
  SchemaComponentMigrator,
  ...urns,
  // metadata
  DumboDatabaseMetadataRegistry: databaseMetadata.DumboDatabaseMetadataRegistry,
  dumboDatabaseMetadataRegistry: databaseMetadata.dumboDatabaseMetadataRegistry,
  getDatabaseMetadata: databaseMetadata.getDatabaseMetadata,
  resolveDatabaseMetadata: databaseMetadata.resolveDatabaseMetadata,
  getDefaultDatabase: databaseMetadata.getDefaultDatabase,
  getDefaultDatabaseAsync: databaseMetadata.getDefaultDatabaseAsync,
  // locks
  NoDatabaseLock,
  defaultDatabaseLockOptions,
};
