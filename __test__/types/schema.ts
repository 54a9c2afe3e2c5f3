// Compile-only checks of the schema, migration, metadata and lock API (npm run test:types).
import {
  SQL,
  runSQLMigrations,
  sqlMigration,
  combineMigrations,
  haveSameSQL,
  registerDefaultMigratorOptions,
  getDefaultMigratorOptionsFromRegistry,
  migrationTableComponentFor,
  schemaComponent,
  tableComponent,
  columnSchemaComponent,
  indexComponent,
  databaseSchemaComponent,
  databaseComponent,
  extensionComponent,
  dumboSchema,
  jsonPathIndexTarget,
  getDatabaseMetadata,
  getDefaultDatabase,
  NoDatabaseLock,
  getFormatter,
  registerFormatter,
  DefaultDatabaseSchemaName,
  SQLTableReference,
  type MigratorOptions,
  type RunSQLMigrationsResult,
  type SQLMigration,
  type DatabaseLock,
  type TableRowType,
  type KindSchemaComponent,
  type StoragePlugin,
} from '@event-driven-io/dumbo';
import { dumbo as sqlite } from '@event-driven-io/dumbo/sqlite3';
import {
  DefaultSQLiteMigratorOptions,
  tableExists as sqliteTableExists,
  indexExists,
  sqliteTableName,
  sqliteMetadata,
} from '@event-driven-io/dumbo/sqlite';
import { dumbo as pg } from '@event-driven-io/dumbo/pg';
import {
  AdvisoryLock,
  advisoryLock,
  acquireAdvisoryLock,
  tryAcquireAdvisoryLock,
  releaseAdvisoryLock,
  tableExists,
  functionExists,
  postgreSQLMetadata,
  DefaultPostgreSQLMigratorOptions,
} from '@event-driven-io/dumbo/postgresql';

export async function schemaUsage(): Promise<void> {
  const pool = sqlite({ fileName: ':memory:' });
  const migrations: SQLMigration[] = [
    sqlMigration('001_users', [SQL`CREATE TABLE users (id INTEGER PRIMARY KEY)`]),
    sqlMigration('002_seed', [SQL`INSERT INTO users (id) VALUES (${1})`], { ignoreHashMismatch: true }),
  ];
  const result: RunSQLMigrationsResult = await runSQLMigrations(pool, migrations, {
    dryRun: true,
    migrationTable: { schemaName: 'infra', tableName: 'app_migrations' },
    migrationTimeoutMs: 1000,
  });
  const names: string[] = result.applied.map((m) => m.name);
  void names;
  const all: SQL[] = combineMigrations(...migrations);
  const same: boolean = haveSameSQL(migrations[0]!, migrations[1]!);
  void all;
  void same;
  // @ts-expect-error a migration needs sqls
  sqlMigration('x');

  const options: MigratorOptions = getDefaultMigratorOptionsFromRegistry('SQLite:sqlite3');
  registerDefaultMigratorOptions('SQLite', { ...options, lock: { databaseLock: NoDatabaseLock } });
  const lite: MigratorOptions = DefaultSQLiteMigratorOptions;
  const pgDefaults: MigratorOptions = DefaultPostgreSQLMigratorOptions;
  void lite;
  void pgDefaults;

  const users = tableComponent({
    tableName: 'users',
    columns: {
      id: columnSchemaComponent({ columnName: 'id', type: SQL.column.type.Text, primaryKey: true }),
      age: columnSchemaComponent({ columnName: 'age', type: SQL.column.type.Integer }),
      data: columnSchemaComponent({ columnName: 'data', type: SQL.column.type.JSONB<{ a: string }>(), notNull: true }),
    },
    indexes: {
      byData: indexComponent({
        indexName: 'users_data_idx',
        columnNames: ['data'],
        isUnique: false,
        target: jsonPathIndexTarget('data', ['a']),
      }),
    },
  });
  type Row = TableRowType<typeof users>;
  const row: Row = { id: 'x', age: null, data: { a: 'b' } };
  void row;
  // @ts-expect-error age is number | null
  const bad: Row = { id: 'x', age: 'old', data: { a: 'b' } };
  void bad;

  const crm = databaseSchemaComponent({ schemaName: 'crm', tables: { users } });
  const db = databaseComponent({ databaseName: 'app', schemas: { crm } });
  const found = db.findTable({ tableName: 'users', databaseSchemaName: 'crm' });
  void found?.fullName.tableName;
  const ext = extensionComponent('audit', { tables: { users } });
  const shortcut = dumboSchema.database('app', {
    tables: {
      orders: dumboSchema.table('orders', {
        columns: { id: dumboSchema.column('id', SQL.column.type.AutoIncrement({ primaryKey: true }), { primaryKey: true }) },
        indexes: { byId: dumboSchema.index('orders_id_idx', ['id'], { unique: true }) },
      }),
    },
    extensions: { ext },
  });
  const component: KindSchemaComponent = shortcut;
  void component.migrations();
  void migrationTableComponentFor({ schemaName: 'infra' }).fullName;
  void schemaComponent(Symbol('custom'), { migrations: () => migrations });
  void SQLTableReference.from({ databaseSchemaName: DefaultDatabaseSchemaName, tableName: 'users' });
  void SQL.column({ name: 'id', type: SQL.column.type.Varchar(20), notNull: true, default: 'x' });
  void SQL.format(SQL`SELECT 1`, 'PostgreSQL').query;
  void SQL.describe(SQL`SELECT 1`, getFormatter('SQLite:sqlite3'));
  registerFormatter('PostgreSQL', getFormatter('PostgreSQL'));

  const exists: boolean = await sqliteTableExists(pool.execute, 'users');
  const idx: boolean = await indexExists(pool.execute, 'users_data_idx');
  void exists;
  void idx;
  void sqliteTableName({ databaseSchemaName: 'crm', tableName: 'users' });
  const main: 'main' = sqliteMetadata.defaultDatabaseName;
  void main;
  void getDatabaseMetadata('PostgreSQL:pg')?.capabilities.supportsSchemas;
  const defaultDb: string | undefined = getDefaultDatabase('SQLite');
  void defaultDb;
  await pool.close();

  const postgres = pg({ connectionString: 'postgresql://localhost/app' });
  await postgres.withTransaction(async (tx) => {
    await acquireAdvisoryLock(tx.execute, { lockId: 1 });
    const got: boolean = await tryAcquireAdvisoryLock(tx.execute, { lockId: 2, timeoutMs: 100, mode: 'Session' });
    const released: boolean = await releaseAdvisoryLock(tx.execute, { lockId: 2 });
    void got;
    void released;
    const lock = advisoryLock(tx.execute, { lockId: 3n });
    const value: number = await lock.withAcquire(async () => 1, { mode: 'Session' });
    void value;
    const dbLock: DatabaseLock = AdvisoryLock;
    await dbLock.withAcquire(tx.execute, async () => undefined, { lockId: 4 });
    // @ts-expect-error unknown mode
    await acquireAdvisoryLock(tx.execute, { lockId: 1, mode: 'Forever' });
    void (await tableExists(tx.execute, 'users'));
    void (await functionExists(tx.execute, 'now'));
  });
  const pgName: string = postgreSQLMetadata.parseDatabaseName('postgresql://localhost/app');
  void pgName;
  await postgres.close();

  const plugin: Pick<StoragePlugin, 'defaultMigratorOptions'> = { defaultMigratorOptions: DefaultPostgreSQLMigratorOptions };
  void plugin;
}
