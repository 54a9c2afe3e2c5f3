// The plugin registry (RFC 4.1.2 + the project's conflict rules), through the
// public entry point. Only fake connectors ('Fake:*') are registered here, so the
// built-in SQLite entry is never disturbed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import {
  pluginRegistry,
  DumboError,
  NotRegisteredError,
  PluginAlreadyRegisteredError,
} from '@event-driven-io/dumbo';

const fakePlugin = (connector, extra = {}) => ({
  connector,
  createPool: (options) => ({ options, close: async () => {} }),
  ...extra,
});

const deferred = () => {
  let resolve, reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('package entry points', () => {
  it('resolves the package by its own name (package.json exports)', () => {
    const root = fileURLToPath(import.meta.resolve('@event-driven-io/dumbo'));
    const sqlite3 = fileURLToPath(import.meta.resolve('@event-driven-io/dumbo/sqlite3'));
    const sqlite = fileURLToPath(import.meta.resolve('@event-driven-io/dumbo/sqlite'));
    const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
    assert.equal(root, `${packageRoot}index.mjs`);
    assert.equal(sqlite3, `${packageRoot}entry/sqlite3.mjs`);
    assert.equal(sqlite, `${packageRoot}entry/sqlite.mjs`);
  });
});

describe('pluginRegistry', () => {
  it('has the built-in SQLite connector registered lazily by the root entry', () => {
    assert.equal(pluginRegistry.has('SQLite:sqlite3'), true);
    assert.equal(pluginRegistry.list()[0], 'SQLite:sqlite3');
    // Lazy: nothing is loaded until something resolves it.
    assert.equal(pluginRegistry.tryGetSync('SQLite:sqlite3'), undefined);
  });

  it('registers a concrete plugin: has, tryGetSync and resolve return it', async () => {
    const plugin = fakePlugin('Fake:one');
    assert.equal(pluginRegistry.has('Fake:one'), false);
    assert.equal(pluginRegistry.tryGetSync('Fake:one'), undefined);

    assert.equal(pluginRegistry.register('Fake:one', plugin), undefined);

    assert.equal(pluginRegistry.has('Fake:one'), true);
    assert.equal(pluginRegistry.tryGetSync('Fake:one'), plugin);
    const resolving = pluginRegistry.resolve('Fake:one');
    assert.ok(resolving instanceof Promise);
    assert.equal(await resolving, plugin);
    assert.ok(pluginRegistry.list().includes('Fake:one'));
  });

  it('lists connectors in registration order', () => {
    const before = pluginRegistry.list();
    pluginRegistry.register('Fake:order-c', fakePlugin('Fake:order-c'));
    pluginRegistry.register('Fake:order-a', () => Promise.resolve(fakePlugin('Fake:order-a')));
    pluginRegistry.register('Fake:order-b', fakePlugin('Fake:order-b'));
    assert.deepEqual(pluginRegistry.list(), [
      ...before,
      'Fake:order-c',
      'Fake:order-a',
      'Fake:order-b',
    ]);
  });

  it('a lazy entry is listed and known to has(), but tryGetSync() skips it until resolved', async () => {
    const plugin = fakePlugin('Fake:lazy');
    let loads = 0;
    pluginRegistry.register('Fake:lazy', async () => {
      loads++;
      return plugin;
    });
    assert.equal(pluginRegistry.has('Fake:lazy'), true);
    assert.ok(pluginRegistry.list().includes('Fake:lazy'));
    assert.equal(pluginRegistry.tryGetSync('Fake:lazy'), undefined);
    assert.equal(loads, 0, 'registering must not run the loader');

    assert.equal(await pluginRegistry.resolve('Fake:lazy'), plugin);
    assert.equal(loads, 1);
    assert.equal(pluginRegistry.tryGetSync('Fake:lazy'), plugin);
    // Cached: resolving again does not run the loader again.
    assert.equal(await pluginRegistry.resolve('Fake:lazy'), plugin);
    assert.equal(loads, 1);
  });

  it('runs a lazy loader once for 10 concurrent resolve() calls', async () => {
    const plugin = fakePlugin('Fake:concurrent');
    const gate = deferred();
    let loads = 0;
    pluginRegistry.register('Fake:concurrent', () => {
      loads++;
      return gate.promise;
    });
    const waiters = Array.from({ length: 10 }, () => pluginRegistry.resolve('Fake:concurrent'));
    // Still loading: not visible synchronously yet.
    assert.equal(pluginRegistry.tryGetSync('Fake:concurrent'), undefined);
    gate.resolve(plugin);
    const results = await Promise.all(waiters);
    assert.equal(loads, 1);
    assert.equal(results.length, 10);
    for (const result of results) assert.equal(result, plugin);
    assert.equal(pluginRegistry.tryGetSync('Fake:concurrent'), plugin);
  });

  it('a concrete plugin replaces a lazy entry (the loader never runs)', async () => {
    let loads = 0;
    pluginRegistry.register('Fake:replace', async () => {
      loads++;
      return fakePlugin('Fake:replace');
    });
    const concrete = fakePlugin('Fake:replace');
    const listBefore = pluginRegistry.list();
    pluginRegistry.register('Fake:replace', concrete);
    assert.equal(pluginRegistry.tryGetSync('Fake:replace'), concrete);
    assert.equal(await pluginRegistry.resolve('Fake:replace'), concrete);
    assert.equal(loads, 0);
    // Replacing keeps the connector's place in the list.
    assert.deepEqual(pluginRegistry.list(), listBefore);
  });

  it('registering the same plugin object again is a no-op', () => {
    const plugin = fakePlugin('Fake:same');
    pluginRegistry.register('Fake:same', plugin);
    const listBefore = pluginRegistry.list();
    assert.doesNotThrow(() => pluginRegistry.register('Fake:same', plugin));
    assert.doesNotThrow(() => pluginRegistry.register('Fake:same', plugin));
    assert.equal(pluginRegistry.tryGetSync('Fake:same'), plugin);
    assert.deepEqual(pluginRegistry.list(), listBefore);
    assert.equal(pluginRegistry.list().filter((c) => c === 'Fake:same').length, 1);
  });

  it('a different concrete plugin for a registered connector throws PluginAlreadyRegisteredError', () => {
    const first = fakePlugin('Fake:conflict');
    pluginRegistry.register('Fake:conflict', first);
    // Same shape, different object.
    const second = fakePlugin('Fake:conflict');
    let caught;
    try {
      pluginRegistry.register('Fake:conflict', second);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught, 'register must throw');
    assert.equal(caught.message, 'Plugin already registered for connector: Fake:conflict');
    assert.ok(caught instanceof PluginAlreadyRegisteredError);
    assert.ok(caught instanceof DumboError);
    assert.equal(caught.name, 'PluginAlreadyRegisteredError');
    assert.equal(caught.errorType, 'PluginAlreadyRegisteredError');
    assert.equal(caught.errorCode, 409);
    assert.equal(
      DumboError.isInstanceOf(caught, { errorType: 'PluginAlreadyRegisteredError', errorCode: 409 }),
      true,
    );
    // The first registration stays.
    assert.equal(pluginRegistry.tryGetSync('Fake:conflict'), first);
  });

  it('a lazy loader never replaces a concrete plugin', async () => {
    const concrete = fakePlugin('Fake:keep');
    pluginRegistry.register('Fake:keep', concrete);
    let loads = 0;
    assert.doesNotThrow(() =>
      pluginRegistry.register('Fake:keep', async () => {
        loads++;
        return fakePlugin('Fake:keep');
      }),
    );
    assert.equal(pluginRegistry.tryGetSync('Fake:keep'), concrete);
    assert.equal(await pluginRegistry.resolve('Fake:keep'), concrete);
    assert.equal(loads, 0);
  });

  it('a second lazy loader for a lazy entry is ignored', async () => {
    const plugin = fakePlugin('Fake:lazy-twice');
    let firstLoads = 0;
    let secondLoads = 0;
    pluginRegistry.register('Fake:lazy-twice', async () => {
      firstLoads++;
      return plugin;
    });
    pluginRegistry.register('Fake:lazy-twice', async () => {
      secondLoads++;
      return fakePlugin('Fake:lazy-twice');
    });
    assert.equal(await pluginRegistry.resolve('Fake:lazy-twice'), plugin);
    assert.deepEqual([firstLoads, secondLoads], [1, 0]);
  });

  it('resolve() of an unknown connector rejects with NotRegisteredError', async () => {
    await assert.rejects(pluginRegistry.resolve('Fake:unknown'), (error) => {
      assert.ok(error instanceof NotRegisteredError);
      assert.equal(error.message, 'No plugin registered for connector: Fake:unknown');
      assert.equal(error.errorType, 'NotRegisteredError');
      assert.equal(error.errorCode, 500);
      return true;
    });
    assert.equal(pluginRegistry.has('Fake:unknown'), false);
  });

  it('a failing loader rejects every waiter with its error and is retried on the next resolve', async () => {
    const plugin = fakePlugin('Fake:flaky');
    const failure = new Error('loader failed');
    failure.code = 'E_LOADER';
    const gate = deferred();
    let loads = 0;
    pluginRegistry.register('Fake:flaky', () => {
      loads++;
      return loads === 1 ? gate.promise : Promise.resolve(plugin);
    });
    const waiters = Array.from({ length: 5 }, () => pluginRegistry.resolve('Fake:flaky'));
    gate.reject(failure);
    const outcomes = await Promise.allSettled(waiters);
    assert.equal(loads, 1);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.equal(outcome.reason, failure, 'waiters get the loader error itself');
    }
    // Back to lazy: still registered, not loaded.
    assert.equal(pluginRegistry.has('Fake:flaky'), true);
    assert.equal(pluginRegistry.tryGetSync('Fake:flaky'), undefined);

    assert.equal(await pluginRegistry.resolve('Fake:flaky'), plugin);
    assert.equal(loads, 2);
    assert.equal(pluginRegistry.tryGetSync('Fake:flaky'), plugin);
  });

  it('a loader that throws synchronously rejects resolve() with that error and can be retried', async () => {
    const failure = new RangeError('sync loader failure');
    let loads = 0;
    const plugin = fakePlugin('Fake:sync-throw');
    pluginRegistry.register('Fake:sync-throw', () => {
      loads++;
      if (loads === 1) throw failure;
      return Promise.resolve(plugin);
    });
    await assert.rejects(pluginRegistry.resolve('Fake:sync-throw'), (error) => error === failure);
    assert.equal(await pluginRegistry.resolve('Fake:sync-throw'), plugin);
    assert.equal(loads, 2);
  });

  it('a loader resolving to a plugin for another connector rejects with a TypeError', async () => {
    pluginRegistry.register('Fake:wrong-load', async () => fakePlugin('Fake:other'));
    await assert.rejects(pluginRegistry.resolve('Fake:wrong-load'), {
      name: 'TypeError',
      message:
        "Plugin connector 'Fake:other' does not match the connector it is registered for: 'Fake:wrong-load'",
    });
    assert.equal(pluginRegistry.tryGetSync('Fake:wrong-load'), undefined);
    assert.equal(pluginRegistry.has('Fake:wrong-load'), true);
  });

  describe('rejects invalid registrations with a TypeError', () => {
    const plugin = fakePlugin('Fake:valid');

    it('a connector without ":"', () => {
      assert.throws(() => pluginRegistry.register('FakeNoColon', fakePlugin('FakeNoColon')), {
        name: 'TypeError',
        message:
          "Invalid connector 'FakeNoColon': expected '<DatabaseType>:<driver>', e.g. 'SQLite:sqlite3'",
      });
      assert.throws(() => pluginRegistry.register(':driver', plugin), { name: 'TypeError' });
      assert.throws(() => pluginRegistry.register('Fake:', plugin), { name: 'TypeError' });
      assert.equal(pluginRegistry.has('FakeNoColon'), false);
    });

    it('a connector that is not a string', () => {
      assert.throws(() => pluginRegistry.register(42, plugin), {
        name: 'TypeError',
        message: "Connector must be a string such as 'SQLite:sqlite3'",
      });
    });

    it("a plugin whose connector differs from the key", () => {
      assert.throws(() => pluginRegistry.register('Fake:key', fakePlugin('Fake:different')), {
        name: 'TypeError',
        message:
          "Plugin connector 'Fake:different' does not match the connector it is registered for: 'Fake:key'",
      });
      assert.equal(pluginRegistry.has('Fake:key'), false);
    });

    it('a plugin without a connector', () => {
      assert.throws(
        () => pluginRegistry.register('Fake:no-connector', { createPool: () => ({}) }),
        {
          name: 'TypeError',
          message: "Plugin for connector 'Fake:no-connector' has no connector string (nor a driverType)",
        },
      );
    });

    it('a plugin without createPool', () => {
      assert.throws(() => pluginRegistry.register('Fake:no-pool', { connector: 'Fake:no-pool' }), {
        name: 'TypeError',
        message: "Plugin for connector 'Fake:no-pool' has no createPool function",
      });
      assert.throws(
        () =>
          pluginRegistry.register('Fake:no-pool', { connector: 'Fake:no-pool', createPool: 'x' }),
        { name: 'TypeError', message: "Plugin for connector 'Fake:no-pool' has no createPool function" },
      );
      assert.equal(pluginRegistry.has('Fake:no-pool'), false);
    });

    it('a plugin that is neither an object nor a function', () => {
      for (const value of [42, 'plugin', true, null, undefined]) {
        assert.throws(() => pluginRegistry.register('Fake:primitive', value), {
          name: 'TypeError',
          message:
            "Plugin for connector 'Fake:primitive' must be a plugin object or a function returning a Promise of one",
        });
      }
      assert.equal(pluginRegistry.has('Fake:primitive'), false);
    });
  });
});

