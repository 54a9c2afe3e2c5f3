// Schema tokens and components (reference 5.6, 7.2): the SQL each dialect renders, the
// generated migration names, SQLite's logical-schema folding and the component errors.
// No database: the formatters alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  DefaultDatabaseSchemaName,
  SQLTableReference,
  SQLIndexReference,
  SQLRenameTable,
  SQLCreateSchema,
  SQLJSONPathTarget,
  InvalidOperationError,
  NotRegisteredError,
  createIndexSQL,
  createTableSQL,
  columnSchemaComponent,
  databaseComponent,
  databaseSchemaComponent,
  dedupeMigrations,
  dumboSchema,
  extensionComponent,
  haveSameSQL,
  combineMigrations,
  indexComponent,
  isSchemaComponent,
  jsonDocumentIndexTarget,
  jsonPathIndexTarget,
  migrationName,
  migrationTableComponentFor,
  schemaComponent,
  schemaComponentType,
  sqlMigration,
  tableComponent,
} from '@event-driven-io/dumbo';
import { pgFormatter } from '@event-driven-io/dumbo/postgresql';
import { sqliteFormatter, sqliteTableName, sqliteIndexName } from '@event-driven-io/dumbo/sqlite';

const pg = (sql) => pgFormatter.format(sql).query;
const lite = (sql) => sqliteFormatter.format(sql).query;
const names = (component) => component.migrations().map((m) => m.name);
const ddl = (component, format) => component.migrations().flatMap((m) => m.sqls.map(format));

