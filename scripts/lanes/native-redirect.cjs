// Preloaded (`--require`) into the Node 22/24 test lanes: loads a native addon from
// another path, for addons compiled against one Node ABI (better-sqlite3) whose build
// for this Node lives in the runtimes cache (scripts/runtimes.mjs).
// DUMBO_NATIVE_REDIRECT is a JSON object { "node": "v22.23.5", "addons": { "<addon path>":
// "<replacement path>" } }; it applies only in that Node version (NODE_OPTIONS reaches
// child processes too, which may run another Node).
'use strict';
const Module = require('node:module');
const { realpathSync } = require('node:fs');

const real = (file) => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};
const config = JSON.parse(process.env.DUMBO_NATIVE_REDIRECT || '{}');
const redirects = new Map(
  config.node === process.version ? Object.entries(config.addons ?? {}).map(([from, to]) => [real(from), to]) : [],
);
const loadNative = Module._extensions['.node'];
Module._extensions['.node'] = function loadRedirected(module, filename) {
  return loadNative.call(this, module, redirects.get(real(filename)) ?? filename);
};
