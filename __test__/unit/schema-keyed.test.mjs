// Keyed schema components (upstream 0.13.0-beta.47, what published Pongo calls) beside
// the symbol-kind generation: the shapes, keys, maps and migration order upstream gives,
// how the two generations are told apart and mixed, combineMigrations over components,
// and the tracing printers (prettyJson, color, LogLevel, LogStyle). No database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  sqlMigration,
  combineMigrations,
  schemaComponent,
  schemaComponentType,
  isSchemaComponent,
  columnSchemaComponent,
  indexSchemaComponent,
  tableSchemaComponent,
  databaseSchemaSchemaComponent,
  databaseSchemaComponent,
  tableComponent,
  createTableSQL,
  migrationTableSchemaComponent,
  isSchemaComponentOfType,
  filterSchemaComponentsOfType,
  mapSchemaComponentsOfType,
  findSchemaComponentsOfType,
  schemaComponentURN,
  ColumnURN,
  ColumnURNType,
  IndexURN,
  IndexURNType,
  TableURN,
  TableURNType,
  DatabaseSchemaURN,
  DatabaseSchemaURNType,
  DatabaseURN,
  DatabaseURNType,
  MIGRATIONS_LOCK_ID,
  prettyJson,
  color,
  LogLevel,
  LogStyle,
  tracer,
} from '@event-driven-io/dumbo';
import { pgFormatter } from '@event-driven-io/dumbo/postgresql';

const m = (name) => sqlMigration(name, [SQL`SELECT ${name}`]);
const names = (migrations) => migrations.map((x) => x.name);

