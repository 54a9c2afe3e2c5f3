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
