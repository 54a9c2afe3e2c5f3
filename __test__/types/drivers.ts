// Compile-only checks of the driver types: upstream's names and generic parameters,
// built-in drivers in both shapes, JS drivers in either shape, dumbo({ driver | driverType }).
import {
  dumbo,
  dumboDatabaseDriverRegistry,
  DumboDatabaseDriverRegistry,
  canHandleDriverWithConnectionString,
  parseConnectionString,
  toDatabaseDriverType,
  fromDatabaseDriverType,
  getDatabaseDriverName,
  getDatabaseType,
  pluginRegistry,
  JSONSerializer,
  type AnyDumboDatabaseDriver,
  type DatabaseConnectionString,
  type DatabaseDriverName,
  type DatabaseDriverType,
  type DatabaseDriverTypeParts,
  type DatabaseType,
  type DumboConnectionOptions,
  type DumboDatabaseDriver,
  type Dumbo,
  type ExtractDumboDatabaseDriverOptions,
  type ExtractDumboTypeFromDriver,
  type InferDriverDatabaseType,
  type StoragePlugin,
} from '@event-driven-io/dumbo';
import { pgDumboDriver, PgDriverType, type PgPool, type PgPoolOptions } from '@event-driven-io/dumbo/pg';
import type { PostgreSQLDriverType } from '@event-driven-io/dumbo/postgresql';
import {
  sqlite3DumboDriver,
  SQLite3DriverType,
  sqlite3Pool,
  sqliteFormatter,
  sqliteMetadata,
  DefaultSQLiteMigratorOptions,
  type SQLiteConnection,
  type SQLitePool,
  type SQLitePoolOptions,
  type SQLiteDriverType,
} from '@event-driven-io/dumbo/sqlite3';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(value: Equal<A, B>): void => void value;

export function driverTypes(): void {
  // Driver types are values and types.
  const pgType: PgDriverType = PgDriverType;
  const sqliteType: SQLite3DriverType = SQLite3DriverType;
  same<PgDriverType, 'PostgreSQL:pg'>(true);
  same<SQLite3DriverType, 'SQLite:sqlite3'>(true);
  same<PostgreSQLDriverType<'pg'>, 'PostgreSQL:pg'>(true);
  same<SQLiteDriverType<'d1'>, 'SQLite:d1'>(true);
  // @ts-expect-error not the pg driver type
  const wrong: PgDriverType = 'SQLite:sqlite3';
  void [pgType, sqliteType, wrong];

  same<DatabaseDriverType<'DuckDB', 'nodejs'>, 'DuckDB:nodejs'>(true);
  same<InferDriverDatabaseType<'PostgreSQL:pg'>, 'PostgreSQL'>(true);
  const name: DatabaseDriverName = getDatabaseDriverName('PostgreSQL:pg');
  const dbType: DatabaseType = getDatabaseType('SQLite:sqlite3');
  const joined: DatabaseDriverType<'PostgreSQL'> = toDatabaseDriverType('PostgreSQL', 'pg');
  const parts: DatabaseDriverTypeParts<'SQLite'> = fromDatabaseDriverType<'SQLite'>('SQLite:sqlite3');
  const parsed: DatabaseDriverTypeParts = parseConnectionString('postgresql://localhost/db');
  const branded = 'postgresql://h/db' as DatabaseConnectionString<'PostgreSQL', `postgresql://${string}`>;
  parseConnectionString(branded);
  void [name, dbType, joined, parts, parsed];
}

export function builtInDriversInBothShapes(): void {
  // Upstream's shape (what Pongo HEAD reads).
  const supportsSchemas: boolean = pgDumboDriver.databaseMetadata.capabilities.supportsSchemas;
  const driverType: 'PostgreSQL:pg' = pgDumboDriver.driverType;
  const asDriver: DumboDatabaseDriver<any, PgPoolOptions, PgPool> = pgDumboDriver;
  const any: AnyDumboDatabaseDriver = sqlite3DumboDriver;
  // The RFC's shape.
  const asPlugin: StoragePlugin<'SQLite:sqlite3'> = sqlite3DumboDriver;
  const json: boolean | undefined = sqlite3DumboDriver.capabilities?.json?.operators;
  void [supportsSchemas, driverType, asDriver, any, asPlugin, json];

  same<ExtractDumboDatabaseDriverOptions<DumboDatabaseDriver<SQLiteConnection, SQLitePoolOptions, SQLitePool>>, SQLitePoolOptions>(true);
  same<ExtractDumboTypeFromDriver<DumboDatabaseDriver<SQLiteConnection, SQLitePoolOptions, SQLitePool>>, SQLitePool>(true);
}

export function dumboChoosesADriver(connectionString: string): void {
  // As Pongo 0.17 calls it.
  const pool: PgPool = dumbo({
    connectionString,
    driver: pgDumboDriver,
    serialization: { serializer: JSONSerializer },
  });
  const byType = dumbo({ connectionString, driverType: PgDriverType });
  const byConnector = dumbo({ connectionString, connector: 'PostgreSQL:pg' });
  // Upstream's Dumbo<DriverType, ConnectionType>, as Pongo's types use it.
  const asDumbo: Dumbo<DatabaseDriverType, any> = pool;
  const pgDumbo: Dumbo<PgDriverType> = byType;
  void [pool, byType.execute, byConnector.close, asDumbo, pgDumbo];
}

export async function jsDriversInEitherShape(): Promise<void> {
  const tryParse = (cs: string) => (cs.startsWith('wrapped:') ? cs : null);
  // A HEAD-shaped driver: driverType, no connector.
  const head: DumboDatabaseDriver<SQLiteConnection & { driverType: 'SQLite:wrapped' }, SQLitePoolOptions, SQLitePool> = {
    driverType: 'SQLite:wrapped',
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: DefaultSQLiteMigratorOptions,
    databaseMetadata: sqliteMetadata,
    canHandle: canHandleDriverWithConnectionString('SQLite:wrapped', tryParse),
    createPool: (options) => sqlite3Pool({ connectionString: String(options.connectionString).slice(8) }),
  };
  dumboDatabaseDriverRegistry.register('SQLite:wrapped', head);
  pluginRegistry.register('SQLite:wrapped', head);
  dumboDatabaseDriverRegistry.register('SQLite:lazy', async () => head);
  // An RFC-shaped plugin registers through either face.
  const rfc: StoragePlugin<'SQLite:rfc'> = {
    connector: 'SQLite:rfc',
    createPool: () => sqlite3Pool({ connectionString: ':memory:' }),
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: DefaultSQLiteMigratorOptions,
  };
  dumboDatabaseDriverRegistry.register('SQLite:rfc', rfc);
  pluginRegistry.register('SQLite:rfc', rfc);

  const found: AnyDumboDatabaseDriver | null = dumboDatabaseDriverRegistry.tryGet({ driverType: 'SQLite:wrapped' });
  const resolved = await dumboDatabaseDriverRegistry.tryResolve({ connectionString: 'wrapped:x.db' });
  const has: boolean = dumboDatabaseDriverRegistry.has('SQLite:wrapped');
  const types: DatabaseDriverType[] = DumboDatabaseDriverRegistry().databaseDriverTypes;
  const options: DumboConnectionOptions<typeof head> = { driverType: 'SQLite:wrapped', fileName: 'x.db' };
  const global = globalThis.dumboDatabaseDriverRegistry.has('SQLite:wrapped');
  void [found, resolved?.driverType, has, types, options, global];
}
