// SQLite targets (file database, WAL). Each factory loads only its own SQLite library:
// two SQLite libraries in one process can corrupt each other's WAL locks.
import { createRequire } from 'node:module';
import { ours, upstream, acmePluginEntry, acmePluginDir } from './paths.mjs';

const COLS = 'id, name, email, age, created_at';
const POINT = `SELECT ${COLS} FROM bench_users WHERE id = ?`;
const ALL = `SELECT ${COLS} FROM bench_users`;
const INSERT = `INSERT INTO bench_ins (${COLS}) VALUES (?, ?, ?, ?, ?)`;
const FAIL_MISSING = 'SELECT id FROM no_such_table WHERE id = ?';
const FAIL_RUNTIME = 'SELECT json(?) AS x'; // malformed JSON: fails at run time

/** Upstream Dumbo's default pragmas (DEFAULT_SQLITE_PRAGMA_OPTIONS), applied to the raw drivers too. */
export const PRAGMAS = [
  'PRAGMA busy_timeout = 5000',
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA cache_size = -1000000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA temp_store = MEMORY',
  'PRAGMA mmap_size = 268435456',
];

function multiInsertText(n) {
  return `INSERT INTO bench_ins (${COLS}) VALUES ${new Array(n).fill('(?, ?, ?, ?, ?)').join(', ')}`;
}
function flatParams(rows) {
  const params = new Array(rows.length * 5);
  let n = 0;
  for (const r of rows) {
    params[n++] = r.id;
    params[n++] = r.name;
    params[n++] = r.email;
    params[n++] = r.age;
    params[n++] = r.createdAtIso;
  }
  return params;
}
function literalInsert(rows) {
  const parts = rows.map((r) => `(${r.id}, '${r.name}', '${r.email}', ${r.age}, '${r.createdAtIso}')`);
  return `INSERT INTO bench_ins (${COLS}) VALUES ${parts.join(', ')}`;
}

// ---------------------------------------------------------------- Dumbo-shaped (ours, upstream, plugin)
function dumboShaped({ SQL, makePool, label }) {
  let pool;
  return {
    label,
    async open() {
      pool = makePool();
    },
    async pointSelect(id) {
      const { rows } = await pool.execute.query(SQL`SELECT id, name, email, age, created_at FROM bench_users WHERE id = ${id}`);
      return rows[0];
    },
    async selectAll() {
      const { rows } = await pool.execute.query(SQL`SELECT id, name, email, age, created_at FROM bench_users`);
      return rows;
    },
    async insertEach(rows) {
      await pool.withTransaction(async (tx) => {
        for (const r of rows) {
          await tx.execute.command(
            SQL`INSERT INTO bench_ins (id, name, email, age, created_at) VALUES (${r.id}, ${r.name}, ${r.email}, ${r.age}, ${r.createdAtIso})`,
          );
        }
      });
    },
    async insertMulti(rows) {
      const values = SQL.merge(
        rows.map((r) => SQL`(${r.id}, ${r.name}, ${r.email}, ${r.age}, ${r.createdAtIso})`),
        ', ',
      );
      await pool.execute.command(SQL`INSERT INTO bench_ins (id, name, email, age, created_at) VALUES ${values}`);
    },
    async insertLiteral(rows) {
      await pool.execute.command(SQL`${SQL.plain(literalInsert(rows))}`);
    },
    async churn(id) {
      const p = makePool();
      try {
        const { rows } = await p.execute.query(SQL`SELECT id, name, email, age, created_at FROM bench_users WHERE id = ${id}`);
        return rows[0];
      } finally {
        await p.close();
      }
    },
    async failing(i) {
      const sql =
        i % 2 === 0
          ? SQL`SELECT id FROM no_such_table WHERE id = ${i}`
          : SQL`SELECT json(${`{bad ${i}`}) AS x`;
      await pool.execute.query(sql);
    },
    async stats() {
      const { rows } = await pool.execute.query(SQL`SELECT count(*) AS n, coalesce(sum(age), 0) AS ages FROM bench_ins`);
      return { n: Number(rows[0].n), ages: Number(rows[0].ages) };
    },
    async clear() {
      await pool.execute.command(SQL`DELETE FROM bench_ins`);
    },
    async close() {
      await pool?.close();
    },
  };
}

// ---------------------------------------------------------------- better-sqlite3 (sync)
function betterSqlite3Target(Database, file, label) {
  let db;
  let point;
  let all;
  let insert;
  const openDb = () => {
    const d = new Database(file);
    for (const p of PRAGMAS) d.exec(p);
    return d;
  };
  return {
    label,
    async open() {
      db = openDb();
      point = db.prepare(POINT);
      all = db.prepare(ALL);
      insert = db.prepare(INSERT);
    },
    async pointSelect(id) {
      return point.get(id);
    },
    async selectAll() {
      return all.all();
    },
    async insertEach(rows) {
      db.transaction(() => {
        for (const r of rows) insert.run(r.id, r.name, r.email, r.age, r.createdAtIso);
      })();
    },
    async insertMulti(rows) {
      db.prepare(multiInsertText(rows.length)).run(flatParams(rows));
    },
    async insertLiteral(rows) {
      db.exec(literalInsert(rows));
    },
    async churn(id) {
      const d = openDb();
      try {
        return d.prepare(POINT).get(id);
      } finally {
        d.close();
      }
    },
    async failing(i) {
      if (i % 2 === 0) db.prepare(FAIL_MISSING).get(i);
      else db.prepare(FAIL_RUNTIME).get(`{bad ${i}`);
    },
    async stats() {
      const r = db.prepare('SELECT count(*) AS n, coalesce(sum(age), 0) AS ages FROM bench_ins').get();
      return { n: r.n, ages: r.ages };
    },
    async clear() {
      db.exec('DELETE FROM bench_ins');
    },
    async close() {
      db?.close();
    },
  };
}

// ---------------------------------------------------------------- node-sqlite3 (callbacks on the libuv pool)
function sqlite3Target(sqlite3, file) {
  let db;
  const openDb = () =>
    new Promise((resolve, reject) => {
      const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
    });
  const run = (d, sql, params = []) =>
    new Promise((resolve, reject) => d.run(sql, params, function (err) {
      if (err) reject(err);
      else resolve(this);
    }));
  const get = (d, sql, params = []) =>
    new Promise((resolve, reject) => d.get(sql, params, (err, row) => (err ? reject(err) : resolve(row))));
  const all = (d, sql, params = []) =>
    new Promise((resolve, reject) => d.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))));
  const exec = (d, sql) => new Promise((resolve, reject) => d.exec(sql, (err) => (err ? reject(err) : resolve())));
  const close = (d) => new Promise((resolve, reject) => d.close((err) => (err ? reject(err) : resolve())));
  const openWithPragmas = async () => {
    const d = await openDb();
    for (const p of PRAGMAS) await exec(d, p);
    return d;
  };
  return {
    label: 'sqlite3',
    async open() {
      db = await openWithPragmas();
    },
    pointSelect: (id) => get(db, POINT, [id]),
    selectAll: () => all(db, ALL),
    async insertEach(rows) {
      await run(db, 'BEGIN');
      try {
        for (const r of rows) await run(db, INSERT, [r.id, r.name, r.email, r.age, r.createdAtIso]);
        await run(db, 'COMMIT');
      } catch (e) {
        await run(db, 'ROLLBACK').catch(() => {});
        throw e;
      }
    },
    insertMulti: (rows) => run(db, multiInsertText(rows.length), flatParams(rows)),
    insertLiteral: (rows) => exec(db, literalInsert(rows)),
    async churn(id) {
      const d = await openWithPragmas();
      try {
        return await get(d, POINT, [id]);
      } finally {
        await close(d);
      }
    },
    failing: (i) => (i % 2 === 0 ? get(db, FAIL_MISSING, [i]) : get(db, FAIL_RUNTIME, [`{bad ${i}`])),
    async stats() {
      const r = await get(db, 'SELECT count(*) AS n, coalesce(sum(age), 0) AS ages FROM bench_ins');
      return { n: r.n, ages: r.ages };
    },
    clear: () => run(db, 'DELETE FROM bench_ins'),
    async close() {
      if (db) await close(db);
    },
  };
}

