// `import '@acme/dumbo-better-sqlite3/register'`: registers the 'SQLite:better-sqlite3' plugin as a side effect.
export { betterSqlite3Plugin, plugin, dumbo } from './index';
