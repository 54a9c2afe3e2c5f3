'use strict';
// Index components (upstream core/schema/components/tableIndex): created inside a table.
const { InvalidOperationError } = require('../../errors.cjs');
const { SQL } = require('../../sql/tag.cjs');
const {
  haveSameTableReference,
  SQLIndexReference,
  SQLJSONDocumentIndexTarget,
  SQLJSONPathTarget,
  SQLTableReference,
} = require('../../sql/ddlTokens.cjs');
const { migrationName, schemaSegments } = require('../migrationName.cjs');
const { schemaComponent } = require('../schemaComponent.cjs');
const { sqlMigration } = require('../sqlMigration.cjs');

const indexComponentType = Symbol.for('dumbo.schemaComponent.index');

/** An index over a JSON path of a column: `(col #>> '{a,b}')` / `json_extract(col, '$.a.b')`. */
const jsonPathIndexTarget = (columnName, path) => Object.freeze({ targetType: 'jsonPath', columnName, path });

/** An index over a whole JSON document: GIN on PostgreSQL (btree when unique). */
const jsonDocumentIndexTarget = (columnName) => Object.freeze({ targetType: 'jsonDocument', columnName });

const indexMigrationName = (identifier, kind) =>
  migrationName(
    'index',
    kind,
    [...schemaSegments(identifier.databaseSchemaName), identifier.tableName, identifier.indexName],
    'create',
  );

function indexTargetSQL(index) {
  const target = index.target;
  if (target?.targetType === 'jsonDocument')
    return SQL`${SQLJSONDocumentIndexTarget.from({ columnName: target.columnName, isUnique: index.isUnique })}`;
  if (target?.targetType === 'jsonPath')
    return SQL`${SQLJSONPathTarget.from({
      columnName: target.columnName,
      path: typeof target.path === 'string' ? target.path.split('.') : target.path,
    })}`;
  return SQL`(${SQL.merge(
    index.columnNames.map((columnName) => SQL`${SQL.identifier(columnName)}`),
    ', ',
  )})`;
}

/** `CREATE [UNIQUE] INDEX IF NOT EXISTS <index> ON <table> <target>`, or the index's own `sql(context)`. */
function createIndexSQL(index, identifier) {
  const tableReference = SQL`${SQLTableReference.from({
    databaseSchemaName: identifier.databaseSchemaName,
    tableName: identifier.tableName,
  })}`;
  const indexReference = SQL`${SQLIndexReference.from({
    databaseSchemaName: identifier.databaseSchemaName,
    tableName: identifier.tableName,
    indexName: identifier.indexName,
  })}`;
  if (index.sql !== undefined) return index.sql({ ...identifier, tableReference, indexReference });
  const target = indexTargetSQL(index);
  return index.isUnique
    ? SQL`CREATE UNIQUE INDEX IF NOT EXISTS ${indexReference} ON ${tableReference} ${target}`
    : SQL`CREATE INDEX IF NOT EXISTS ${indexReference} ON ${tableReference} ${target}`;
}

/**
 * `indexComponent({ indexName, columnNames, isUnique, target?, sql?, kind?, migrations?,
 * tableReference? })`. Its migrations need the table: declare it in a table's `indexes`.
 */
function indexComponent(options) {
  const ownMigrations = () => {
    const tableReference = options.tableReference;
    if (tableReference === undefined)
      throw new InvalidOperationError(
        `Index "${options.indexName}" cannot be created outside a table. Declare it in the indexes of the table it belongs to`,
      );
    const identifier = {
      databaseSchemaName: tableReference.databaseSchemaName,
      tableName: tableReference.tableName,
      indexName: options.indexName,
    };
    if (options.migrations !== undefined) return options.migrations(SQLIndexReference.from(identifier));
    return [sqlMigration(indexMigrationName(identifier, options.kind), [createIndexSQL(options, identifier)])];
  };

  return {
    ...schemaComponent(indexComponentType, { migrations: ownMigrations }),
    indexName: options.indexName,
    indexTargetNames: Object.freeze([...(options.indexTargetNames ?? options.columnNames)]),
    columnNames: Object.freeze([...options.columnNames]),
    isUnique: options.isUnique,
    target: options.target,
    sql: options.sql,
    tableReference: options.tableReference,
    withTableReference(tableReference) {
      if (options.tableReference !== undefined && haveSameTableReference(options.tableReference, tableReference))
        return this;
      return indexComponent({ ...options, tableReference });
    },
  };
}

module.exports = {
  indexComponentType,
  indexComponent,
  createIndexSQL,
  jsonPathIndexTarget,
  jsonDocumentIndexTarget,
};
