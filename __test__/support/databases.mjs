// Targets for the shared behaviour suite (__test__/shared/behaviour.mjs): one database
// per test file, the dumbo() factory to open pools on it, and the few dialect
// differences the tests need. A community plugin (DuckDB, better-sqlite3, ...) gets
// tested by describing itself the same way.
//
// Target shape:
//   name               'SQLite' | 'PostgreSQL' | ...
//   label              what the suite's describe() says (name plus mode)
//   connectionString   set by setup()
//   dumbo(options)     opens a pool on the target's database: dumbo({ connectionString, ...options })
//   setup()/teardown() create / remove the database of this file
//   features           defaults for what the database can do (see behaviour.mjs)
//   sql                dialect bits: serialPrimaryKey, bigint, double, trueValue, falseValue
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase, loadPgEntry } from './postgres.mjs';

/**
 * SQLite through '@event-driven-io/dumbo/sqlite3' (direct mode). By default a database
 * file in a temp directory of its own (dual pool: one writer, reader connections);
 * `memory: true` gives ':memory:' (one shared connection, so reads are never isolated
 * from an open transaction).
 */
export function sqliteTarget({ memory = false } = {}) {
  let dir;
  let factory;
  const target = {
    name: 'SQLite',
    label: memory ? 'SQLite (:memory:, direct mode)' : 'SQLite (file, direct mode)',
    connectionString: undefined,
    features: memory ? { isolatedReads: false } : {},
    sql: {
      serialPrimaryKey: 'INTEGER PRIMARY KEY',
      bigint: 'INTEGER',
      double: 'REAL',
      trueValue: 1,
      falseValue: 0,
    },
    async setup() {
      ({ dumbo: factory } = await import('@event-driven-io/dumbo/sqlite3'));
      if (memory) {
        target.connectionString = ':memory:';
      } else {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-shared-'));
        target.connectionString = path.join(dir, 'shared.db');
      }
    },
    async teardown() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
    dumbo(options = {}) {
      if (!factory) throw new Error(`${target.label}: setup() has not run`);
      return factory({ connectionString: target.connectionString, ...options });
    },
  };
  return target;
}

/**
 * PostgreSQL on a database of its own, `dumbo_test_<tag>`, on the run's server
 * (DUMBO_TEST_PG_URL). mode 'direct' uses '@event-driven-io/dumbo/pg'; mode 'auto'
 * uses the root package's dumbo() (deferred pool, driver picked from the
 * postgresql:// connection string).
 */
export function postgresTarget(tag, { mode = 'direct' } = {}) {
  let factory;
  let created = false;
  const target = {
    name: 'PostgreSQL',
    label: `PostgreSQL (${mode === 'auto' ? 'automatic mode, root dumbo()' : 'direct mode, @event-driven-io/dumbo/pg'})`,
    connectionString: undefined,
    features: {},
    sql: {
      serialPrimaryKey: 'SERIAL PRIMARY KEY',
      bigint: 'BIGINT',
      double: 'DOUBLE PRECISION',
      trueValue: true,
      falseValue: false,
    },
    async setup() {
      // The database is created with the PostgreSQL entry itself: this fails (loudly,
      // with the import error) until '@event-driven-io/dumbo/pg' exists.
      target.connectionString = await createTestDatabase(tag);
      created = true;
      if (mode === 'auto') ({ dumbo: factory } = await import('@event-driven-io/dumbo'));
      else ({ dumbo: factory } = await loadPgEntry());
    },
    async teardown() {
      if (created) await dropTestDatabase(tag);
      created = false;
    },
    dumbo(options = {}) {
      if (!factory) throw new Error(`${target.label}: setup() has not run`);
      return factory({ connectionString: target.connectionString, ...options });
    },
  };
  return target;
}