describe('keyed schema components (upstream 0.13.0-beta.47)', () => {
  it('schemaComponent(key, options) has the key, a Map of children and migrations as a live array', () => {
    const child = schemaComponent('sc:app:child', { migrations: [m('child:1')] });
    const root = schemaComponent('sc:app:root', { migrations: [m('root:1')], components: [child] });
    assert.equal(root.schemaComponentKey, 'sc:app:root');
    assert.ok(root.components instanceof Map);
    assert.deepEqual([...root.components.keys()], ['sc:app:child']);
    assert.ok(Array.isArray(root.migrations));
    assert.deepEqual(names(root.migrations), ['root:1', 'child:1']);
    root.addMigration(m('root:2'));
    assert.deepEqual(names(root.migrations), ['root:1', 'root:2', 'child:1']);
    // addComponent records the child's migrations as well as the child (upstream: listed twice).
    const added = schemaComponent('sc:app:added', { migrations: [m('added:1')] });
    assert.equal(root.addComponent(added), added);
    assert.deepEqual(names(root.migrations), ['root:1', 'root:2', 'added:1', 'child:1', 'added:1']);
    assert.equal(schemaComponent('sc:app:empty').migrations.length, 0);
  });

  it("Pongo's components: spread into an object, the migrations are the array runSQLMigrations takes", () => {
    const collection = (name) => ({
      ...schemaComponent(`sc:pongo:collection:${name}`, {
        migrations: [
          sqlMigration(`pongoCollection:${name}:001:createtable`, [
            SQL`CREATE TABLE ${SQL.identifier(name)} (_id TEXT)`,
          ]),
        ],
      }),
      collectionName: name,
    });
    const db = { ...schemaComponent('sc:dumbo:database:db', { components: [collection('users'), collection('orders')] }) };
    assert.deepEqual(names(db.migrations), [
      'pongoCollection:users:001:createtable',
      'pongoCollection:orders:001:createtable',
    ]);
    assert.deepEqual(
      combineMigrations(...db.migrations).map((sql) => pgFormatter.format(sql).query),
      ['CREATE TABLE users (_id TEXT)', 'CREATE TABLE orders (_id TEXT)'],
    );
  });

  it('the URN helpers and types', () => {
    assert.deepEqual(
      [ColumnURNType, IndexURNType, TableURNType, DatabaseSchemaURNType, DatabaseURNType],
      ['sc:dumbo:column', 'sc:dumbo:index', 'sc:dumbo:table', 'sc:dumbo:database_schema', 'sc:dumbo:database'],
    );
    assert.equal(ColumnURN({ name: 'id' }), 'sc:dumbo:column:id');
    assert.equal(IndexURN({ name: 'ix' }), 'sc:dumbo:index:ix');
    assert.equal(TableURN({ name: 'users' }), 'sc:dumbo:table:users');
    assert.equal(DatabaseSchemaURN({ name: 'public' }), 'sc:dumbo:database_schema:public');
    assert.equal(DatabaseURN({ name: 'app' }), 'sc:dumbo:database:app');
    assert.equal(schemaComponentURN.table({ name: 't' }), 'sc:dumbo:table:t');
    assert.equal(schemaComponentURN.schema({ name: 's' }), 'sc:dumbo:database_schema:s');
    assert.equal(schemaComponentURN.extractName('sc:dumbo:table:users'), 'users');
    assert.equal(schemaComponentURN.extractName('sc:dumbo:table:'), '');
    assert.equal(MIGRATIONS_LOCK_ID, 999956789);
  });

  it('database → schema → table → column/index trees, with their maps, find and filter helpers', () => {
    const id = columnSchemaComponent({ columnName: 'id', type: 'INT', notNull: true, migrations: [] });
    const ix = indexSchemaComponent({ indexName: 'users_ix', columnNames: ['id'], isUnique: true, migrations: [m('ix')] });
    const users = tableSchemaComponent({ tableName: 'users', columns: { id }, migrations: [m('users')], components: [ix] });
    const schema = databaseSchemaSchemaComponent({ schemaName: 'public', tables: { users } });
    const db = databaseSchemaComponent({ databaseName: 'app', schemas: { public: schema } });

    assert.equal(db.schemaComponentKey, 'sc:dumbo:database:app');
    assert.equal(db.databaseName, 'app');
    assert.deepEqual(names(db.migrations), ['users', 'ix']);
    assert.deepEqual([...users.components.keys()], ['sc:dumbo:index:users_ix', 'sc:dumbo:column:id']);
    assert.deepEqual([...users.columns.keys()], ['id']);
    assert.equal(users.columns.id, id);
    assert.deepEqual([...users.indexes.keys()], ['users_ix']);
    assert.deepEqual(users.primaryKey, []);
    assert.equal(schema.tables.users, users);
    assert.equal(db.schemas.public, schema);
    assert.deepEqual(ix.columnNames, ['id']);
    ix.addColumn(id);
    assert.deepEqual(ix.columnNames, ['id', 'id']);
    assert.equal(schema.addTable('orders').schemaComponentKey, 'sc:dumbo:table:orders');
    assert.deepEqual([...schema.tables.keys()], ['users', 'orders']);
    assert.equal(db.addSchema('audit').schemaName, 'audit');

    assert.deepEqual(
      findSchemaComponentsOfType(db, 'sc:dumbo:').map((c) => c.schemaComponentKey),
      [
        'sc:dumbo:database:app',
        'sc:dumbo:database_schema:public',
        'sc:dumbo:table:users',
        'sc:dumbo:index:users_ix',
        'sc:dumbo:column:id',
        'sc:dumbo:table:orders',
        'sc:dumbo:database_schema:audit',
      ],
    );
    assert.deepEqual(findSchemaComponentsOfType(db, TableURNType).map((t) => t.tableName), ['users', 'orders']);
    assert.ok(isSchemaComponentOfType(users, TableURNType));
    assert.ok(!isSchemaComponentOfType(users, IndexURNType));
    assert.deepEqual([...filterSchemaComponentsOfType(users.components, ColumnURNType).keys()], ['sc:dumbo:column:id']);
    assert.deepEqual([...mapSchemaComponentsOfType(users.components, IndexURNType, (c) => c.indexName).keys()], ['users_ix']);
  });

  it('migrationTableSchemaComponent is the default ledger as upstream declares it', () => {
    assert.equal(migrationTableSchemaComponent.schemaComponentKey, 'dumbo:schema-component:migrations-table');
    assert.deepEqual(names(migrationTableSchemaComponent.migrations), ['dumbo:migrationTable:001']);
    const [create] = combineMigrations(migrationTableSchemaComponent);
    assert.match(pgFormatter.format(create).query, /^CREATE TABLE IF NOT EXISTS dmb_migrations \(\s*id SERIAL PRIMARY KEY,/);
  });
});

describe('two generations side by side', () => {
  it('schemaComponent tells them apart by the first argument; other first arguments are a TypeError', () => {
    const kind = Symbol('app.kind');
    const symbolic = schemaComponent(kind, { migrations: () => [m('a'), m('a')] });
    assert.equal(symbolic[schemaComponentType], kind);
    assert.equal(typeof symbolic.migrations, 'function');
    assert.deepEqual(names(symbolic.migrations()), ['a'], 'the symbol generation dedupes');
    assert.ok(isSchemaComponent(symbolic));
    assert.ok(!isSchemaComponent(schemaComponent('sc:x')));
    assert.throws(() => schemaComponent(42), { name: 'TypeError', message: /string key .* or a symbol kind/ });
    assert.throws(() => schemaComponent(kind, { migrations: [m('a')] }), {
      name: 'TypeError',
      message: /pass a string key for an array/,
    });
    assert.throws(() => schemaComponent('sc:x', { migrations: () => [] }), {
      name: 'TypeError',
      message: /migrations must be an array/,
    });
  });

  it('databaseSchemaComponent: { databaseName } is the keyed database, { schemaName } the symbol-kind schema', () => {
    assert.equal(databaseSchemaComponent({ databaseName: 'app' }).schemaComponentKey, 'sc:dumbo:database:app');
    const symbolic = databaseSchemaComponent({ schemaName: 'crm' });
    assert.equal(typeof symbolic.migrations, 'function');
    assert.deepEqual(names(symbolic.migrations()), ['schema:crm:create']);
  });

  it('children of either generation fit in both, and a column renders in a symbol-kind table either way', () => {
    const kind = Symbol('app.kind');
    const symbolic = schemaComponent(kind, { migrations: () => [m('sym')] });
    const keyed = schemaComponent('sc:app:k', { migrations: [m('keyed')], components: [symbolic] });
    assert.deepEqual(names(keyed.migrations), ['keyed', 'sym']);
    const back = schemaComponent(Symbol('outer'), { components: [keyed] });
    assert.deepEqual(names(back.migrations()), ['keyed', 'sym']);

    const plain = columnSchemaComponent({ columnName: 'id', type: 'INT', primaryKey: true });
    const keyedColumn = columnSchemaComponent({ columnName: 'name', type: 'TEXT', migrations: [] });
    assert.equal(typeof plain.migrations, 'function', 'no migrations given: the symbol generation');
    assert.equal(plain.schemaComponentKey, 'sc:dumbo:column:id');
    assert.deepEqual(keyedColumn.migrations, [], 'an array given: the keyed generation');
    const table = tableComponent({ tableName: 'people', columns: { id: plain, name: keyedColumn } });
    assert.equal(
      pgFormatter.format(createTableSQL(table)).query.replace(/\s+/g, ' '),
      'CREATE TABLE IF NOT EXISTS people (id INT PRIMARY KEY, name TEXT)',
    );
    const keyedTable = tableSchemaComponent({ tableName: 'people', columns: { id: plain, name: keyedColumn } });
    assert.deepEqual([...keyedTable.columns.keys()], ['id', 'name']);
    assert.deepEqual(keyedTable.migrations, []);
  });

  it('combineMigrations takes migrations and components of both generations; anything else is a TypeError', () => {
    const keyed = schemaComponent('sc:app:k', { migrations: [m('k1'), m('k2')] });
    const symbolic = schemaComponent(Symbol('s'), { migrations: () => [m('s1')] });
    assert.equal(combineMigrations(m('plain'), keyed, symbolic).length, 4);
    assert.throws(() => combineMigrations({ nope: true }), { name: 'TypeError', message: /combineMigrations expects/ });
  });
});

describe('tracing printers', () => {
  it('LogLevel and LogStyle carry upstream values; tracer() itself does nothing', () => {
    assert.deepEqual({ ...LogLevel }, { DISABLED: 'DISABLED', INFO: 'INFO', LOG: 'LOG', WARN: 'WARN', ERROR: 'ERROR' });
    assert.deepEqual({ ...LogStyle }, { RAW: 'RAW', PRETTY: 'PRETTY' });
    assert.equal(tracer(), undefined);
    for (const method of ['info', 'log', 'warn', 'error']) assert.equal(typeof tracer[method], 'function');
  });

  it("prettyJson prints upstream's layout (colours off)", () => {
    color.level = 0;
    try {
      const value = { a: 1, s: 'x\ny', arr: [true, null, 2n], u: undefined, f() {}, nested: { k: 'v' } };
      assert.equal(
        prettyJson(value, { handleMultiline: true }),
        [
          '{',
          '  "a": 1,',
          '  "s": "',
          '    x',
          '    y',
          '  ",',
          '  "arr": [',
          '    true,',
          '    null,',
          '    2',
          '  ],',
          '  "u": undefined,',
          '  "nested": {',
          '    "k": "v"',
          '  }',
          '}',
        ].join('\n'),
      );
      assert.equal(
        prettyJson({ s: 'x\ny', empty: {}, ea: [] }),
        '{\n  "s": "x\ny",\n  "empty": {\n    \n  },\n  "ea": [\n    \n  ]\n}',
      );
      const error = prettyJson(new Error('boom'));
      assert.match(error, /"stack": "Error: boom/);
      assert.match(error, /"message": "boom"/);
      assert.equal(color.red('r'), 'r');
      assert.equal(color.hex('#61afef')('k'), 'k');
    } finally {
      color.level = 1;
    }
  });
});
