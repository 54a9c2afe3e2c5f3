// Drivers in both shapes over one registry: the built-in drivers as the RFC's
// StoragePlugin and upstream's DumboDatabaseDriver, JS drivers written to either
// shape, dumbo({ driverType }) / dumbo({ driver }), and upstream's registry API.
// Only 'Wrapped:*' / 'Fake:*' driver types are added to the shared registry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dumbo,
  pluginRegistry,
  dumboDatabaseDriverRegistry,
  DumboDatabaseDriverRegistry,
  canHandleDriverWithConnectionString,
  InvalidOperationError,
  NotRegisteredError,
  PluginAlreadyRegisteredError,
  SQL,
} from '@event-driven-io/dumbo';
import {
  sqlite3DumboDriver,
  sqlite3Plugin,
  sqlite3Pool,
  SQLite3DriverType,
  sqliteFormatter,
  sqliteMetadata,
  DefaultSQLiteMigratorOptions,
} from '@event-driven-io/dumbo/sqlite3';
import { pgTestUrl, loadPgEntry } from '../support/postgres.mjs';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-drivers-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name) => path.join(dir, name);

/** 'wrapped:<file>' → the file: a JS driver of its own type, running on the built-in SQLite pool. */
const wrappedPath = (connectionString) => (connectionString.startsWith('wrapped:') ? connectionString.slice(8) : null);

/** A driver written to upstream HEAD's DumboDatabaseDriver shape: driverType, no connector. */
function headShapedDriver(driverType, seen = []) {
  return {
    driverType,
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: DefaultSQLiteMigratorOptions,
    databaseMetadata: sqliteMetadata,
    canHandle: canHandleDriverWithConnectionString(driverType, wrappedPath),
    createPool(options) {
      seen.push(options);
      return sqlite3Pool({ connectionString: wrappedPath(options.connectionString) });
    },
  };
}

/** A driver written to the RFC's StoragePlugin shape: connector, no driverType. */
function rfcShapedPlugin(connector, seen = []) {
  return {
    connector,
    sqlFormatter: sqliteFormatter,
    defaultMigratorOptions: DefaultSQLiteMigratorOptions,
    capabilities: { json: { operators: true, indexing: false, path: true }, arrays: false, returning: true, cte: true },
    createPool(options) {
      seen.push(options);
      return sqlite3Pool({ connectionString: wrappedPath(options.connectionString) });
    },
  };
}

async function roundTrip(pool, table) {
  try {
    await pool.execute.command(SQL`CREATE TABLE ${SQL.identifier(table)} (id INTEGER PRIMARY KEY, name TEXT)`);
    await pool.execute.command(SQL`INSERT INTO ${SQL.identifier(table)} (name) VALUES (${'ada'})`);
    return (await pool.execute.query(SQL`SELECT name FROM ${SQL.identifier(table)}`)).rows;
  } finally {
    await pool.close();
  }
}

