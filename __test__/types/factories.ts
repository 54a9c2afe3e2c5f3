// Compile-only checks of the connection/pool/executor/transaction factories'
// declarations, written as a plugin author would use them.
import {
  JSONSerializer,
  SQL,
  createAlwaysNewConnectionPool,
  createAmbientConnection,
  createAmbientConnectionPool,
  createBoundedConnectionPool,
  createConnection,
  createConnectionPool,
  createSingletonClientConnectionPool,
  createSingletonConnection,
  createSingletonConnectionPool,
  createTransientConnection,
  databaseTransaction,
  executeInAmbientConnection,
  executeInNewConnection,
  executeInNewDbClient,
  sqlExecutor,
  sqlExecutorInAmbientConnection,
  sqlExecutorInNewConnection,
  transactionFactoryWithAmbientConnection,
  transactionFactoryWithAsyncAmbientConnection,
  transactionFactoryWithDbClient,
  transactionFactoryWithNewConnection,
  transactionNestingCounter,
  type AbortContext,
  type AnyConnection,
  type AnyDatabaseTransaction,
  type Connection,
  type DatabaseTransaction,
  type DatabaseTransactionOptions,
  type DbSQLExecutor,
  type GenericConnectionPool,
  type InferDbClientFromConnection,
  type InferTransactionFromConnection,
  type InitTransaction,
  type SQLExecutor,
  type TransactionLifecycle,
  type TransactionNestingCounter,
  type TransactionResult,
  type WithDatabaseTransactionFactory,
} from '@event-driven-io/dumbo';

type ToyClient = { rows: unknown[]; close(): void };

interface ToyTransaction extends DatabaseTransaction<ToyConnection, DatabaseTransactionOptions> {
  driverType: 'Toy:toy';
}

// Upstream's form of a driver's connection type.
interface ToyConnection extends Connection<ToyConnection, 'Toy:toy', ToyClient, ToyTransaction> {}

const toyExecutor = (): DbSQLExecutor<'Toy:toy', ToyClient> => ({
  driverType: 'Toy:toy',
  formatter: undefined as never,
  query: async () => ({ rowCount: 0, rows: [] }),
  batchQuery: async () => [],
  command: async () => ({ rowCount: 0, rows: [] }),
  batchCommand: async () => [],
});

const initTransaction: InitTransaction<ToyConnection> = (connection) => (client, options) => {
  const lifecycle: TransactionLifecycle = databaseTransaction(
    { begin: async () => {}, commit: async () => void (await options?.close(await client)), rollback: async () => {} },
    { allowNestedTransactions: options?.allowNestedTransactions },
  );
  const tx: ToyTransaction = {
    driverType: 'Toy:toy',
    connection: connection(),
    ...lifecycle,
    execute: sqlExecutor(toyExecutor(), { connect: () => client }),
    withTransaction: async <Result = never>(
      handle: (tx: DatabaseTransaction<ToyConnection, DatabaseTransactionOptions>, context: AbortContext) => Promise<TransactionResult<Result> | Result>,
    ): Promise<Result> => {
      const outcome = await handle(tx, { abort: { signal: new AbortController().signal } });
      return outcome !== null && typeof outcome === 'object' && 'success' in outcome
        ? (outcome as TransactionResult<Result>).result
        : (outcome as Result);
    },
    _transactionOptions: options ?? {},
  };
  return tx;
};

const isAnyConnection = (c: ToyConnection): AnyConnection => c;
void isAnyConnection;

