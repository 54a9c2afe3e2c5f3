// @event-driven-io/dumbo/cloudflare: the 'SQLite:d1' driver over a real D1 binding
// (Miniflare's, the local implementation Cloudflare's own tooling uses): statements,
// parameters, batches, errors, transactions as D1 allows them, sessions, the registry.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Miniflare } from 'miniflare';
import {
  SQL,
  BatchCommandNoChangesError,
  CheckViolationError,
  DumboError,
  ForeignKeyViolationError,
  JSONSerializer,
  InvalidOperationError,
  NotNullViolationError,
  UniqueConstraintError,
  dumbo,
  dumboDatabaseDriverRegistry,
  pluginRegistry,
  runSQLMigrations,
  sqlMigration,
} from '@event-driven-io/dumbo';
import * as cloudflare from '@event-driven-io/dumbo/cloudflare';

const {
  D1DriverType,
  D1TransactionNotSupportedError,
  d1Client,
  d1Connection,
  d1DumboDriver,
  d1Pool,
} = cloudflare;

const require = createRequire(import.meta.url);

let mf;
let database;
let tableNumber = 0;
/** A fresh table name per test: all tests share one D1 database. */
const nextTable = (prefix = 't') => `${prefix}_${++tableNumber}`;

before(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    d1Databases: ['DB'],
  });
  database = await mf.getD1Database('DB');
});

after(async () => {
  await mf?.dispose();
});

const withPool = async (options, handle) => {
  const pool = d1Pool({ database, ...options });
  try {
    return await handle(pool);
  } finally {
    await pool.close();
  }
};

describe('D1: the entry point', () => {
  it('exports every name upstream 0.13.0-beta.47 exports from /cloudflare', () => {
    const upstream = [
      'D1DriverType', 'D1TransactionNotSupportedError', 'DEFAULT_SQLITE_PRAGMA_OPTIONS',
      'DefaultSQLiteMigratorOptions', 'InMemorySQLiteDatabase', 'SQLiteConnectionString',
      'SQLiteDatabaseName', 'SQLiteJSON', 'd1Client', 'd1Connection', 'd1DumboDriver', 'd1Pool',
      'd1SQLExecutor', 'd1Transaction', 'defaultSQLiteDatabase', 'isInMemoryDatabase',
      'isSQLiteError', 'mapD1Error', 'mapSqliteError', 'parsePragmasFromConnectionString',
      'sqliteAlwaysNewConnectionPool', 'sqliteAmbientClientConnection', 'sqliteAmbientConnectionPool',
      'sqliteClientConnection', 'sqliteConnection', 'sqliteExecute', 'sqliteFormatter',
      'sqliteMetadata', 'sqlitePool', 'sqlitePoolClientConnection', 'sqliteSQLExecutor',
      'sqliteSingletonConnectionPool', 'sqliteTransaction', 'tableExists', 'toSqlitePoolOptions',
      'useD1DumboDriver',
    ];
    assert.equal(upstream.length, 36);
    assert.deepEqual(upstream.filter((name) => cloudflare[name] === undefined), []);
    // This package's extras, the same as /sqlite's; nothing of the native driver.
    const extras = Object.keys(cloudflare).filter((name) => name !== 'default' && !upstream.includes(name));
    assert.deepEqual(extras.sort(), ['DumboError', 'indexExists', 'isSQLiteConnectionString', 'sqliteIndexName', 'sqliteTableName']);
    assert.equal(D1DriverType, 'SQLite:d1');
  });

  it("does not load the native SQLite driver's pool or plugin", () => {
    const loaded = Object.keys(require.cache).filter((file) => /lib[\\/]sqlite[\\/](pool|plugin|guard)\.cjs$/.test(file));
    assert.deepEqual(loaded, []);
  });

  it('registers the driver in both shapes on import', async () => {
    assert.equal(pluginRegistry.has('SQLite:d1'), true);
    const driver = await pluginRegistry.resolve('SQLite:d1');
    assert.equal(driver, d1DumboDriver);
    assert.equal(driver.driverType, 'SQLite:d1');
    assert.equal(driver.connector, 'SQLite:d1');
    assert.equal(driver.databaseMetadata.databaseType, 'SQLite');
    assert.equal(typeof driver.databaseMetadata.tableExists, 'function');
    assert.equal(driver.sqlFormatter, cloudflare.sqliteFormatter);
    assert.deepEqual(driver.capabilities.json, { operators: true, indexing: false, path: true });
    assert.equal(driver.canHandle({ driverType: 'SQLite:d1', database }), true);
    assert.equal(driver.canHandle({ driverType: 'SQLite:d1' }), false);
    assert.equal(driver.canHandle({ driverType: 'SQLite:sqlite3', database }), false);
    // Upstream's registry face sees the same driver.
    assert.equal(dumboDatabaseDriverRegistry.tryGet('SQLite:d1'), d1DumboDriver);
    // Registering again (a second import or an explicit call) is accepted.
    cloudflare.useD1DumboDriver();
  });

  it("dumbo({ driverType: 'SQLite:d1', database }) from the root entry runs on the binding", async () => {
    const pool = dumbo({ driverType: 'SQLite:d1', database });
    try {
      assert.equal(pool.driverType, 'SQLite:d1');
      const { rows } = await pool.execute.query(SQL`SELECT ${41} + 1 AS answer`);
      assert.deepEqual(rows, [{ answer: 42 }]);
    } finally {
      await pool.close();
    }
  });

  it('a pool without a database or connection rejects with InvalidOperationError', async () => {
    const pool = d1Pool({});
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.equal(error.message, 'D1 database or connection is required');
      return true;
    });
    await assert.rejects(pool.connection(), InvalidOperationError);
    await pool.close();
  });

  it('SQLite options D1 cannot honour are refused, naming the option', () => {
    assert.throws(() => d1Pool({ database, pragmaOptions: { foreign_keys: true } }), (error) => {
      assert.ok(error instanceof InvalidOperationError);
      assert.match(error.message, /'pragmaOptions'/);
      return true;
    });
    assert.throws(() => d1Pool({ database, defaultTransactionMode: 'IMMEDIATE' }), /'defaultTransactionMode'/);
    assert.throws(() => d1Pool({ database, readonly: true }), /'readonly'/);
  });
});

