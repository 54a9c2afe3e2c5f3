// Compile-only checks of '/pg' over node-postgres objects (upstream's names and shapes).
import pg from 'pg';
import {
  dumbo,
  pgPool,
  pgExecute,
  pgTransaction,
  pgSQLExecutor,
  pgConnection,
  pgClientConnection,
  pgPoolClientConnection,
  pgAmbientNativePool,
  pgAmbientClientPool,
  pgAmbientConnectionPool,
  getPgPool,
  endPgPool,
  onEndPool,
  endAllPgPools,
  isPgClient,
  isPgNativePool,
  isPgPoolClient,
  setPgTypeParser,
  type PgClient,
  type PgPoolClient,
  type PgClientOrPoolClient,
  type PgPoolOrClient,
  type PgClientConnection,
  type PgPoolClientConnection,
  type PgConnection,
  type PgConnectionOptions,
  type PgNativePool,
  type PgAmbientClientPool,
  type PgAmbientConnectionPool,
  type PgPool,
  type PgPoolOptions,
  type PgPoolPooledOptions,
  type PgPoolNotPooledOptions,
  type PgDumboOptions,
  type PgSQLExecutor,
  type PgTransaction,
} from '@event-driven-io/dumbo/pg';
import { SQL, JSONSerializer, type QueryResult } from '@event-driven-io/dumbo';

export async function nodePostgres(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  const nodePool = new pg.Pool({ connectionString });

  const overClient: PgAmbientClientPool = dumbo({ connectionString, client });
  const overPool: PgNativePool = pgPool({ connectionString, pool: nodePool });
  const pooled: PgPool = dumbo({ connectionString, pool: nodePool, pooled: true, transactionOptions: { isolationLevel: 'SERIALIZABLE' } });
  const native: PgPool = dumbo({ connectionString, max: 4 });
  const asOptions: PgDumboOptions = { connectionString, client, serialization: { serializer: JSONSerializer } };
  const pooledOptions: PgPoolPooledOptions = { connectionString, pool: nodePool };
  const notPooledOptions: PgPoolNotPooledOptions = { connectionString, client };
  const anyOptions: PgPoolOptions = notPooledOptions;
  void [pooled, native, asOptions, pooledOptions, anyOptions];

  const rows: QueryResult<{ n: number }> = await overClient.execute.query<{ n: number }>(SQL`SELECT 1 AS n`);
  void rows;
  const connection: PgPoolClientConnection = await overPool.connection();
  const borrowed: PgPoolClient = await connection.open();
  borrowed.release;
  await connection.close();
  const clientConnection: PgClientConnection = await overClient.connection();
  const same: PgClient = await clientConnection.open();
  void same;
  const asPgConnection: PgConnection = clientConnection;
  const ambient: PgAmbientConnectionPool = pgAmbientConnectionPool({ connection: clientConnection });
  void [asPgConnection, ambient];

  const built: PgClientConnection = pgConnection({
    type: 'Client',
    connect: async () => client,
    close: async () => {},
    serializer: JSONSerializer,
  });
  const builtPoolClient: PgPoolClientConnection = pgConnection({
    type: 'PoolClient',
    connect: () => nodePool.connect(),
    close: async (c) => c.release(),
    serializer: JSONSerializer,
    transactionOptions: { allowNestedTransactions: true, useSavepoints: true },
  });
  const options: PgConnectionOptions = { type: 'Client', connect: async () => client, close: async () => {}, serializer: JSONSerializer };
  void [pgClientConnection(options as Extract<PgConnectionOptions, { type: 'Client' }>), pgPoolClientConnection, builtPoolClient];

  const tx: PgTransaction = pgTransaction(() => built, JSONSerializer)(Promise.resolve(client), {
    close: async (c: pg.Client) => void c,
    isolationLevel: 'REPEATABLE READ',
  });
  await tx.begin();
  await tx.commit();

  const executor: PgSQLExecutor = pgSQLExecutor({ serializer: JSONSerializer });
  const target: PgClientOrPoolClient = client;
  await executor.query(target, SQL`SELECT 1`);

  const n: number = await pgExecute(nodePool, async (c) => (await c.query('SELECT 1 AS n')).rows[0].n as number);
  void n;
  const something: PgPoolOrClient = nodePool;
  if (isPgNativePool(something)) {
    const p: pg.Pool = something;
    void p;
  }
  if (isPgClient(client) && !isPgPoolClient(client)) setPgTypeParser(client, { parseBigInts: true, serializer: JSONSerializer });

  const shared: pg.Pool = getPgPool(connectionString);
  getPgPool({ connectionString, max: 3 });
  await endPgPool({ connectionString, force: true });
  await onEndPool(`${connectionString}|postgres`, shared);
  const ended: void[] = await endAllPgPools();
  void ended;

  pgAmbientNativePool({ pool: nodePool, serializer: JSONSerializer });
  pgAmbientClientPool({ client, serializer: JSONSerializer, transactionOptions: { readonly: true } });

  // @ts-expect-error pgExecute needs a node-postgres pool or client
  await pgExecute({}, async () => 1);
}