describe('built-in drivers in both shapes', () => {
  it('sqlite3DumboDriver is the RFC plugin and upstream driver at once', () => {
    assert.equal(sqlite3DumboDriver, sqlite3Plugin);
    assert.equal(SQLite3DriverType, 'SQLite:sqlite3');
    assert.equal(sqlite3DumboDriver.driverType, 'SQLite:sqlite3');
    assert.equal(sqlite3DumboDriver.connector, 'SQLite:sqlite3');
    assert.equal(sqlite3DumboDriver.databaseMetadata, sqliteMetadata);
    assert.equal(sqlite3DumboDriver.databaseMetadata.databaseType, 'SQLite');
    assert.equal(sqlite3DumboDriver.databaseMetadata.defaultDatabaseName, 'main');
    assert.deepEqual({ ...sqlite3DumboDriver.databaseMetadata.capabilities }, {
      supportsSchemas: false,
      supportsFunctions: false,
      supportsMultipleDatabases: false,
    });
    assert.equal(typeof sqlite3DumboDriver.databaseMetadata.tableExists, 'function');
    assert.equal(sqlite3DumboDriver.capabilities.json.operators, true);
    assert.equal(typeof sqlite3DumboDriver.extensions.pongo.sqlBuilder, 'function');
    assert.equal(sqlite3DumboDriver.sqlFormatter, sqliteFormatter);
    assert.equal(sqlite3DumboDriver.defaultMigratorOptions, DefaultSQLiteMigratorOptions);
  });

  it('pgDumboDriver exposes databaseMetadata (capabilities, parseDatabaseName) and driverType', async () => {
    const { pgDumboDriver, pgPlugin, PgDriverType, postgreSQLMetadata } = await loadPgEntry();
    assert.equal(pgDumboDriver, pgPlugin);
    assert.equal(PgDriverType, 'PostgreSQL:pg');
    assert.equal(pgDumboDriver.driverType, PgDriverType);
    assert.equal(pgDumboDriver.connector, PgDriverType);
    assert.equal(pgDumboDriver.databaseMetadata, postgreSQLMetadata);
    const metadata = pgDumboDriver.databaseMetadata;
    assert.equal(metadata.databaseType, 'PostgreSQL');
    assert.equal(metadata.defaultDatabaseName, 'postgres');
    assert.equal(metadata.capabilities.supportsSchemas, true);
    assert.equal(metadata.capabilities.supportsFunctions, true);
    assert.equal(metadata.capabilities.supportsMultipleDatabases, true);
    assert.equal(metadata.parseDatabaseName('postgresql://u@h:5432/orders'), 'orders');
    assert.equal(metadata.parseDatabaseName('postgresql://u@h:5432'), 'postgres');
    assert.equal(typeof metadata.tableExists, 'function');
    assert.equal(typeof metadata.functionExists, 'function');
  });

  it("canHandle follows upstream: a driverType key decides alone, else the connection string", async () => {
    const { pgDumboDriver } = await loadPgEntry();
    const pg = pgDumboDriver.canHandle;
    assert.equal(pg({ driverType: 'PostgreSQL:pg' }), true);
    assert.equal(pg({ driverType: 'SQLite:sqlite3', connectionString: 'postgresql://h/db' }), false);
    assert.equal(pg({ driverType: undefined, connectionString: 'postgresql://h/db' }), false, 'the key, even undefined');
    assert.equal(pg({ connectionString: 'postgres://h/db' }), true);
    assert.equal(pg({ connectionString: 'mysql://h/db' }), false);
    assert.equal(pg({}), false);
    assert.equal(pg({ connector: 'PostgreSQL:pg' }), true, "the RFC's connector key works the same");
    const sqlite = sqlite3DumboDriver.canHandle;
    assert.equal(sqlite({ connectionString: ':memory:' }), true);
    assert.equal(sqlite({ connectionString: 'file:x.db?mode=ro' }), true);
    assert.equal(sqlite({ connectionString: 'x.db' }), false, 'bare names are not SQLite strings upstream');
    assert.equal(sqlite({ fileName: 'x.db' }), true, 'a fileName alone (this package)');
    assert.equal(sqlite({ fileName: 'x.db', driverType: 'PostgreSQL:pg' }), false);
  });

  it('canHandleDriverWithConnectionString builds a canHandle from a tryParse function', () => {
    const can = canHandleDriverWithConnectionString('Acme:x', (cs) => (cs.startsWith('acme:') ? cs : null));
    assert.equal(can({ connectionString: 'acme://h' }), true);
    assert.equal(can({ connectionString: 'other://h' }), false);
    assert.equal(can({ driverType: 'Acme:x' }), true);
    assert.equal(can({ driverType: 'Acme:y', connectionString: 'acme://h' }), false);
    assert.equal(can({}), false);
  });
});

