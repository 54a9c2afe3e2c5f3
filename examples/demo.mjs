// The main job: Dumbo on the embedded SQLite default, in both modes.
//   npm run demo            (after `npm ci && npm run build`)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumbo, SQL, single, count, pluginRegistry } from '@event-driven-io/dumbo';

const dir = mkdtempSync(join(tmpdir(), 'dumbo-demo-'));
const file = join(dir, 'app.db');

// Automatic mode: dumbo() returns at once; the SQLite plugin loads on first use.
const pool = dumbo({ connectionString: `file:${file}` });
console.log(`automatic mode: connector ${pool.driverType}, plugin loaded: ${pluginRegistry.tryGetSync('SQLite:sqlite3') !== undefined}`);

await pool.execute.command(SQL`CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
await pool.withTransaction(async (tx) => {
  for (const name of ['Ada', 'Grace', 'Barbara']) {
    await tx.execute.command(SQL`INSERT INTO users (name) VALUES (${name})`);
  }
});
const ada = await single(pool.execute.query(SQL`SELECT * FROM users WHERE name = ${'Ada'}`));
const total = await count(pool.execute.query(SQL`SELECT COUNT(*) AS count FROM users`));
console.log('Ada:', ada, '| users:', total);
await pool.close();

// Direct mode: importing /sqlite3 registers the plugin; no deferral at all.
const { dumbo: sqlite } = await import('@event-driven-io/dumbo/sqlite3');
const direct = sqlite({ fileName: file });
const { rows } = await direct.execute.query(SQL`SELECT name FROM users WHERE ${SQL.in('id', [1, 3])} ORDER BY id`);
console.log('direct mode:', rows.map((r) => r.name).join(', '));
await direct.close();

// With the plugin loaded, the root dumbo() skips the deferred wrapper too.
const again = dumbo({ connectionString: `file:${file}` });
console.log(`automatic mode after direct import: deferred = ${'isLoaded' in again}`);
await again.close();

rmSync(dir, { recursive: true, force: true });
