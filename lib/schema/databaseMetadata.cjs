'use strict';
// Database metadata (as upstream's): what a
// database type can do, its default database and existence checks, by database type.
// The registry lives on globalThis so every copy of the package shares it.
const { getDatabaseType } = require('../drivers.cjs');

const REGISTRY_KEY = Symbol.for('@event-driven-io/dumbo:database-metadata-registry');

/** A metadata registry: register, tryResolve (runs a lazy entry once), tryGet, has, databaseTypes. */
function DumboDatabaseMetadataRegistry() {
  const infos = new Map();
  const register = (databaseType, info) => {
    const entry = infos.get(databaseType);
    // A concrete entry stays; a lazy one is replaced by a concrete one.
    if (entry && (typeof entry !== 'function' || typeof info === 'function')) return;
    infos.set(databaseType, info);
  };
  const tryResolve = async (databaseType) => {
    const entry = infos.get(databaseType);
    if (!entry) return null;
    if (typeof entry !== 'function') return entry;
    const resolved = await entry();
    register(databaseType, resolved);
    return resolved;
  };
  const tryGet = (databaseType) => {
    const entry = infos.get(databaseType);
    return entry && typeof entry !== 'function' ? entry : null;
  };
  return {
    register,
    tryResolve,
    tryGet,
    has: (databaseType) => infos.has(databaseType),
    get databaseTypes() {
      return Array.from(infos.keys());
    },
  };
}

let registry = globalThis[REGISTRY_KEY];
if (!registry) {
  registry = DumboDatabaseMetadataRegistry();
  Object.defineProperty(globalThis, REGISTRY_KEY, { value: registry });
}
const dumboDatabaseMetadataRegistry = registry;

/** 'PostgreSQL:pg' → 'PostgreSQL'; a database type is returned as is. */
const databaseTypeOf = (driverType) => getDatabaseType(String(driverType));

/** The metadata of a driver type ('PostgreSQL:pg') or database type ('PostgreSQL'), or null. */
const getDatabaseMetadata = (driverType) => dumboDatabaseMetadataRegistry.tryGet(databaseTypeOf(driverType));

const resolveDatabaseMetadata = async (driverType, driverOverride) =>
  driverOverride ?? dumboDatabaseMetadataRegistry.tryResolve(databaseTypeOf(driverType));

/** 'postgres' for PostgreSQL, 'main' for SQLite; undefined when unknown. */
const getDefaultDatabase = (driverType) => getDatabaseMetadata(driverType)?.defaultDatabaseName;

const getDefaultDatabaseAsync = async (driverType) =>
  (await resolveDatabaseMetadata(driverType))?.defaultDatabaseName;

module.exports = {
  DumboDatabaseMetadataRegistry,
  dumboDatabaseMetadataRegistry,
  getDatabaseMetadata,
  resolveDatabaseMetadata,
  getDefaultDatabase,
  getDefaultDatabaseAsync,
};