describe('pluginRegistry.extensions and onRegister', () => {
  it('extensions.register/get store values per connector and name', () => {
    const ext = { analytics: true };
    pluginRegistry.extensions.register('Fake:ext', 'analytics', ext);
    assert.equal(pluginRegistry.extensions.get('Fake:ext', 'analytics'), ext);
    assert.equal(pluginRegistry.extensions.get('Fake:ext', 'other'), undefined);
    assert.equal(pluginRegistry.extensions.get('Fake:other', 'analytics'), undefined);
  });

  it('onRegister runs once when a plugin is registered; provide() lands in extensions', () => {
    const seen = [];
    const plugin = fakePlugin('Fake:hook', {
      onRegister(registry) {
        seen.push(registry);
        registry.provide('pongo:schema', 'partitioning');
      },
    });
    pluginRegistry.register('Fake:hook', plugin);
    pluginRegistry.register('Fake:hook', plugin); // same object again: no-op, no second call
    assert.equal(seen.length, 1);
    assert.equal(pluginRegistry.extensions.get('Fake:hook', 'pongo:schema'), 'partitioning');
    assert.equal(typeof globalThis.__dumboExtensionRegistryFor, 'undefined');
  });

  it('onRegister of a lazy plugin runs when it is loaded, once', async () => {
    let calls = 0;
    const plugin = fakePlugin('Fake:lazy-hook', {
      onRegister(registry) {
        calls++;
        registry.provide('feature', 'on');
      },
    });
    pluginRegistry.register('Fake:lazy-hook', async () => plugin);
    assert.equal(calls, 0);
    await Promise.all([pluginRegistry.resolve('Fake:lazy-hook'), pluginRegistry.resolve('Fake:lazy-hook')]);
    await pluginRegistry.resolve('Fake:lazy-hook');
    assert.equal(calls, 1);
    assert.equal(pluginRegistry.extensions.get('Fake:lazy-hook', 'feature'), 'on');
  });
});
