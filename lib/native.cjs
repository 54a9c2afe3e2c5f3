'use strict';
// The only module that loads the native binding. Registers the DumboError factory
// for this JS thread and owns the thread's plugin registry (pinned on globalThis so
// every copy of the entry points in this realm shares one registry, as upstream does).
const { loadBinding } = require('./loadBinding.cjs');
const binding = loadBinding();
const { fromNative } = require('./errors.cjs');

binding.setErrorFactory((spec) => fromNative(spec));

const REGISTRY_KEY = Symbol.for('@event-driven-io/dumbo:native-plugin-registry');

/** This thread's registry; `extensionsFor(connector)` serves plugins' onRegister hooks. */
function nativeRegistry(extensionsFor) {
  let registry = globalThis[REGISTRY_KEY];
  if (!registry) {
    registry = new binding.NativePluginRegistry(extensionsFor);
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: registry });
  }
  return registry;
}

module.exports = { binding, nativeRegistry };
