'use strict';
// The migration ledger as a schema component, as upstream's: `dmb_migrations` by default, in an
// optional schema (created first on PostgreSQL, folded into the name on SQLite).
const { SQL } = require('../sql/tag.cjs');
const { columnSchemaComponent } = require('../schema/components/column.cjs');
const { databaseSchemaComponent } = require('../schema/components/databaseSchema.cjs');
const { tableComponent } = require('../schema/components/table.cjs');

const DEFAULT_MIGRATIONS_TABLE = 'dmb_migrations';

/**
 * The ledger component; `fullName` is its table reference token.
 * @param {{ schemaName?: string, tableName?: string }} [options]
 */
function migrationTableComponentFor({ schemaName, tableName = DEFAULT_MIGRATIONS_TABLE } = {}) {
  const { AutoIncrement, Varchar, Timestamp } = SQL.column.type;
  const migrationTable = tableComponent({
    tableName,
    databaseSchemaName: schemaName,
    columns: {
      id: columnSchemaComponent({ columnName: 'id', type: AutoIncrement({ primaryKey: true }) }),
      name: columnSchemaComponent({ columnName: 'name', type: Varchar(255), notNull: true, unique: true }),
      application: columnSchemaComponent({
        columnName: 'application',
        type: Varchar(255),
        notNull: true,
        default: 'default',
      }),
      sql_hash: columnSchemaComponent({ columnName: 'sql_hash', type: Varchar(64), notNull: true }),
      timestamp: columnSchemaComponent({
        columnName: 'timestamp',
        type: Timestamp,
        notNull: true,
        default: SQL.plain('CURRENT_TIMESTAMP'),
      }),
    },
  });
  if (schemaName === undefined) return migrationTable;
  const schema = databaseSchemaComponent({ schemaName, tables: { [tableName]: migrationTable } });
  return { ...schema, fullName: migrationTable.fullName };
}

module.exports = { migrationTableComponentFor, DEFAULT_MIGRATIONS_TABLE };
