// Option 1 (ESM): registers the 'DuckDB:nodejs' plugin as a side effect.
import duckdb from './register.cjs';

export const { duckDBPlugin, plugin, dumbo } = duckdb;
