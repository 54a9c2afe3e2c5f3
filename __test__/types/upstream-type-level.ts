// Compile-only checks of upstream's type-level helpers over the keyed schema components,
// and of the connection types that follow this package's runtime.
import {
  Abort,
  SQL,
  columnSchemaComponent,
  databaseSchemaSchemaComponent,
  tableSchemaComponent,
  type AbortScope,
  type AllColumnReferences,
  type Equals,
  type Expect,
  type IsError,
  type IsOK,
  type KeyedDatabaseSchemas,
  type ValidateDatabaseSchemas,
  type ValidateDatabaseSchemasWithMessages,
} from '@event-driven-io/dumbo';
import { dumbo as pgDumbo, type PgConnection, type PgPool } from '@event-driven-io/dumbo/pg';
import { sqlitePool, type SQLiteConnection, type SQLitePool } from '@event-driven-io/dumbo/sqlite';
import type { SQLiteNativeConnection } from '@event-driven-io/dumbo/sqlite';

const users = tableSchemaComponent({
  tableName: 'users',
  columns: { id: columnSchemaComponent({ columnName: 'id', type: SQL.column.type.Integer, primaryKey: true }) },
});
const goodPosts = tableSchemaComponent({
  tableName: 'posts',
  columns: { author: columnSchemaComponent({ columnName: 'author', type: SQL.column.type.Integer }) },
  relationships: { author: { columns: ['author'], references: ['public.users.id'], type: 'many-to-one' } },
});
const badPosts = tableSchemaComponent({
  tableName: 'posts',
  columns: { author: columnSchemaComponent({ columnName: 'author', type: SQL.column.type.Integer }) },
  relationships: { author: { columns: ['author'], references: ['public.users.missing'], type: 'many-to-one' } },
});
const good = { public: databaseSchemaSchemaComponent({ schemaName: 'public', tables: { users, posts: goodPosts } }) };
const bad = { public: databaseSchemaSchemaComponent({ schemaName: 'public', tables: { users, posts: badPosts } }) };
type Good = typeof good;
type Bad = typeof bad;

type _schemas = Expect<Good extends KeyedDatabaseSchemas ? true : false>;
type _valid = Expect<IsOK<ValidateDatabaseSchemas<Good>>>;
type _invalid = Expect<IsError<ValidateDatabaseSchemas<Bad>>>;
type _message = Expect<
  ValidateDatabaseSchemasWithMessages<Bad> extends `Relationship validation errors:${string}"missing"${string}` ? true : false
>;
type _references = Expect<Equals<AllColumnReferences<Good>, 'public.users.id' | 'public.posts.author'>>;

// The native driver's connection is a PgConnection, and its pool a PgPool.
export async function nativeConnections(connectionString: string): Promise<void> {
  const pool: PgPool = pgDumbo({ connectionString });
  const connection: PgConnection = await pool.connection();
  void connection;
  const sqlite: SQLitePool = sqlitePool({ fileName: ':memory:' });
  const native: SQLiteConnection = await sqlite.connection();
  const same: SQLiteNativeConnection = native;
  void same;
}

// Upstream's Abort namespace object and its types.
export async function aborts(): Promise<number> {
  const scope: AbortScope = Abort.scope(Abort.never);
  Abort.throwIfAborted({ abort: scope });
  const reason: Error = Abort.reason(scope.signal);
  void reason;
  scope.dispose();
  return Abort.execute(async () => 1, { abort: Abort.from({ abort: scope }) });
}
