// Compile-only checks of the keyed schema components (upstream 0.13.0-beta.47, written as
// Pongo's source writes them) and of tracing.
import {
  SQL,
  sqlMigration,
  runSQLMigrations,
  combineMigrations,
  schemaComponent,
  columnSchemaComponent,
  indexSchemaComponent,
  tableSchemaComponent,
  databaseSchemaSchemaComponent,
  databaseSchemaComponent,
  tableComponent,
  migrationTableSchemaComponent,
  SchemaComponentMigrator,
  isSchemaComponentOfType,
  findSchemaComponentsOfType,
  mapSchemaComponentsOfType,
  filterSchemaComponentsOfType,
  schemaComponentURN,
  ColumnURN,
  TableURN,
  TableURNType,
  IndexURNType,
  DatabaseURN,
  DatabaseSchemaURN,
  MIGRATIONS_LOCK_ID,
  tracer,
  LogLevel,
  LogStyle,
  color,
  prettyJson,
  type SchemaComponent,
  type AnySchemaComponent,
  type AnySchemaComponentOfType,
  type SchemaComponentOptions,
  type SchemaComponentType,
  type DumboSchemaComponentType,
  type ExtractAdditionalData,
  type KindSchemaComponent,
  type TableSchemaComponent,
  type IndexSchemaComponent,
  type AnyDatabaseSchemaSchemaComponent,
  type AnyTableSchemaComponent,
  type KeyedDatabaseComponent,
  type TableURN as TableURNKey,
  type ColumnURN as ColumnURNKey,
  type SQLMigration,
  type RunSQLMigrationsResult,
  type LogLevel as LogLevelType,
  type LogStyle as LogStyleType,
} from '@event-driven-io/dumbo';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';

// Pongo 0.17.0-beta.47's component types and factories.
type PongoCollectionSchemaComponent = SchemaComponent<
  `sc:pongo:collection:${string}`,
  { collectionName: string; definition: { name: string } }
>;
type PongoDatabaseSchemaComponent = SchemaComponent<
  `sc:dumbo:database:${string}`,
  { collections: ReadonlyArray<PongoCollectionSchemaComponent>; definition: { name: string } }
>;
const PongoCollectionSchemaComponent = ({
  definition,
  migrationsOrSchemaComponents,
}: {
  definition: { name: string };
  migrationsOrSchemaComponents: SchemaComponentOptions;
}): PongoCollectionSchemaComponent => ({
  ...schemaComponent(`sc:pongo:collection:${definition.name}`, migrationsOrSchemaComponents),
  definition,
  collectionName: definition.name,
});
const PongoDatabaseSchemaComponent = (names: string[]): PongoDatabaseSchemaComponent => {
  const collections = names.map((name) =>
    PongoCollectionSchemaComponent({
      definition: { name },
      migrationsOrSchemaComponents: { migrations: [sqlMigration(`c:${name}`, [SQL`SELECT 1`])] },
    }),
  );
  return {
    ...schemaComponent(`sc:dumbo:database:db`, { components: collections }),
    collections,
    definition: { name: 'db' },
  };
};

