// Option 1 (ESM): registers the 'SQLite:better-sqlite3' plugin as a side effect.
import betterSqlite3 from './register.cjs';

export const { betterSqlite3Plugin, plugin, dumbo } = betterSqlite3;