// ---------------------------------------------------------------- the example plugin (issue 4)
/**
 * HOOK: `@acme/dumbo-better-sqlite3` (examples/dumbo-better-sqlite3), a JS plugin registered in
 * this package's registry and used through the root dumbo(). Returns null when the example
 * does not exist (yet); run.mjs then reports the overhead target as "not measured".
 */
async function acmePlugin() {
  const entry = acmePluginEntry();
  if (!entry) return null;
  const mod = await import(entry);
  const { dumbo, SQL, pluginRegistry } = await import(ours.root);
  const plugin =
    Object.values(mod).find((v) => v && typeof v === 'object' && v.connector === 'SQLite:better-sqlite3') ??
    mod.default;
  if (!plugin) throw new Error(`${entry} exports no plugin with connector 'SQLite:better-sqlite3'`);
  if (!pluginRegistry.has('SQLite:better-sqlite3')) pluginRegistry.register('SQLite:better-sqlite3', plugin);
  return (file) =>
    dumboShaped({
      SQL,
      label: '@acme/dumbo-better-sqlite3 via dumbo()',
      makePool: () => dumbo({ connectionString: `file:${file}`, connector: 'SQLite:better-sqlite3' }),
    });
}

/** better-sqlite3 as the example plugin loads it (same copy, same binary). */
function acmeBetterSqlite3() {
  const req = createRequire(acmePluginDir + 'package.json');
  return req('better-sqlite3');
}

export const sqliteTargets = {
  async 'dumbo-auto'(file) {
    const { dumbo, SQL } = await import(ours.root);
    return dumboShaped({ SQL, label: 'this package, automatic', makePool: () => dumbo({ connectionString: `file:${file}` }) });
  },
  async 'dumbo-direct'(file) {
    const { SQL } = await import(ours.root);
    const { dumbo } = await import(ours.sqlite3);
    return dumboShaped({ SQL, label: 'this package, direct (/sqlite3)', makePool: () => dumbo({ fileName: file }) });
  },
  async 'upstream-sqlite3'(file) {
    const { SQL } = await import(upstream.root);
    const { sqlite3Pool } = await import(upstream.sqlite3);
    return dumboShaped({ SQL, label: 'upstream Dumbo over sqlite3', makePool: () => sqlite3Pool({ fileName: file }) });
  },
  async 'better-sqlite3'(file) {
    const { default: Database } = await import('better-sqlite3');
    return betterSqlite3Target(Database, file, 'better-sqlite3');
  },
  async sqlite3(file) {
    const { default: sqlite3 } = await import('sqlite3');
    return sqlite3Target(sqlite3, file);
  },
  async 'acme-plugin'(file) {
    const make = await acmePlugin();
    return make ? make(file) : null;
  },
  /** better-sqlite3 called by hand the way the example plugin calls it (see acmeByHand). */
  async 'acme-byhand'(file) {
    if (!acmePluginEntry()) return null;
    const { acmeByHand } = await import('./acme-byhand.mjs');
    return acmeByHand(acmeBetterSqlite3(), file);
  },
};
