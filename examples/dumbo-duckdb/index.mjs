// ESM face of @acme/dumbo-duckdb: the same objects as the CommonJS module (one plugin
// instance whichever way it is loaded).
import duckdb from './index.cjs';

export const {
  DuckDBConnector,
  duckDBPlugin,
  plugin,
  registerDuckDB,
  dumbo,
  duckDBPool,
  duckDBFormatter,
  duckDBCapabilities,
  DefaultDuckDBMigratorOptions,
  mapDuckDBError,
  isDuckDBConnectionString,
  parseDuckDBConnectionString,
  SAVEPOINTS_UNSUPPORTED,
} = duckdb;
