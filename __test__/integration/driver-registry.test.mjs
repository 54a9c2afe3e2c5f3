// Upstream's driver registry API (dumboDatabaseDriverRegistry, DumboDatabaseDriverRegistry)
// over the registry pluginRegistry also uses: lookups, lazy entries, conflicts.
// Only 'Wrapped:*' / 'Fake:*' driver types are added to the shared registry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dumbo,
  pluginRegistry,
  dumboDatabaseDriverRegistry,
  DumboDatabaseDriverRegistry,
  PluginAlreadyRegisteredError,
} from '@event-driven-io/dumbo';
import { sqlite3DumboDriver } from '@event-driven-io/dumbo/sqlite3';
import { headShapedDriver, roundTrip } from '../support/wrappedDrivers.mjs';

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-driver-registry-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name) => path.join(dir, name);

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

  it('a lazy HEAD-shaped driver serves dumbo({ driverType }) through a deferred pool, loaded on first use', async () => {
    let loads = 0;
    dumboDatabaseDriverRegistry.register('Wrapped:lazy-head', async () => {
      loads += 1;
      return headShapedDriver('Wrapped:lazy-head');
    });
    const pool = dumbo({ driverType: 'Wrapped:lazy-head', connectionString: `wrapped:${file('lazy-head.db')}` });
    assert.equal(pool.driverType, 'Wrapped:lazy-head');
    assert.equal(loads, 0, 'dumbo() does not load');
    assert.deepEqual(await roundTrip(pool, 'lazy'), [{ name: 'ada' }]);
    assert.equal(loads, 1);
    assert.equal(dumboDatabaseDriverRegistry.tryGet({ driverType: 'Wrapped:lazy-head' })?.driverType, 'Wrapped:lazy-head');
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