// Community plugins (examples/, npm workspaces): `mode: 'direct'` imports the plugin
// package's own dumbo() (option 3 of issue 4); `mode: 'auto'` registers the plugin
// lazily, as its README tells users, and goes through the root package's dumbo() with
// an explicit connector (a lazy plugin's canHandle cannot run before it is loaded).
async function pluginFactory(mode, connector, specifier) {
  if (mode !== 'auto') return (await import(specifier)).dumbo;
  const { dumbo, pluginRegistry } = await import('@event-driven-io/dumbo');
  if (!pluginRegistry.has(connector)) {
    pluginRegistry.register(connector, () => import(specifier).then((m) => m.plugin));
  }
  return (options) => dumbo({ connector, ...options });
}

const pluginLabel = (name, mode, specifier) =>
  `${name} (${mode === 'auto' ? 'automatic mode, root dumbo(), lazily registered' : `direct mode, ${specifier}`})`;

/**
 * DuckDB through the community plugin '@acme/dumbo-duckdb' ('DuckDB:nodejs'), on a
 * database file in a temp directory of its own (every pool of the file shares
 * DuckDB's instance; each has its own connections). DuckDB has no savepoints.
 * DuckDB has no SERIAL either: `sql.serialPrimaryKey` gives each table a sequence of
 * its own (created by setup()).
 */
export function duckdbTarget({ mode = 'direct' } = {}) {
  const SEQUENCES = 16;
  const specifier = '@acme/dumbo-duckdb';
  let dir;
  let factory;
  let serial = 0;
  const target = {
    name: 'DuckDB',
    label: pluginLabel('DuckDB', mode, specifier),
    connectionString: undefined,
    features: { savepoints: false, deferredConstraints: false },
    sql: {
      get serialPrimaryKey() {
        if (serial >= SEQUENCES) throw new Error(`${target.label}: only ${SEQUENCES} serial sequences were created`);
        serial++;
        return `INTEGER PRIMARY KEY DEFAULT nextval('dumbo_serial_${serial}')`;
      },
      bigint: 'BIGINT',
      double: 'DOUBLE',
      trueValue: true,
      falseValue: false,
    },
    async setup() {
      factory = await pluginFactory(mode, 'DuckDB:nodejs', specifier);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-duckdb-'));
      target.connectionString = `duckdb:${path.join(dir, 'shared.duckdb')}`;
      const { SQL } = await import('@event-driven-io/dumbo');
      const pool = target.dumbo();
      try {
        for (let i = 1; i <= SEQUENCES; i++) {
          await pool.execute.command(SQL`CREATE SEQUENCE ${SQL.identifier(`dumbo_serial_${i}`)}`);
        }
      } finally {
        await pool.close();
      }
    },
    async teardown() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
    dumbo(options = {}) {
      if (!factory) throw new Error(`${target.label}: setup() has not run`);
      return factory({ connectionString: target.connectionString, ...options });
    },
  };
  return target;
}

/**
 * SQLite through the community plugin '@acme/dumbo-better-sqlite3'
 * ('SQLite:better-sqlite3'). By default a database file in a temp directory of its
 * own (writer plus a read-only handle for reads outside a transaction); `memory: true`
 * gives ':memory:' (one handle, so reads are never isolated from an open transaction).
 */
export function betterSqlite3Target({ mode = 'direct', memory = false } = {}) {
  const specifier = '@acme/dumbo-better-sqlite3';
  let dir;
  let factory;
  const target = {
    name: 'SQLite',
    label: `${pluginLabel('SQLite:better-sqlite3', mode, specifier)}${memory ? ', :memory:' : ', file'}`,
    connectionString: undefined,
    features: memory ? { isolatedReads: false } : {},
    sql: {
      serialPrimaryKey: 'INTEGER PRIMARY KEY',
      bigint: 'INTEGER',
      double: 'REAL',
      trueValue: 1,
      falseValue: 0,
    },
    async setup() {
      factory = await pluginFactory(mode, 'SQLite:better-sqlite3', specifier);
      if (memory) {
        target.connectionString = ':memory:';
      } else {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-better-sqlite3-'));
        target.connectionString = path.join(dir, 'shared.db');
      }
    },
    async teardown() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
    dumbo(options = {}) {
      if (!factory) throw new Error(`${target.label}: setup() has not run`);
      return factory({ connectionString: target.connectionString, ...options });
    },
  };
  return target;
}