describe('JS drivers in either shape, through dumbo()', () => {
  it('a HEAD-shaped driver (driverType, no connector) registers and serves dumbo() by string and by driverType', async () => {
    const seen = [];
    const driver = headShapedDriver('Wrapped:head', seen);
    dumboDatabaseDriverRegistry.register('Wrapped:head', driver);
    assert.equal(pluginRegistry.tryGetSync('Wrapped:head'), driver, 'one registry: pluginRegistry sees it');
    assert.ok(dumboDatabaseDriverRegistry.databaseDriverTypes.includes('Wrapped:head'));

    const byString = dumbo({ connectionString: `wrapped:${file('head-a.db')}` });
    assert.deepEqual(await roundTrip(byString, 'people'), [{ name: 'ada' }]);

    const byType = dumbo({ driverType: 'Wrapped:head', connectionString: `wrapped:${file('head-b.db')}` });
    assert.deepEqual(await roundTrip(byType, 'people'), [{ name: 'ada' }]);
    assert.equal(fs.existsSync(file('head-b.db')), true);
    assert.equal(seen.length, 2);
  });

  it('an RFC-shaped plugin (connector, no driverType) registers and serves dumbo({ driverType }) and dumbo({ connector })', async () => {
    const seen = [];
    const plugin = rfcShapedPlugin('Wrapped:rfc', seen);
    pluginRegistry.register('Wrapped:rfc', plugin);
    assert.equal(dumboDatabaseDriverRegistry.tryGet({ driverType: 'Wrapped:rfc' }), plugin);

    const byType = dumbo({ driverType: 'Wrapped:rfc', connectionString: `wrapped:${file('rfc-a.db')}` });
    assert.deepEqual(await roundTrip(byType, 'things'), [{ name: 'ada' }]);
    const byConnector = dumbo({ connector: 'Wrapped:rfc', connectionString: `wrapped:${file('rfc-b.db')}` });
    assert.deepEqual(await roundTrip(byConnector, 'things'), [{ name: 'ada' }]);
    assert.deepEqual(
      seen.map((o) => o.driverType ?? o.connector),
      ['Wrapped:rfc', 'Wrapped:rfc'],
    );
  });

  it('dumbo({ driver }) uses that driver as is, without registering it', async () => {
    const seen = [];
    const driver = headShapedDriver('Wrapped:unregistered', seen);
    const options = { driver, connectionString: `wrapped:${file('direct.db')}`, extra: 1 };
    const pool = dumbo(options);
    assert.deepEqual(await roundTrip(pool, 'items'), [{ name: 'ada' }]);
    assert.equal(dumboDatabaseDriverRegistry.has('Wrapped:unregistered'), false);
    assert.equal(seen[0], options, 'createPool receives the caller’s options object');
    assert.equal('driverType' in options, false, 'not mutated');
  });

  it('dumbo({ driver: sqlite3DumboDriver }) and dumbo({ driverType: SQLite3DriverType }) open the built-in pool', async () => {
    const viaDriver = dumbo({ driver: sqlite3DumboDriver, connectionString: file('builtin-a.db') });
    assert.equal(viaDriver.driverType, 'SQLite:sqlite3');
    assert.deepEqual(await roundTrip(viaDriver, 'rows_a'), [{ name: 'ada' }]);
    const viaType = dumbo({ driverType: SQLite3DriverType, connectionString: file('builtin-b.db') });
    assert.deepEqual(await roundTrip(viaType, 'rows_b'), [{ name: 'ada' }]);
  });

  it('PostgreSQL: dumbo({ driver: pgDumboDriver }) as Pongo calls it, and dumbo({ driverType }) as its CLI does', async () => {
    const { pgDumboDriver, PgDriverType } = await loadPgEntry();
    const url = pgTestUrl();
    for (const pool of [
      dumbo({ connectionString: url, driver: pgDumboDriver, serialization: { serializer: undefined } }),
      dumbo({ connectionString: url, driverType: PgDriverType }),
    ]) {
      try {
        assert.equal(pool.driverType, 'PostgreSQL:pg');
        const rows = (await pool.execute.query(SQL`SELECT 40 + ${2}::int AS answer`)).rows;
        assert.deepEqual(rows, [{ answer: 42 }]);
      } finally {
        await pool.close();
      }
    }
  });
});

