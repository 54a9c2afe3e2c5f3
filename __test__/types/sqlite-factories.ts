// Compile-only checks of upstream's SQLite building blocks in '/sqlite' and '/sqlite3'.
import { JSONSerializer, SQL, createAmbientConnectionPool, sqlExecutor, type GenericConnectionPool } from '@event-driven-io/dumbo';
import {
  sqlitePool as sqlitePoolOf0,
  sqliteAlwaysNewConnectionPool,
  sqliteAmbientClientConnection,
  sqliteClientConnection,
  sqliteConnection,
  sqliteExecute,
  sqlitePoolClientConnection,
  sqliteSQLExecutor,
  sqliteSingletonConnectionPool,
  sqliteTransaction,
  toSqlitePoolOptions,
  type AnySQLiteClientConnection,
  type SQLiteClient,
  type SQLiteConnection,
  type SQLiteClientConnection,
  type SQLitePoolClient,
  type SQLiteSQLExecutor,
} from '@event-driven-io/dumbo/sqlite';
import {
  sqlite3Client,
  sqlite3Connection,
  type SQLite3Connection,
  type SQLite3ConnectionOptions,
} from '@event-driven-io/dumbo/sqlite3';

const sqlitePoolOf = () => sqlitePoolOf0({ fileName: ':memory:' });
type Options3 = SQLite3ConnectionOptions & Record<string, unknown>;

export async function sqliteFactories(): Promise<void> {
  const client: SQLiteClient = sqlite3Client({ fileName: 'a.db', serializer: JSONSerializer });
  await client.connect();
  const connection: SQLite3Connection = sqlite3Connection({ fileName: 'a.db' });
  const opened = await connection.open();
  void opened;
  await connection.withTransaction(async (tx) => tx.execute.command(SQL`DELETE FROM t`));
  const other = sqlite3Connection({ client });
  void other;

  // An interface: upstream's SQLiteClientConnection is a type alias, so a self-referencing alias is circular.
  interface MyConnection extends SQLiteClientConnection<MyConnection, 'SQLite:mine', SQLiteClient> {}
  const mine: MyConnection = sqliteClientConnection<MyConnection>({
    type: 'Client',
    driverType: 'SQLite:mine',
    connectionOptions: { defaultTransactionMode: 'DEFERRED' },
    serializer: JSONSerializer,
    sqliteClientFactory: () => client,
  });
  const mineClient: SQLiteClient = await mine.open();
  void mineClient;
  sqliteConnection<MyConnection>({
    type: 'Client',
    driverType: 'SQLite:mine',
    connectionOptions: {},
    serializer: JSONSerializer,
    sqliteClientFactory: () => client,
  });
  const poolClient: SQLitePoolClient = { ...client, release: () => {} };
  // Upstream constrains this connection type to AnySQLiteClientConnection, so its factory
  // is typed to return a full client (with connect/close) even for a pooled one.
  sqlitePoolClientConnection<AnySQLiteClientConnection>({
    type: 'PoolClient',
    driverType: 'SQLite:mine',
    connectionOptions: {},
    serializer: JSONSerializer,
    sqliteClientFactory: () => ({ ...client, ...poolClient }),
  });
  sqliteAmbientClientConnection<MyConnection>({ driverType: 'SQLite:mine', client, serializer: JSONSerializer });

  const executor: SQLiteSQLExecutor<'SQLite:mine'> = sqliteSQLExecutor('SQLite:mine', JSONSerializer);
  await sqlExecutor(executor, { connect: async () => client }).query(SQL`SELECT 1`);
  const count: number = await sqliteExecute(client, async (c) => (await c.query(SQL`SELECT 1`)).rowCount ?? 0);
  void count;
  const init = sqliteTransaction<MyConnection>('SQLite:mine', () => mine, { allowNestedTransactions: true }, JSONSerializer, 'IMMEDIATE');
  void init;

  const singleton = sqliteSingletonConnectionPool<SQLite3Connection, Options3>({
    driverType: 'SQLite:sqlite3',
    singleton: true,
    sqliteConnectionFactory: (options) => sqlite3Connection(options),
    connectionOptions: { fileName: 'a.db' },
  });
  const fromPool: SQLite3Connection = await singleton.connection();
  void fromPool;
  sqliteAlwaysNewConnectionPool<SQLite3Connection, Options3>({
    driverType: 'SQLite:sqlite3',
    sqliteConnectionFactory: (options) => sqlite3Connection(options),
    connectionOptions: { fileName: 'a.db' },
  });
  // This package's own connections work with the generic pools too.
  const native: SQLiteConnection = await sqlitePoolOf().connection();
  const ambient: GenericConnectionPool<SQLiteConnection> = createAmbientConnectionPool({ driverType: 'SQLite:sqlite3', connection: native });
  void ambient;
  const factoryPool: GenericConnectionPool<SQLite3Connection> = sqlitePoolOf0<SQLite3Connection, Options3>({
    driverType: 'SQLite:sqlite3',
    singleton: true,
    sqliteConnectionFactory: (options) => sqlite3Connection(options),
    connectionOptions: { fileName: 'a.db' },
  });
  void factoryPool;
  const resolved = toSqlitePoolOptions({ fileName: ':memory:', singleton: false });
  const singletonFlag: true | undefined = resolved.singleton;
  void singletonFlag;
}
