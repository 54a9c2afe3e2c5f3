'use strict';
// pluginRegistry: a thin face over the native registry of this JS thread,
// plus the extension registry for extensions unknown at compile time.
const { nativeRegistry } = require('./native.cjs');

const EXTENSIONS_KEY = Symbol.for('@event-driven-io/dumbo:extensions');

function extensionStore() {
  let store = globalThis[EXTENSIONS_KEY];
  if (!store) {
    store = new Map();
    Object.defineProperty(globalThis, EXTENSIONS_KEY, { value: store });
  }
  return store;
}

const extensions = {
  register(connector, name, extension) {
    extensionStore().set(`${connector}:${name}`, extension);
  },
  get(connector, name) {
    return extensionStore().get(`${connector}:${name}`);
  },
};

/** What a plugin's onRegister(registry) hook receives: its connector's extensions. */
function extensionsFor(connector) {
  return {
    provide: (name, value) => extensions.register(connector, name, value),
    register: (name, value) => extensions.register(connector, name, value),
    get: (name) => extensions.get(connector, name),
  };
}

const native = nativeRegistry(extensionsFor);

const pluginRegistry = {
  register: (connector, plugin) => native.register(connector, plugin),
  resolve: (connector) => native.resolve(connector),
  tryGetSync: (connector) => native.tryGetSync(connector),
  list: () => native.list(),
  has: (connector) => native.has(connector),
  extensions,
};

/**
 * The pool of the driver `options` select (`driver`, `driverType` / `connector`, a loaded
 * driver's canHandle, the built-in connection-string rules), or a deferred pool (a lazy plugin not loaded yet).
 */
function dumbo(options) {
  return native.dumbo(options);
}

module.exports = { pluginRegistry, dumbo, extensionsFor };
