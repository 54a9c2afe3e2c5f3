// `import '@acme/dumbo-duckdb/register'`: registers the 'DuckDB:nodejs' plugin as a side effect.
export { duckDBPlugin, plugin, dumbo } from './index';