describe('choosing a driver: errors', () => {
  it('an unknown driverType is a NotRegisteredError with upstream’s message', () => {
    assert.throws(
      () => dumbo({ driverType: 'Unregistered:driver', connectionString: 'unregistered://localhost' }),
      (error) => {
        assert.ok(error instanceof NotRegisteredError);
        assert.equal(error.message, 'No plugin found for driver type: Unregistered:driver');
        return true;
      },
    );
  });

  it('a driverType and a connector that disagree, or a driver and a driverType, are InvalidOperationErrors', () => {
    assert.throws(
      () => dumbo({ driverType: 'SQLite:sqlite3', connector: 'PostgreSQL:pg', connectionString: ':memory:' }),
      (error) =>
        error instanceof InvalidOperationError &&
        error.message === "dumbo() options name two drivers: driverType 'SQLite:sqlite3' and connector 'PostgreSQL:pg'",
    );
    assert.throws(
      () => dumbo({ driver: sqlite3DumboDriver, driverType: 'PostgreSQL:pg', connectionString: ':memory:' }),
      (error) =>
        error instanceof InvalidOperationError &&
        error.message ===
          "dumbo() was given the driver 'SQLite:sqlite3' and the driver type 'PostgreSQL:pg': pass one of them",
    );
  });

  it('malformed driver options are TypeErrors naming the option', () => {
    assert.throws(() => dumbo({ driverType: 42, connectionString: ':memory:' }), {
      name: 'TypeError',
      message: "dumbo() option 'driverType' must be a driver type such as 'SQLite:sqlite3'",
    });
    assert.throws(() => dumbo({ driver: {}, connectionString: ':memory:' }), {
      name: 'TypeError',
      message: "dumbo() option 'driver' must be a driver object with a createPool function",
    });
    assert.throws(() => dumbo({ driver: { createPool: () => ({}) } }), {
      name: 'TypeError',
      message: "dumbo() option 'driver' has no driverType (nor a connector) string",
    });
  });

  it('a driver whose driverType differs from the key it is registered under is refused', () => {
    assert.throws(() => dumboDatabaseDriverRegistry.register('Fake:key', headShapedDriver('Fake:other')), {
      name: 'TypeError',
      message: "Plugin driverType 'Fake:other' does not match the connector it is registered for: 'Fake:key'",
    });
    assert.equal(dumboDatabaseDriverRegistry.has('Fake:key'), false);
  });
});