describe('D1: statements and parameters', () => {
  it('query returns rows and rowCount; command returns the changed rows', async () => {
    const table = nextTable();
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER PRIMARY KEY, name TEXT)`);
      const inserted = await pool.execute.command(
        SQL`INSERT INTO ${SQL.identifier(table)} (name) VALUES (${'a'}), (${'b'}), (${'c'})`,
      );
      assert.equal(inserted.rowCount, 3);
      const updated = await pool.execute.command(
        SQL`UPDATE ${SQL.identifier(table)} SET name = ${'z'} WHERE id > ${1}`,
      );
      assert.equal(updated.rowCount, 2);
      const result = await pool.execute.query(SQL`SELECT id, name FROM ${SQL.identifier(table)} ORDER BY id`);
      assert.equal(result.rowCount, 3);
      assert.deepEqual(result.rows, [
        { id: 1, name: 'a' },
        { id: 2, name: 'z' },
        { id: 3, name: 'z' },
      ]);
      const returning = await pool.execute.command(
        SQL`DELETE FROM ${SQL.identifier(table)} WHERE id = ${3} RETURNING name`,
      );
      assert.equal(returning.rowCount, 1);
      assert.deepEqual(returning.rows, [{ name: 'z' }]);
    });
  });

  it('binds parameters of every type the SQLite formatter produces', async () => {
    const table = nextTable();
    await withPool({}, async (pool) => {
      await pool.execute.command(
        SQL`CREATE TABLE ${SQL.identifier(table)} (i INTEGER, r REAL, t TEXT, b INTEGER, n TEXT, u TEXT, big TEXT, d TEXT, j TEXT, bl BLOB)`,
      );
      const date = new Date('2026-01-02T03:04:05.678Z');
      await pool.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} VALUES (
        ${42}, ${1.5}, ${"it's; -- not SQL"}, ${true}, ${null}, ${undefined}, ${12345678901234567890n},
        ${date}, ${{ nested: [1, 'x'] }}, ${Buffer.from([0, 1, 255])})`);
      const { rows } = await pool.execute.query(
        SQL`SELECT i, r, t, b, n, u, big, d, j, typeof(bl) AS blType, hex(bl) AS blHex FROM ${SQL.identifier(table)}`,
      );
      assert.deepEqual(rows, [
        {
          i: 42,
          r: 1.5,
          t: "it's; -- not SQL",
          b: 1,
          n: null,
          u: null,
          big: '12345678901234567890',
          d: '2026-01-02T03:04:05.678Z',
          j: '{"nested":[1,"x"]}',
          blType: 'blob',
          blHex: '0001FF',
        },
      ]);
      const { rows: json } = await pool.execute.query(
        SQL`SELECT json_extract(j, '$.nested[1]') AS x FROM ${SQL.identifier(table)} WHERE ${SQL.in('i', [41, 42])}`,
      );
      assert.deepEqual(json, [{ x: 'x' }]);
    });
  });

  it('query applies the mapping option', async () => {
    await withPool({}, async (pool) => {
      const { rows } = await pool.execute.query(SQL`SELECT ${'{"a":1}'} AS doc, ${7} AS n`, {
        mapping: { doc: (value) => JSON.parse(value) },
      });
      assert.deepEqual(rows, [{ doc: { a: 1 }, n: 7 }]);
    });
  });

  it('batchQuery runs every statement and returns one result each', async () => {
    await withPool({}, async (pool) => {
      const results = await pool.execute.batchQuery([SQL`SELECT 1 AS a`, SQL`SELECT ${2} AS b UNION ALL SELECT 3`]);
      assert.deepEqual(
        results.map((r) => [r.rowCount, r.rows]),
        [
          [1, [{ a: 1 }]],
          [2, [{ b: 2 }, { b: 3 }]],
        ],
      );
    });
  });

  it('batchCommand is atomic: a failing statement leaves none of the batch applied', async () => {
    const table = nextTable();
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER PRIMARY KEY)`);
      const ok = await pool.execute.batchCommand([
        SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${1})`,
        SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${2}), (${3})`,
      ]);
      assert.deepEqual(ok.map((r) => r.rowCount), [1, 2]);
      await assert.rejects(
        pool.execute.batchCommand([
          SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${4})`,
          SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${1})`,
        ]),
        UniqueConstraintError,
      );
      const { rows } = await pool.execute.query(SQL`SELECT id FROM ${SQL.identifier(table)} ORDER BY id`);
      assert.deepEqual(rows.map((r) => r.id), [1, 2, 3]);
    });
  });

  it('batchCommand with assertChanges names the statement that changed nothing', async () => {
    const table = nextTable();
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER PRIMARY KEY, v INTEGER)`);
      await pool.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id, v) VALUES (1, 0)`);
      await assert.rejects(
        pool.execute.batchCommand(
          [
            SQL`UPDATE ${SQL.identifier(table)} SET v = 1 WHERE id = ${1}`,
            SQL`UPDATE ${SQL.identifier(table)} SET v = 1 WHERE id = ${99}`,
          ],
          { assertChanges: true },
        ),
        (error) => {
          assert.ok(error instanceof BatchCommandNoChangesError);
          assert.equal(error.statementIndex, 1);
          return true;
        },
      );
    });
  });
});

describe('D1: errors', () => {
  const expectations = [
    ['UNIQUE', UniqueConstraintError, (t) => SQL`INSERT INTO ${SQL.identifier(t)} (id, name, parent, n) VALUES (2, 'a', NULL, 1)`],
    ['PRIMARY KEY', UniqueConstraintError, (t) => SQL`INSERT INTO ${SQL.identifier(t)} (id, name, parent, n) VALUES (1, 'q', NULL, 1)`],
    ['NOT NULL', NotNullViolationError, (t) => SQL`INSERT INTO ${SQL.identifier(t)} (id, name, parent, n) VALUES (3, NULL, NULL, 1)`],
    ['CHECK', CheckViolationError, (t) => SQL`INSERT INTO ${SQL.identifier(t)} (id, name, parent, n) VALUES (4, 'c', NULL, -1)`],
    ['FOREIGN KEY', ForeignKeyViolationError, (t) => SQL`INSERT INTO ${SQL.identifier(t)} (id, name, parent, n) VALUES (5, 'd', 999, 1)`],
    ['syntax error', InvalidOperationError, () => SQL`SELEC 1`],
    ['no such table', InvalidOperationError, () => SQL`SELECT * FROM no_such_table_here`],
  ];

  it('constraint violations and invalid statements map to the DumboError classes', async () => {
    const table = nextTable('err');
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
        parent INTEGER REFERENCES ${SQL.identifier(table)}(id), n INTEGER CHECK (n > 0))`);
      await pool.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id, name, parent, n) VALUES (1, 'a', NULL, 1)`);
      for (const [what, ErrorClass, statement] of expectations) {
        for (const run of [(sql) => pool.execute.command(sql), (sql) => pool.execute.query(sql)]) {
          await assert.rejects(run(statement(table)), (error) => {
            assert.ok(error instanceof ErrorClass, `${what}: got ${error?.constructor?.name}: ${error?.message}`);
            assert.ok(error.innerError instanceof Error, what);
            assert.match(error.message, /^D1_ERROR/, what);
            return true;
          });
        }
      }
    });
  });

  it('mapD1Error maps what the binding throws, prefixes and platform messages', async () => {
    const { mapD1Error } = cloudflare;
    let bindingError;
    try {
      await database.prepare('SELECT ?').bind(undefined).all();
    } catch (error) {
      bindingError = error;
    }
    assert.match(bindingError.message, /^D1_TYPE_ERROR/);
    const mapped = mapD1Error(bindingError);
    assert.equal(mapped.errorType, 'DataError');
    assert.equal(mapped.innerError, bindingError);
    const cases = [
      ['D1_COLUMN_NOTFOUND: no such column', 'DataError'],
      ['D1_DUMP_ERROR: dump failed', 'SystemError'],
      ['D1_SESSION_ERROR: bad bookmark', 'ConnectionError'],
      ['Network connection lost.', 'ConnectionError'],
      ['Cannot resolve D1 DB due to transient issue on remote node.', 'ConnectionError'],
      ['D1 DB reset because its code was updated.', 'ConnectionError'],
      ['D1 DB is overloaded. Too many requests queued.', 'InsufficientResourcesError'],
      ['Memory limit would be exceeded by this operation.', 'InsufficientResourcesError'],
      ['D1_ERROR: SQLITE_BUSY: database is locked', 'LockNotAvailableError'],
      ['D1_EXEC_ERROR: Error in line 1: SQLITE_TOOBIG', 'DataError'],
      ['D1_ERROR: something else', 'InvalidOperationError'],
      ['SQLITE_READONLY: attempt to write a readonly database', 'InvalidOperationError'],
      ['D1_ERROR: CHECK constraint failed: n > 0', 'CheckViolationError'],
      ['something unknown', 'DumboError'],
    ];
    for (const [message, errorType] of cases) {
      const error = mapD1Error(new Error(message));
      assert.equal(error.errorType, errorType, message);
      assert.equal(error.message, message);
      assert.ok(error instanceof DumboError);
    }
    assert.equal(mapD1Error(new Error('x')).errorCode, 500);
    const already = new UniqueConstraintError('kept');
    assert.equal(mapD1Error(already), already);
    assert.equal(mapD1Error('a string').message, 'a string');
  });
});

describe('D1: transactions', () => {
  it('without session mode, beginning a transaction throws D1TransactionNotSupportedError', async () => {
    const table = nextTable();
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER)`);
      let ran = false;
      await assert.rejects(
        pool.withTransaction(async () => {
          ran = true;
        }),
        (error) => {
          assert.ok(error instanceof D1TransactionNotSupportedError);
          assert.ok(error instanceof Error);
          assert.equal(DumboError.isInstanceOf(error), false);
          assert.equal(error.name, 'D1TransactionNotSupportedError');
          assert.match(error.message, /^D1 does not support SQL transactions/);
          return true;
        },
      );
      assert.equal(ran, false);
      const tx = pool.transaction();
      await assert.rejects(tx.begin(), D1TransactionNotSupportedError);
      // The refused transaction does not stay behind: a session-based one works next.
      const rows = await pool.withTransaction(
        async (session) => (await session.execute.query(SQL`SELECT count(*) AS n FROM ${SQL.identifier(table)}`)).rows,
        { mode: 'session_based' },
      );
      assert.deepEqual(rows, [{ n: 0 }]);
      await assert.rejects(
        pool.withConnection((connection) => connection.withTransaction(async () => {}, { mode: 'strict' })),
        D1TransactionNotSupportedError,
      );
    });
  });

  it("with { mode: 'session_based' } a transaction runs in a D1 session and commits", async () => {
    const table = nextTable();
    await withPool({ transactionOptions: { mode: 'session_based' } }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER)`);
      const result = await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${1})`);
        const { rows } = await tx.execute.query(SQL`SELECT count(*) AS n FROM ${SQL.identifier(table)}`);
        return rows[0].n;
      });
      assert.equal(result, 1);
      const { rows } = await pool.execute.query(SQL`SELECT id FROM ${SQL.identifier(table)}`);
      assert.deepEqual(rows, [{ id: 1 }]);
    });
  });

  it('a session is not a rollback: work done before an error stays, and the error is rethrown', async () => {
    const table = nextTable();
    await withPool({}, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER)`);
      const failure = new Error('handler failed');
      await assert.rejects(
        pool.withTransaction(
          async (tx) => {
            await tx.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${1})`);
            throw failure;
          },
          { mode: 'session_based' },
        ),
        (error) => error === failure,
      );
      const { rows } = await pool.execute.query(SQL`SELECT id FROM ${SQL.identifier(table)}`);
      assert.deepEqual(rows, [{ id: 1 }]);
    });
  });

  it('nested transactions share the session when allowNestedTransactions is set', async () => {
    const table = nextTable();
    await withPool({ transactionOptions: { mode: 'session_based', allowNestedTransactions: true } }, async (pool) => {
      await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER)`);
      await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (1)`);
        await tx.withTransaction(async (inner) => {
          await inner.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (2)`);
        });
        await tx.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (3)`);
      });
      const { rows } = await pool.execute.query(SQL`SELECT id FROM ${SQL.identifier(table)} ORDER BY id`);
      assert.deepEqual(rows.map((r) => r.id), [1, 2, 3]);
    });
    await withPool({ transactionOptions: { mode: 'session_based' } }, async (pool) => {
      await assert.rejects(
        pool.withTransaction((tx) => tx.withTransaction(async () => {})),
        (error) => error instanceof InvalidOperationError && /nested transaction/.test(error.message),
      );
    });
  });

  it('useSavepoints is refused: a D1 session cannot undo nested work', async () => {
    await withPool({ transactionOptions: { mode: 'session_based', allowNestedTransactions: true } }, async (pool) => {
      await assert.rejects(
        pool.withTransaction(async () => {}, { useSavepoints: true }),
        (error) => error instanceof InvalidOperationError && /useSavepoints/.test(error.message),
      );
      assert.equal(await pool.withTransaction(async () => 'next one runs'), 'next one runs');
    });
  });

  it('executing on a transaction that has not begun throws InvalidOperationError', async () => {
    await withPool({}, async (pool) => {
      await pool.withConnection(async (connection) => {
        const tx = connection.transaction({ mode: 'session_based' });
        await assert.rejects(tx.execute.query(SQL`SELECT 1`), (error) => {
          assert.ok(error instanceof InvalidOperationError);
          assert.equal(error.message, 'Transaction has not been started. Call begin() first.');
          return true;
        });
        await tx.begin();
        assert.deepEqual((await tx.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
        await tx.commit();
        await assert.rejects(tx.execute.query(SQL`SELECT 1`), InvalidOperationError);
      });
    });
  });

  it('migrations run on D1 in a session transaction', async () => {
    const table = nextTable('migrated');
    await withPool({ transactionOptions: { mode: 'session_based' } }, async (pool) => {
      const migrations = [sqlMigration(`d1_${table}`, [SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER)`])];
      const first = await runSQLMigrations(pool, migrations);
      assert.deepEqual(first.applied.map((m) => m.name), [`d1_${table}`]);
      const second = await runSQLMigrations(pool, migrations);
      assert.deepEqual(second.applied, []);
      assert.equal(await cloudflare.tableExists(pool.execute, table), true);
    });
  });
});

describe('D1: tracing', () => {
  it('DUMBO_LOG_LEVEL=INFO traces D1 statements (SQL and parameters) and their errors', async () => {
    const printed = [];
    const original = { info: console.info, error: console.error, level: process.env.DUMBO_LOG_LEVEL };
    console.info = (text) => printed.push(String(text));
    console.error = (text) => printed.push(String(text));
    process.env.DUMBO_LOG_LEVEL = 'INFO';
    // The level is read once per event-loop turn.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await withPool({}, async (pool) => {
        await pool.execute.query(SQL`SELECT ${'traced-value'} AS v`);
        await pool.execute.query(SQL`SELECT * FROM no_such_traced_table`).catch(() => {});
      });
    } finally {
      console.info = original.info;
      console.error = original.error;
      if (original.level === undefined) delete process.env.DUMBO_LOG_LEVEL;
      else process.env.DUMBO_LOG_LEVEL = original.level;
    }
    const output = printed.join('\n');
    assert.match(output, /db:sql:query/);
    assert.match(output, /SELECT \? AS v/);
    assert.match(output, /traced-value/);
    assert.match(output, /db:sql:query:execute:error/);
  });
});

describe('D1: connections, clients and sessions', () => {
  it('d1Connection over a binding, and withD1Session for sequentially consistent reads', async () => {
    const table = nextTable();
    const connection = d1Connection({ database, serializer: JSONSerializer });
    await connection.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER)`);
    const seen = await connection.withD1Session(async (session) => {
      assert.ok((await session.open()).session, 'runs on a D1 session');
      await session.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (id) VALUES (${5})`);
      return (await session.execute.query(SQL`SELECT id FROM ${SQL.identifier(table)}`)).rows;
    }, 'first-primary');
    assert.deepEqual(seen, [{ id: 5 }]);
    const sessionConnection = await connection.d1Session({ constraintOrBookmark: 'first-unconstrained' });
    assert.deepEqual((await sessionConnection.execute.query(SQL`SELECT count(*) AS n FROM ${SQL.identifier(table)}`)).rows, [{ n: 1 }]);
    await connection.close();
  });

  it('d1Client runs statements on the binding directly', async () => {
    const client = d1Client({ database });
    assert.equal(client.database, database);
    await client.connect();
    const { rows, rowCount } = await client.query(SQL`SELECT ${'x'} AS v`);
    assert.deepEqual({ rows, rowCount }, { rows: [{ v: 'x' }], rowCount: 1 });
    const session = await client.withSession();
    assert.ok(session.session);
    assert.deepEqual((await session.batchQuery([SQL`SELECT 1 AS a`])).map((r) => r.rows), [[{ a: 1 }]]);
    await client.close();
  });

  it('a closed pool rejects further work', async () => {
    const pool = d1Pool({ database });
    await pool.execute.query(SQL`SELECT 1`);
    await pool.close();
    await assert.rejects(pool.execute.query(SQL`SELECT 1`), InvalidOperationError);
  });
});
