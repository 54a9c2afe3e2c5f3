'use strict';
// Upstream's driver registry API (DumboDatabaseDriverRegistry) over the native
// registry that also backs pluginRegistry: one set of entries, two faces. Where
// the plugin registry's rules differ from upstream's (a second, different driver for
// a taken driver type is an error, not ignored), the plugin registry's apply
// (docs/drivers.md).
const { binding, nativeRegistry } = require('./native.cjs');
const { extensionsFor } = require('./registry.cjs');

function driverRegistryOver(native) {
  return {
    /** A driver, or `() => Promise<driver>` loaded on first resolve. */
    register: (driverType, driver) => native.register(driverType, driver),
    /** The loaded driver serving `options` (`{ driverType }` or `{ connectionString }`), or null. */
    tryGet: (options) => {
      const driverType = native.driverTypeFor(options);
      return driverType == null ? null : (native.tryGetSync(driverType) ?? null);
    },
    /** Like tryGet, but loads a lazy entry first. */
    tryResolve: async (options) => {
      const driverType = native.driverTypeFor(options);
      return driverType == null || !native.has(driverType) ? null : native.resolve(driverType);
    },
    has: (driverType) => native.has(driverType),
    get databaseDriverTypes() {
      return native.list();
    },
  };
}

/** A new, empty registry (the shared one is `dumboDatabaseDriverRegistry`). */
const DumboDatabaseDriverRegistry = () => driverRegistryOver(new binding.NativePluginRegistry(extensionsFor));

const dumboDatabaseDriverRegistry = driverRegistryOver(nativeRegistry(extensionsFor));
globalThis.dumboDatabaseDriverRegistry ??= dumboDatabaseDriverRegistry;

module.exports = { DumboDatabaseDriverRegistry, dumboDatabaseDriverRegistry };