export async function keyedUsage(): Promise<void> {
  const pool = dumbo({ fileName: ':memory:' });
  const db = PongoDatabaseSchemaComponent(['users']);
  const migrations: ReadonlyArray<SQLMigration> = db.migrations;
  const result: RunSQLMigrationsResult = await runSQLMigrations(pool, db.migrations, { dryRun: true });
  void result.applied;
  await runSQLMigrations(pool, db);
  await runSQLMigrations(pool, [db.collections[0]!, sqlMigration('x', [SQL`SELECT 1`])]);
  await runSQLMigrations(pool, migrations, { schema: { migrationTable: migrationTableSchemaComponent } });
  const sqls: SQL[] = combineMigrations(...db.migrations);
  void combineMigrations(db, tableComponent({ tableName: 't' }));
  void sqls;

  const key: 'sc:app:x' = schemaComponent('sc:app:x', {}).schemaComponentKey;
  void key;
  const kind: KindSchemaComponent = schemaComponent(Symbol('k'), { migrations: () => [] });
  void kind.migrations();

  const id = columnSchemaComponent({ columnName: 'id', type: SQL.column.type.Integer, migrations: [] });
  const idKey: ColumnURNKey<'id'> = id.schemaComponentKey;
  void idKey;
  const plain = columnSchemaComponent({ columnName: 'name', type: 'TEXT' });
  void plain.migrations();
  const ix: IndexSchemaComponent = indexSchemaComponent({ indexName: 'ix', columnNames: ['id'], isUnique: false });
  const users = tableSchemaComponent({ tableName: 'users', columns: { id }, primaryKey: ['id'], components: [ix] });
  const tableName: 'users' = users.tableName;
  const usersKey: TableURNKey = users.schemaComponentKey;
  void [tableName, usersKey, users.columns.id, users.indexes.get('ix')];
  const table: AnyTableSchemaComponent = users;
  const schema: AnyDatabaseSchemaSchemaComponent = databaseSchemaSchemaComponent({ schemaName: 'public', tables: { users } });
  const publicTables: { users: typeof users } = schema.tables;
  void publicTables;
  const database: KeyedDatabaseComponent<{ public: typeof schema }> = databaseSchemaComponent({
    databaseName: 'app',
    schemas: { public: schema },
  });
  void database.schemas;
  const found: TableSchemaComponent[] = findSchemaComponentsOfType<TableSchemaComponent>(database, TableURNType);
  const indexes = mapSchemaComponentsOfType<IndexSchemaComponent>(table.components, IndexURNType, (c) => c.indexName);
  const filtered: ReadonlyMap<string, AnySchemaComponent> = filterSchemaComponentsOfType(table.components, 'sc:');
  const any: AnySchemaComponent = db;
  if (isSchemaComponentOfType<AnyTableSchemaComponent>(any, TableURNType)) void any.tableName;
  void [found, indexes, filtered];
  void [schemaComponentURN.extractName(TableURN({ name: 'x' })), ColumnURN({ name: 'c' }), DatabaseURN({ name: 'd' })];
  const schemaKey: `sc:dumbo:database_schema:${'s'}` = DatabaseSchemaURN({ name: 's' });
  void schemaKey;
  const lockId: 999956789 = MIGRATIONS_LOCK_ID;
  void lockId;

  const migrator = SchemaComponentMigrator(db, pool);
  await migrator.run({ dryRun: true });
  await SchemaComponentMigrator(kind, pool).run();

  type Pongo = SchemaComponentType<'pongo:collection'>;
  const pongoKey: Pongo = 'sc:pongo:collection';
  const dumboKey: DumboSchemaComponentType<'table'> = 'sc:dumbo:table';
  const ofType: AnySchemaComponentOfType<'sc:x'> = schemaComponent('sc:x', {});
  type Extra = ExtractAdditionalData<PongoCollectionSchemaComponent>;
  void [pongoKey, dumboKey, ofType, null as unknown as Extra];

  // @ts-expect-error a symbol kind takes migrations as a function
  schemaComponent(Symbol('k'), { migrations: [] });
  await pool.close();
}

export function tracingUsage(): void {
  tracer.info('app:event', { id: 1 });
  tracer.error('app:failed', { error: new Error('x') });
  tracer();
  const level: LogLevelType = LogLevel.INFO;
  const style: LogStyleType = LogStyle.PRETTY;
  void [level, style];
  color.level = 0;
  const text: string = color.hex('#ffffff')(color.red('r')) + prettyJson({ a: 1 }, { handleMultiline: true });
  void text;
  // @ts-expect-error levels are upstream's names
  const wrong: LogLevelType = 'DEBUG';
  void wrong;
}