describe('dumboDatabaseDriverRegistry (upstream API over the same registry)', () => {
  it('is the global registry, with register / tryGet / tryResolve / has / databaseDriverTypes', () => {
    assert.equal(globalThis.dumboDatabaseDriverRegistry, dumboDatabaseDriverRegistry);
    assert.equal(dumboDatabaseDriverRegistry.has('SQLite:sqlite3'), true);
    assert.equal(dumboDatabaseDriverRegistry.has('Fake:none'), false);
    assert.deepEqual(dumboDatabaseDriverRegistry.databaseDriverTypes, pluginRegistry.list());
    assert.equal(dumboDatabaseDriverRegistry.tryGet({ driverType: 'SQLite:sqlite3' }), sqlite3DumboDriver);
    assert.equal(dumboDatabaseDriverRegistry.tryGet({ connectionString: ':memory:' }), sqlite3DumboDriver);
    assert.equal(dumboDatabaseDriverRegistry.tryGet({ driverType: 'Fake:none' }), null);
    assert.equal(dumboDatabaseDriverRegistry.tryGet({ connectionString: 'nothing://here' }), null);
  });

  it('lazy entries: has is true, tryGet is null until tryResolve loads and stores the driver', async () => {
    const registry = DumboDatabaseDriverRegistry();
    const driver = headShapedDriver('Fake:lazy');
    let loads = 0;
    registry.register('Fake:lazy', async () => {
      loads += 1;
      return driver;
    });
    assert.equal(registry.has('Fake:lazy'), true);
    assert.deepEqual(registry.databaseDriverTypes, ['Fake:lazy']);
    assert.equal(registry.tryGet({ driverType: 'Fake:lazy' }), null);
    assert.equal(loads, 0);
    // Upstream quirk kept: a lazy entry is not found through canHandle (it is not loaded).
    assert.equal(await registry.tryResolve({ connectionString: 'wrapped:x.db' }), null);
    assert.equal(await registry.tryResolve({ driverType: 'Fake:lazy' }), driver);
    assert.equal(loads, 1);
    assert.equal(registry.tryGet({ driverType: 'Fake:lazy' }), driver);
    assert.equal(registry.tryGet({ connectionString: 'wrapped:x.db' }), driver, 'loaded: canHandle takes part');
    assert.equal(await registry.tryResolve({ driverType: 'Fake:lazy' }), driver);
    assert.equal(loads, 1);
    assert.equal(await registry.tryResolve({ driverType: 'Fake:missing' }), null);
  });

  it('a new DumboDatabaseDriverRegistry() is separate from the global one', () => {
    const registry = DumboDatabaseDriverRegistry();
    registry.register('Fake:separate', headShapedDriver('Fake:separate'));
    assert.equal(registry.has('Fake:separate'), true);
    assert.equal(dumboDatabaseDriverRegistry.has('Fake:separate'), false);
    assert.equal(registry.has('SQLite:sqlite3'), false);
  });

  it('conflicts: same driver again is a no-op, a lazy one never replaces a driver, a driver replaces a lazy one; a different driver is an error (the RFC rule)', async () => {
    const registry = DumboDatabaseDriverRegistry();
    const first = headShapedDriver('Fake:dup');
    registry.register('Fake:dup', first);
    registry.register('Fake:dup', first);
    registry.register('Fake:dup', async () => headShapedDriver('Fake:dup'));
    assert.equal(registry.tryGet({ driverType: 'Fake:dup' }), first);
    assert.throws(() => registry.register('Fake:dup', headShapedDriver('Fake:dup')), (error) => {
      assert.ok(error instanceof PluginAlreadyRegisteredError);
      assert.equal(error.message, 'Plugin already registered for connector: Fake:dup');
      return true;
    });
    assert.equal(registry.tryGet({ driverType: 'Fake:dup' }), first);

    registry.register('Fake:upgrade', async () => assert.fail('the lazy loader must not run'));
    const concrete = headShapedDriver('Fake:upgrade');
    registry.register('Fake:upgrade', concrete);
    assert.equal(await registry.tryResolve({ driverType: 'Fake:upgrade' }), concrete);
  });

  it('the root entry’s lazy built-ins resolve from a connection string (tryResolve) in a fresh process', async () => {
    const { execFile } = await import('node:child_process');
    const source = `
      import { dumboDatabaseDriverRegistry as r } from '@event-driven-io/dumbo';
      const before = r.tryGet({ connectionString: ':memory:' });
      const resolved = await r.tryResolve({ connectionString: ':memory:' });
      const pg = await r.tryResolve({ connectionString: 'postgresql://u@127.0.0.1/db' });
      console.log(JSON.stringify({
        before, sqlite: resolved?.driverType, pg: pg?.driverType,
        after: r.tryGet({ connectionString: ':memory:' })?.driverType,
        none: await r.tryResolve({ connectionString: 'mysql://h/db' }),
      }));
    `;
    const stdout = await new Promise((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', source], { cwd: process.cwd(), timeout: 60_000 }, (e, out, err) =>
        e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out),
      ),
    );
    assert.deepEqual(JSON.parse(stdout.trim().split('\n').pop()), {
      before: null,
      sqlite: 'SQLite:sqlite3',
      pg: 'PostgreSQL:pg',
      after: 'SQLite:sqlite3',
      none: null,
    });
  });
});