export async function factories(): Promise<void> {
  const parts = { driverType: 'Toy:toy' as const, initTransaction, executor: toyExecutor, serializer: JSONSerializer };
  const connect = async (): Promise<ToyClient> => ({ rows: [], close() {} });
  const close = async (client: ToyClient) => client.close();

  const connection: ToyConnection = createConnection<ToyConnection>({ ...parts, connect, close });
  const client: ToyClient = await connection.open();
  const clientType: InferDbClientFromConnection<ToyConnection> = client;
  const tx: InferTransactionFromConnection<ToyConnection> = connection.transaction();
  const txConnection: ToyConnection = tx.connection;
  void clientType;
  void txConnection;
  createSingletonConnection<ToyConnection>({ ...parts, connect, close });
  createAmbientConnection<ToyConnection>({ ...parts, client });
  createTransientConnection<ToyConnection>({ ...parts, open: connect, close: async () => {} });

  const getConnection = () => createConnection<ToyConnection>({ ...parts, connect, close });
  const pools: GenericConnectionPool<ToyConnection>[] = [
    createConnectionPool<ToyConnection>({ driverType: 'Toy:toy', getConnection }),
    createAlwaysNewConnectionPool<ToyConnection>({ driverType: 'Toy:toy', getConnection }),
    createAlwaysNewConnectionPool<ToyConnection, { file: string }>({
      driverType: 'Toy:toy',
      connectionOptions: { file: 'a.db' },
      getConnection: (options, context) => (void options.file, void context.abort, getConnection()),
    }),
    createAmbientConnectionPool({ driverType: 'Toy:toy', connection }),
    createSingletonConnectionPool<ToyConnection>({ driverType: 'Toy:toy', getConnection, closeConnection: () => {} }),
    createBoundedConnectionPool<ToyConnection>({ driverType: 'Toy:toy', getConnection, maxConnections: 4 }),
    createSingletonClientConnectionPool<ToyConnection>({
      driverType: 'Toy:toy',
      dbClient: client,
      connectionFactory: ({ dbClient }) => createAmbientConnection<ToyConnection>({ ...parts, client: dbClient }),
    }),
  ];
  // @ts-expect-error maxConnections is required
  createBoundedConnectionPool<ToyConnection>({ driverType: 'Toy:toy', getConnection });
  // @ts-expect-error the client type comes from the connection type
  createAmbientConnection<ToyConnection>({ ...parts, client: 'not a client' });
  // @ts-expect-error connectionOptions need a getConnection that takes them
  createAlwaysNewConnectionPool<ToyConnection>({ driverType: 'Toy:toy', getConnection, connectionOptions: { file: 'a' } });
  const pool = pools[0]!;
  const pooled: ToyConnection = await pool.connection();
  void pooled;
  const n: number = await pool.withConnection(async (c: ToyConnection) => (await c.open()).rows.length);
  const viaTx: string = await pool.withTransaction(async (t: ToyTransaction) => t.driverType);
  void n;
  void viaTx;
  await pool.close({ closeDeadline: 100 });

  const executors: SQLExecutor[] = [
    sqlExecutorInNewConnection<ToyConnection>({ driverType: 'Toy:toy', connection: async () => getConnection() }),
    sqlExecutorInAmbientConnection<ToyConnection>({ driverType: 'Toy:toy', connection: async () => connection }),
  ];
  await executors[0]!.query(SQL`SELECT 1`);
  const fromClient: number = await executeInNewDbClient(async (c: ToyClient) => c.rows.length, { connect });
  const fromNew: string = await executeInNewConnection(async (c: ToyConnection) => c.driverType, {
    connection: async () => getConnection(),
  });
  const fromAmbient: string = await executeInAmbientConnection(async (c: ToyConnection) => c.driverType, {
    connection: async () => connection,
  });
  void fromClient;
  void fromNew;
  void fromAmbient;

  const factoriesOf: WithDatabaseTransactionFactory<ToyConnection>[] = [
    transactionFactoryWithDbClient<ToyConnection>(connect, initTransaction(() => connection)),
    transactionFactoryWithNewConnection<ToyConnection>(getConnection),
    transactionFactoryWithAmbientConnection<ToyConnection>(() => connection),
    transactionFactoryWithAsyncAmbientConnection<ToyConnection>('Toy:toy', async () => connection, () => {}),
  ];
  const fromFactory: ToyTransaction = factoriesOf[0]!.transaction({ allowNestedTransactions: true });
  void fromFactory;

  const counter: TransactionNestingCounter = transactionNestingCounter();
  counter.increment();
  const level: number = counter.level;
  void level;
}
