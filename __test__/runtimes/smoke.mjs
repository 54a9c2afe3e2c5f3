// The Bun and Deno smoke lane (run by scripts/test.mjs as `bun smoke.mjs` and
// `deno run -A smoke.mjs`, not by `node --test`): the native addon loads, and a SQLite
// and a PostgreSQL round trip (CommonJS and ESM entry points) work. Exits non-zero with
// the reason on the first failure; prints one line per check.
// PostgreSQL: DUMBO_TEST_PG_URL (a temporary table, so the database stays as it was).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runtime = globalThis.Bun ? `Bun ${Bun.version}` : globalThis.Deno ? `Deno ${Deno.version.deno}` : `Node ${process.version}`;
const check = (condition, what) => {
  if (!condition) throw new Error(`${runtime}: ${what}`);
  console.log(`ok - ${runtime}: ${what}`);
};

const { SQL, single, count } = await import('@event-driven-io/dumbo');
const require = createRequire(import.meta.url);
check(typeof require('@event-driven-io/dumbo').dumbo === 'function', 'the CommonJS entry loads');

// SQLite: a database file, a table, a transaction, a query.
const dir = mkdtempSync(join(tmpdir(), 'dumbo-smoke-'));
try {
  const { dumbo } = await import('@event-driven-io/dumbo/sqlite3');
  const pool = dumbo({ connectionString: join(dir, 'smoke.db') });
  try {
    await pool.execute.command(SQL`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
    await pool.withTransaction(async (tx) => {
      for (const name of ['a', 'b', 'c']) await tx.execute.command(SQL`INSERT INTO items (name) VALUES (${name})`);
    });
    const b = await single(pool.execute.query(SQL`SELECT id, name FROM items WHERE name = ${'b'}`));
    check(b.id === 2 && b.name === 'b', 'SQLite round trip (insert in a transaction, select by parameter)');
    check((await count(pool.execute.query(SQL`SELECT COUNT(*) AS count FROM items`))) === 3, 'SQLite count');
  } finally {
    await pool.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL: one transaction on a temporary table.
const url = process.env.DUMBO_TEST_PG_URL;
if (!url) throw new Error(`${runtime}: DUMBO_TEST_PG_URL is not set (the PostgreSQL round trip needs a server)`);
const { dumbo: pgDumbo } = await import('@event-driven-io/dumbo/pg');
const pg = pgDumbo({ connectionString: url });
try {
  const rows = await pg.withTransaction(async (tx) => {
    await tx.execute.command(SQL`CREATE TEMPORARY TABLE smoke (id int PRIMARY KEY, doc jsonb) ON COMMIT DROP`);
    await tx.execute.command(SQL`INSERT INTO smoke (id, doc) VALUES (${1}, ${JSON.stringify({ runtime })}::jsonb)`);
    return (await tx.execute.query(SQL`SELECT id, doc->>'runtime' AS runtime FROM smoke`)).rows;
  });
  check(rows.length === 1 && rows[0].id === 1 && rows[0].runtime === runtime, 'PostgreSQL round trip (temporary table in a transaction)');
} finally {
  await pg.close();
}
// Bun and Deno have no real libuv loop: PostgreSQL must take the threaded I/O path there.
const { binding } = require('../../lib/native.cjs');
const expectedIo = globalThis.Bun || globalThis.Deno || process.platform === 'win32' ? 'threads' : 'event-loop';
const native = binding.PgPool.open(url);
try {
  check(native.ioPath === expectedIo, `PostgreSQL takes the ${expectedIo} I/O path (ioPath ${native.ioPath})`);
} finally {
  native.close();
}
console.log(`${runtime}: smoke lane passed`);
