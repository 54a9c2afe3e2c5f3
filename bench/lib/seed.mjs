// Creates the benchmark data. Run as its own process by run.mjs:
//   node lib/seed.mjs pg            -> schema dumbo_bench in DUMBO_BENCH_PG_URL (pg)
//   node lib/seed.mjs sqlite <file> -> a WAL SQLite template file (better-sqlite3)
import { PG_URL, PG_SCHEMA, PONGO_PG_DATABASE } from './paths.mjs';
import { ROWS, nameOf, emailOf, ageOf, createdAtOf } from './data.mjs';

const [what, file] = process.argv.slice(2);

if (what === 'pg') {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`SET client_min_messages = warning`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${PG_SCHEMA}`);
    await client.query(`DROP TABLE IF EXISTS ${PG_SCHEMA}.bench_users, ${PG_SCHEMA}.bench_ins`);
    const cols = 'id int PRIMARY KEY, name text, email text, age int, created_at timestamptz';
    await client.query(`CREATE TABLE ${PG_SCHEMA}.bench_users (${cols})`);
    await client.query(`CREATE TABLE ${PG_SCHEMA}.bench_ins (${cols})`);
    // The same values as data.mjs (name, email, age, created_at of id).
    await client.query(
      `INSERT INTO ${PG_SCHEMA}.bench_users
       SELECT i, 'user' || i, 'user' || i || '@example.com', 18 + (i * 7) % 60,
              timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute'
       FROM generate_series(1, ${ROWS}) AS i`,
    );
    await client.query(`VACUUM ANALYZE ${PG_SCHEMA}.bench_users`);
    // W7 (Pongo) works in a database of its own (each process drops its collections).
    const pongoDb = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PONGO_PG_DATABASE]);
    if (!pongoDb.rowCount) await client.query(`CREATE DATABASE ${PONGO_PG_DATABASE}`);
    const { rows } = await client.query(`SELECT * FROM ${PG_SCHEMA}.bench_users WHERE id = 4242`);
    const r = rows[0];
    if (r.name !== nameOf(4242) || r.email !== emailOf(4242) || r.age !== ageOf(4242) || r.created_at.getTime() !== createdAtOf(4242).getTime()) {
      throw new Error(`seed mismatch: ${JSON.stringify(r)}`);
    }
    const v = await client.query('SHOW server_version');
    console.log(JSON.stringify({ serverVersion: v.rows[0].server_version }));
  } finally {
    await client.end();
  }
} else if (what === 'sqlite') {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const cols = 'id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INTEGER, created_at TEXT';
  db.exec(`DROP TABLE IF EXISTS bench_users; DROP TABLE IF EXISTS bench_ins;
           CREATE TABLE bench_users (${cols}); CREATE TABLE bench_ins (${cols});`);
  const ins = db.prepare('INSERT INTO bench_users VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let id = 1; id <= ROWS; id++) ins.run(id, nameOf(id), emailOf(id), ageOf(id), createdAtOf(id).toISOString());
  })();
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const version = db.prepare('SELECT sqlite_version() AS v').get().v;
  db.close();
  console.log(JSON.stringify({ sqliteVersion: version }));
} else {
  throw new Error('usage: seed.mjs pg | sqlite <file>');
}
