// Drivers in both shapes over one registry: the built-in drivers as the RFC's
// StoragePlugin and upstream's DumboDatabaseDriver, JS drivers written to either
// shape, dumbo({ driverType }) / dumbo({ driver }) (the registry API: driver-registry.test.mjs).
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
  canHandleDriverWithConnectionString,
  InvalidOperationError,
  NotRegisteredError,
  SQL,
} from '@event-driven-io/dumbo';
import {
  sqlite3DumboDriver,
  sqlite3Plugin,
  SQLite3DriverType,
  sqliteFormatter,
  sqliteMetadata,
  DefaultSQLiteMigratorOptions,
} from '@event-driven-io/dumbo/sqlite3';
import { pgTestUrl, loadPgEntry } from '../support/postgres.mjs';
import { headShapedDriver, rfcShapedPlugin, roundTrip } from '../support/wrappedDrivers.mjs';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-drivers-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name) => path.join(dir, name);

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

  it('either registry face accepts either shape', async () => {
    const head = headShapedDriver('Wrapped:head2');
    const rfc = rfcShapedPlugin('Wrapped:rfc2');
    pluginRegistry.register('Wrapped:head2', head);
    dumboDatabaseDriverRegistry.register('Wrapped:rfc2', rfc);
    assert.equal(await pluginRegistry.resolve('Wrapped:head2'), head);
    assert.equal(await dumboDatabaseDriverRegistry.tryResolve({ driverType: 'Wrapped:rfc2' }), rfc);
    const a = dumbo({ driverType: 'Wrapped:head2', connectionString: `wrapped:${file('cross-a.db')}` });
    assert.deepEqual(await roundTrip(a, 'cross'), [{ name: 'ada' }]);
    const b = dumbo({ connector: 'Wrapped:rfc2', connectionString: `wrapped:${file('cross-b.db')}` });
    assert.deepEqual(await roundTrip(b, 'cross'), [{ name: 'ada' }]);
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