const invalidOperation = (message) => (error) => {
  assert.ok(error instanceof InvalidOperationError, `got ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.message, message);
  return true;
};

const { Text, Integer, JSONB, Varchar, AutoIncrement, Timestamp, Boolean: Bool } = SQL.column.type;

describe('the migration ledger table', () => {
  it('renders the upstream DDL on PostgreSQL and SQLite', () => {
    assert.deepEqual(ddl(migrationTableComponentFor(), pg), [
      "CREATE TABLE IF NOT EXISTS dmb_migrations (id SERIAL PRIMARY KEY, name VARCHAR (255) NOT NULL UNIQUE, application VARCHAR (255) NOT NULL DEFAULT 'default', sql_hash VARCHAR (64) NOT NULL, timestamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    ]);
    assert.deepEqual(ddl(migrationTableComponentFor(), lite), [
      "CREATE TABLE IF NOT EXISTS dmb_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR (255) NOT NULL UNIQUE, application VARCHAR (255) NOT NULL DEFAULT 'default', sql_hash VARCHAR (64) NOT NULL, timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    ]);
    assert.deepEqual(names(migrationTableComponentFor()), ['table:dmb_migrations:create']);
  });

  it('creates its schema first on PostgreSQL and folds it into the name on SQLite', () => {
    const ledger = migrationTableComponentFor({ schemaName: 'infra' });
    assert.deepEqual(names(ledger), ['schema:infra:create', 'table:infra:dmb_migrations:create']);
    const [schemaPg, tablePg] = ddl(ledger, pg);
    assert.equal(schemaPg, 'CREATE SCHEMA IF NOT EXISTS infra');
    assert.ok(tablePg.startsWith('CREATE TABLE IF NOT EXISTS infra.dmb_migrations ('));
    const [schemaLite, tableLite] = ddl(ledger, lite);
    assert.equal(schemaLite, '');
    assert.ok(tableLite.startsWith('CREATE TABLE IF NOT EXISTS "infra.dmb_migrations" ('));
    assert.deepEqual(SQLTableReference.check(ledger.fullName), true);
    assert.equal(ledger.fullName.tableName, 'dmb_migrations');
  });

  it('takes a custom table name', () => {
    const ledger = migrationTableComponentFor({ tableName: 'app_migrations' });
    assert.deepEqual(names(ledger), ['table:app_migrations:create']);
    assert.ok(ddl(ledger, pg)[0].startsWith('CREATE TABLE IF NOT EXISTS app_migrations ('));
  });
});

describe('schema tokens', () => {
  const crmUsers = { databaseSchemaName: 'crm', tableName: 'users' };

  it('table references: qualified on PostgreSQL, folded on SQLite, bare in the default schema', () => {
    assert.equal(pg(SQL`${SQLTableReference.from(crmUsers)}`), 'crm.users');
    assert.equal(lite(SQL`${SQLTableReference.from(crmUsers)}`), '"crm.users"');
    const inDefault = SQLTableReference.from({ databaseSchemaName: DefaultDatabaseSchemaName, tableName: 'users' });
    assert.equal(pg(SQL`${inDefault}`), 'users');
    assert.equal(lite(SQL`${inDefault}`), 'users');
    assert.equal(pg(SQL`${SQLTableReference.from({ databaseSchemaName: 'order', tableName: 'user' })}`), '"order"."user"');
  });

  it('index references, CREATE SCHEMA and renames', () => {
    const index = SQLIndexReference.from({ ...crmUsers, indexName: 'users_email_idx' });
    assert.equal(pg(SQL`${index}`), 'users_email_idx');
    assert.equal(lite(SQL`${index}`), '"crm.users_email_idx"');
    assert.equal(pg(SQL`${SQLCreateSchema.from({ databaseSchemaName: 'crm' })}`), 'CREATE SCHEMA IF NOT EXISTS crm');
    assert.equal(lite(SQL`${SQLCreateSchema.from({ databaseSchemaName: 'crm' })}`), '');
    assert.equal(pg(SQL`${SQLCreateSchema.from({ databaseSchemaName: DefaultDatabaseSchemaName })}`), '');
    const rename = SQLRenameTable.from({ table: SQLTableReference.from(crmUsers), newTableName: 'archived_users' });
    assert.equal(pg(SQL`${rename}`), 'ALTER TABLE crm.users RENAME TO archived_users');
    assert.equal(lite(SQL`${rename}`), 'ALTER TABLE "crm.users" RENAME TO "crm.archived_users"');
  });

  it('SQLite rejects native names containing a dot', () => {
    const reserved = (kind) => `SQLite ${kind} names containing . are reserved for logical schema mapping`;
    assert.throws(
      () => lite(SQL`${SQLTableReference.from({ databaseSchemaName: 'crm', tableName: 'a.b' })}`),
      invalidOperation(reserved('table')),
    );
    assert.throws(
      () => lite(SQL`${SQLTableReference.from({ databaseSchemaName: 'c.rm', tableName: 'users' })}`),
      invalidOperation(reserved('database schema')),
    );
    assert.throws(
      () => lite(SQL`${SQLIndexReference.from({ databaseSchemaName: 'crm', tableName: 'users', indexName: 'a.idx' })}`),
      invalidOperation(reserved('index')),
    );
    assert.throws(() => sqliteTableName({ databaseSchemaName: 'crm', tableName: 'a.b' }), invalidOperation(reserved('table')));
    assert.throws(
      () => sqliteIndexName({ databaseSchemaName: 'x.y', indexName: 'idx' }),
      invalidOperation(reserved('database schema')),
    );
    assert.equal(sqliteTableName({ databaseSchemaName: 'crm', tableName: 'users' }), 'crm.users');
    assert.equal(sqliteTableName({ databaseSchemaName: DefaultDatabaseSchemaName, tableName: 'users' }), 'users');
    assert.equal(sqliteIndexName({ databaseSchemaName: 'crm', indexName: 'users_idx' }), 'crm.users_idx');
    assert.equal(sqliteIndexName({ indexName: 'users_idx' }), 'users_idx');
    assert.throws(() => sqliteTableName({ databaseSchemaName: 'crm' }), TypeError);
    assert.throws(() => sqliteIndexName({ databaseSchemaName: 7, indexName: 'idx' }), TypeError);
    // PostgreSQL has real schemas: a dotted name is just quoted.
    assert.equal(pg(SQL`${SQLTableReference.from({ databaseSchemaName: 'crm', tableName: 'a.b' })}`), 'crm."a.b"');
  });

  it('JSON path targets per dialect', () => {
    const target = SQLJSONPathTarget.from({ columnName: 'data', path: ['profile', 'email'] });
    assert.equal(pg(SQL`${target}`), "((data #>> '{profile,email}'))");
    assert.equal(lite(SQL`${target}`), "(json_extract(data, '$.profile.email'))");
  });
});

describe('columns', () => {
  const column = (props) => SQL`${SQL.column(props)}`;

  it('maps column types per dialect', () => {
    const types = [
      [AutoIncrement({ primaryKey: true }), 'SERIAL PRIMARY KEY', 'INTEGER PRIMARY KEY AUTOINCREMENT'],
      [AutoIncrement({ primaryKey: true, bigint: true }), 'BIGSERIAL PRIMARY KEY', 'INTEGER PRIMARY KEY AUTOINCREMENT'],
      [SQL.column.type.BigInteger, 'BIGINT', 'INTEGER'],
      [SQL.column.type.BigSerial, 'BIGSERIAL', 'INTEGER'],
      [Bool, 'BOOLEAN', 'INTEGER'],
      [Integer, 'INTEGER', 'INTEGER'],
      [SQL.column.type.JSON(), 'JSONB', 'TEXT'],
      [JSONB(), 'JSONB', 'BLOB'],
      [SQL.column.type.Serial, 'SERIAL', 'INTEGER'],
      [Text, 'TEXT', 'TEXT'],
      [Timestamp, 'TIMESTAMP', 'DATETIME'],
      [SQL.column.type.Timestamptz, 'TIMESTAMPTZ', 'DATETIME'],
      [Varchar(40), 'VARCHAR (40)', 'VARCHAR (40)'],
      [Varchar('max'), 'VARCHAR', 'VARCHAR'],
      [Varchar(), 'VARCHAR', 'VARCHAR'],
      ['citext', 'citext', 'citext'],
    ];
    for (const [type, onPg, onLite] of types) {
      assert.equal(pg(column({ name: 'c', type })), `c ${onPg}`);
      assert.equal(lite(column({ name: 'c', type })), `c ${onLite}`);
    }
  });

  it('renders constraints and inline defaults', () => {
    assert.equal(
      pg(column({ name: 'name', type: Varchar(255), primaryKey: true, notNull: true, unique: true, default: "it's" })),
      "name VARCHAR (255) PRIMARY KEY NOT NULL UNIQUE DEFAULT 'it''s'",
    );
    const defaults = [
      [SQL.plain('CURRENT_TIMESTAMP'), 'CURRENT_TIMESTAMP'],
      [null, 'NULL'],
      [true, 'TRUE'],
      [false, 'FALSE'],
      [42, '42'],
      [1.5, '1.5'],
      [12345678901234567890n, '12345678901234567890'],
      [new Date('2023-05-15T12:00:00Z'), "'2023-05-15T12:00:00.000Z'"],
      [{ title: "director's cut" }, `'{"title":"director''s cut"}'`],
    ];
    for (const [value, expected] of defaults) {
      assert.equal(lite(column({ name: 'd', type: Text, default: value })), `d TEXT DEFAULT ${expected}`);
    }
    assert.equal(lite(column({ name: 'd', type: Text, default: undefined })), 'd TEXT');
  });

  it('rejects other SQL tokens as defaults and unknown column types', () => {
    assert.throws(
      () => pg(column({ name: 'd', type: Text, default: SQL.identifier('x') })),
      invalidOperation('Unsupported SQL token "SQL_IDENTIFIER" as a column default'),
    );
    assert.throws(
      () => pg(column({ name: 'd', type: { sqlTokenType: 'SQL_COLUMN_MONEY' } })),
      (error) =>
        error instanceof NotRegisteredError &&
        error.message === 'No SQL processor registered for column type: SQL_COLUMN_MONEY',
    );
  });

  it('a column component is a column token', () => {
    const id = columnSchemaComponent({ columnName: 'id', type: Text, primaryKey: true });
    assert.equal(id.name, 'id');
    assert.equal(id.sqlTokenType, 'SQL_COLUMN');
    assert.ok(isSchemaComponent(id));
    assert.deepEqual(id.migrations(), []);
    assert.equal(pg(SQL`${id}`), 'id TEXT PRIMARY KEY');
  });
});

describe('tables and indexes', () => {
  const usersTable = (options = {}) =>
    tableComponent({
      tableName: 'users',
      columns: {
        _id: dumboSchema.column('_id', Text, { primaryKey: true, notNull: true }),
        email: dumboSchema.column('email', Text, { notNull: true }),
        data: dumboSchema.column('data', JSONB()),
      },
      indexes: { email: dumboSchema.index('users_email_idx', ['email'], { unique: true }) },
      ...options,
    });

  it('generates create-table and create-index migrations in the default schema', () => {
    const users = usersTable();
    assert.deepEqual(names(users), ['table:users:create', 'index:users:users_email_idx:create']);
    assert.deepEqual(ddl(users, pg), [
      'CREATE TABLE IF NOT EXISTS users (_id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL, data JSONB)',
      'CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (email)',
    ]);
    assert.deepEqual(ddl(users, lite), [
      'CREATE TABLE IF NOT EXISTS users (_id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL, data BLOB)',
      'CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON users (email)',
    ]);
  });

  it('places tables in a schema: qualified on PostgreSQL, folded on SQLite', () => {
    const users = usersTable().withDatabaseSchemaName('crm');
    assert.deepEqual(names(users), ['table:crm:users:create', 'index:crm:users:users_email_idx:create']);
    assert.deepEqual(ddl(users, pg)[1], 'CREATE UNIQUE INDEX IF NOT EXISTS users_email_idx ON crm.users (email)');
    assert.deepEqual(ddl(users, lite), [
      'CREATE TABLE IF NOT EXISTS "crm.users" (_id TEXT PRIMARY KEY NOT NULL, email TEXT NOT NULL, data BLOB)',
      'CREATE UNIQUE INDEX IF NOT EXISTS "crm.users_email_idx" ON "crm.users" (email)',
    ]);
  });

  it('a table with no columns creates nothing; kinds and encoded segments go into names', () => {
    assert.deepEqual(tableComponent({ tableName: 'empty' }).migrations(), []);
    assert.deepEqual(names(tableComponent({ tableName: 'users', databaseSchemaName: 'crm', kind: 'event_store', columns: { id: dumboSchema.column('id', Text) } })), [
      'table:event_store:crm:users:create',
    ]);
    assert.equal(migrationName('table', undefined, ['a:b', '%3A'], 'create'), 'table:a%3Ab:%253A:create');
    assert.equal(migrationName('schema', 'k', ['crm'], 'create'), 'schema:k:crm:create');
  });

  it('custom migrations replace only the create migration; indexes are still generated', () => {
    const custom = sqlMigration('users:custom', [SQL`CREATE TABLE users (id TEXT)`]);
    const users = usersTable({ migrations: (fullName) => (assert.equal(fullName.tableName, 'users'), [custom]) });
    assert.deepEqual(names(users), ['users:custom', 'index:users:users_email_idx:create']);
  });

  it('rename emits only ALTER TABLE and the indexes on the new name', () => {
    const renamed = usersTable().withDatabaseSchemaName('crm').rename('archived_users');
    assert.equal(renamed.tableName, 'archived_users');
    assert.deepEqual(names(renamed), [
      'table:crm:users:archived_users:rename',
      'index:crm:archived_users:users_email_idx:create',
    ]);
    assert.deepEqual(ddl(renamed, lite), [
      'ALTER TABLE "crm.users" RENAME TO "crm.archived_users"',
      'CREATE UNIQUE INDEX IF NOT EXISTS "crm.users_email_idx" ON "crm.archived_users" (email)',
    ]);
    assert.equal(ddl(renamed, pg)[0], 'ALTER TABLE crm.users RENAME TO archived_users');
  });

  it('JSON indexes: GIN on PostgreSQL (btree when unique), plain on SQLite; custom index SQL gets the references', () => {
    const identifier = { databaseSchemaName: 'crm', tableName: 'users', indexName: 'users_document_idx' };
    const document = (isUnique) =>
      indexComponent({ indexName: 'users_document_idx', columnNames: ['data'], isUnique, target: jsonDocumentIndexTarget('data') });
    assert.equal(pg(createIndexSQL(document(false), identifier)), 'CREATE INDEX IF NOT EXISTS users_document_idx ON crm.users USING GIN (data)');
    assert.equal(pg(createIndexSQL(document(true), identifier)), 'CREATE UNIQUE INDEX IF NOT EXISTS users_document_idx ON crm.users (data)');
    assert.equal(lite(createIndexSQL(document(false), identifier)), 'CREATE INDEX IF NOT EXISTS "crm.users_document_idx" ON "crm.users" (data)');
    const path = indexComponent({ indexName: 'i', columnNames: ['data'], isUnique: false, target: jsonPathIndexTarget('data', 'profile.email') });
    assert.equal(pg(createIndexSQL(path, { ...identifier, indexName: 'i' })), "CREATE INDEX IF NOT EXISTS i ON crm.users ((data #>> '{profile,email}'))");
    const dotted = indexComponent({ indexName: 'i', columnNames: ['data'], isUnique: false, target: jsonPathIndexTarget('data', ['user.name']) });
    assert.equal(lite(createIndexSQL(dotted, { ...identifier, indexName: 'i' })), `CREATE INDEX IF NOT EXISTS "crm.i" ON "crm.users" (json_extract(data, '$."user.name"'))`);
    const custom = indexComponent({
      indexName: 'c',
      columnNames: ['data'],
      isUnique: false,
      sql: ({ tableReference, indexReference }) => SQL`CREATE INDEX ${indexReference} ON ${tableReference} (data)`,
    });
    assert.equal(lite(createIndexSQL(custom, { ...identifier, indexName: 'c' })), 'CREATE INDEX "crm.c" ON "crm.users" (data)');
    assert.equal(
      pg(createTableSQL({ fullName: SQLTableReference.from({ databaseSchemaName: 'crm', tableName: 't' }), columns: { a: dumboSchema.column('a', Integer) } })),
      'CREATE TABLE IF NOT EXISTS crm.t (a INTEGER)',
    );
  });

  it('an index outside a table cannot produce migrations', () => {
    const orphan = indexComponent({ indexName: 'orphan_idx', columnNames: ['a'], isUnique: false });
    assert.throws(
      () => orphan.migrations(),
      invalidOperation('Index "orphan_idx" cannot be created outside a table. Declare it in the indexes of the table it belongs to'),
    );
  });
});

describe('schemas, databases and extensions', () => {
  const table = (name, columns = { id: dumboSchema.column('id', Text, { primaryKey: true }) }) => dumboSchema.table(name, { columns });

  it('a database orders its default schema, named schemas and extensions; migrations are deduped', () => {
    const audit = extensionComponent('audit', { migrations: () => [sqlMigration('audit:001', [SQL`SELECT 1`])] });
    const db = databaseComponent({
      databaseName: 'app',
      schemas: { crm: databaseSchemaComponent({ schemaName: 'crm', tables: { users: table('users') } }) },
      extensions: { audit },
    });
    assert.deepEqual(names(db), ['schema:crm:create', 'table:crm:users:create', 'audit:001']);
    assert.equal(db.findTable({ tableName: 'users', databaseSchemaName: 'crm' })?.fullName.databaseSchemaName, 'crm');
    assert.equal(db.findTable({ tableName: 'users' }), undefined);
    assert.equal(db.findSchema('crm')?.schemaName, 'crm');
    assert.equal(db.findSchema()?.schemaName, DefaultDatabaseSchemaName);

    const withOrders = db.withTable({ orders: table('orders') }, 'crm');
    assert.deepEqual(names(withOrders), ['schema:crm:create', 'table:crm:users:create', 'table:crm:orders:create', 'audit:001']);
    const withDefault = db.withTable({ logs: table('logs') });
    assert.deepEqual(names(withDefault)[0], 'table:logs:create');
    assert.deepEqual(names(db.withDefaultSchemaName('public').withTable({ logs: table('logs') })).slice(0, 2), [
      'schema:public:create',
      'table:public:logs:create',
    ]);
  });

  it('dumboSchema shortcuts build the same components', () => {
    const db = dumboSchema.database('app', {
      schemas: { crm: dumboSchema.schema('crm', { users: table('users') }) },
    });
    assert.equal(db.databaseName, 'app');
    assert.deepEqual(names(db), ['schema:crm:create', 'table:crm:users:create']);
    assert.deepEqual(names(dumboSchema.database.from(undefined, ['a', 'b'])), ['schema:a:create', 'schema:b:create']);
    assert.deepEqual(names(dumboSchema.database({ tables: { t: table('t') } })), ['table:t:create']);
    const unique = dumboSchema.index('i', ['a'], { unique: true });
    assert.equal(unique.isUnique, true);
  });

  it('reports declaration errors with upstream messages', () => {
    assert.throws(
      () => databaseSchemaComponent({ schemaName: '' }),
      invalidOperation('A database schema name cannot be empty. Use the default database schema name to leave it to the dialect'),
    );
    assert.throws(
      () => dumboSchema.schema('crm', { a: table('users'), b: table('users') }),
      invalidOperation('Table "users" is declared more than once in database schema "crm"'),
    );
    assert.throws(
      () => dumboSchema.database({ tables: { a: table('users'), b: table('users') } }),
      invalidOperation('Table "users" is declared more than once in database schema "the default schema"'),
    );
    assert.throws(
      () => databaseComponent({ tables: {}, schemas: {} }),
      invalidOperation('A database declaration can contain either tables or schemas, not both'),
    );
    assert.throws(
      () => databaseComponent({ schemas: { '': databaseSchemaComponent({ schemaName: 'x' }) } }),
      invalidOperation('Database schema record key cannot be an empty string'),
    );
    const contributes = extensionComponent('events', { schemas: { es: databaseSchemaComponent({ schemaName: 'es' }) } });
    assert.throws(
      () => databaseSchemaComponent({ schemaName: 'crm', extensions: { contributes } }),
      invalidOperation('Extension "events" contributes database schema "es" and cannot be attached to database schema "crm"'),
    );
  });

  it('dedupes migrations by name in first-declared order and rejects different SQL under one name', () => {
    const a = sqlMigration('a', [SQL`SELECT ${1}`]);
    const b = sqlMigration('b', [SQL`SELECT 2`]);
    assert.deepEqual(dedupeMigrations([a, b, sqlMigration('a', [SQL`SELECT ${1}`])]), [a, b]);
    assert.throws(
      () => dedupeMigrations([a, sqlMigration('a', [SQL`SELECT ${2}`])]),
      invalidOperation('Duplicate migration name "a" in schema component tree'),
    );
    const component = schemaComponent(Symbol('custom'), {
      migrations: () => [a],
      components: [schemaComponent(Symbol('child'), { migrations: () => [b, a] })],
    });
    assert.deepEqual(names(component), ['a', 'b']);
    assert.equal(typeof component[schemaComponentType], 'symbol');
  });

  it('sqlMigration, haveSameSQL and combineMigrations', () => {
    const m = sqlMigration('m', [SQL`SELECT ${1}`], { ignoreHashMismatch: true });
    assert.deepEqual(Object.keys(m), ['name', 'sqls', 'ignoreHashMismatch']);
    assert.equal(haveSameSQL(m, sqlMigration('x', [SQL`SELECT ${1}`])), true);
    assert.equal(haveSameSQL(m, sqlMigration('x', [SQL`SELECT ${2}`])), false);
    assert.equal(combineMigrations(m, sqlMigration('n', [SQL`SELECT 2`, SQL`SELECT 3`])).length, 3);
  });
});
