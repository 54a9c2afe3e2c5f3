// ESM face of @acme/dumbo-better-sqlite3: the same objects as the CommonJS module.
import betterSqlite3 from './index.cjs';

export const {
  BetterSqlite3Connector,
  betterSqlite3Plugin,
  plugin,
  registerBetterSqlite3,
  dumbo,
  betterSqlite3Pool,
  betterSqlite3Capabilities,
  mapBetterSqlite3Error,
} = betterSqlite3;
