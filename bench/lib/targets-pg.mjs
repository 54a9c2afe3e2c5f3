// PostgreSQL targets. Each factory loads only its own library (dynamic import), so a
// child process holds exactly one client library.
import { PG_URL, PG_SCHEMA, ours, upstream } from './paths.mjs';

const T = `${PG_SCHEMA}.bench_users`;
const I = `${PG_SCHEMA}.bench_ins`;
const COLS = 'id, name, email, age, created_at';
const POINT = `SELECT ${COLS} FROM ${T} WHERE id = $1`;
const ALL = `SELECT ${COLS} FROM ${T}`;
const INSERT = `INSERT INTO ${I} (${COLS}) VALUES ($1, $2, $3, $4, $5)`;
const MAX = 10;

/** `INSERT … VALUES ($1, …, $5), ($6, …)` and its flat parameter array, by hand. */
export function handBuiltInsert(rows) {
  const parts = new Array(rows.length);
  const params = new Array(rows.length * 5);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    parts[i] = `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`;
    params[n++] = r.id;
    params[n++] = r.name;
    params[n++] = r.email;
    params[n++] = r.age;
    params[n++] = r.createdAt;
  }
  return { text: `INSERT INTO ${I} (${COLS}) VALUES ${parts.join(', ')}`, params };
}

/** The same INSERT with every value inlined as a literal (no parameters at all). */
export function literalInsert(rows) {
  const parts = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    parts[i] = `(${r.id}, '${r.name}', '${r.email}', ${r.age}, '${r.createdAt.toISOString()}')`;
  }
  return `INSERT INTO ${I} (${COLS}) VALUES ${parts.join(', ')}`;
}

const FAIL_MISSING = `SELECT id FROM ${PG_SCHEMA}.no_such_table WHERE id = $1`;
const FAIL_RUNTIME = `SELECT 1 / (id - id) AS x FROM ${T} WHERE id = $1`;

// ---------------------------------------------------------------- Dumbo-shaped (ours, upstream)
function dumboShaped({ SQL, makePool, label }) {
  let pool;
  return {
    label,
    async open() {
      pool = makePool();
    },
    async pointSelect(id) {
      const { rows } = await pool.execute.query(SQL`SELECT id, name, email, age, created_at FROM dumbo_bench.bench_users WHERE id = ${id}`);
      return rows[0];
    },
    async selectAll() {
      const { rows } = await pool.execute.query(SQL`SELECT id, name, email, age, created_at FROM dumbo_bench.bench_users`);
      return rows;
    },
    async insertEach(rows) {
      await pool.withTransaction(async (tx) => {
        for (const r of rows) {
          await tx.execute.command(
            SQL`INSERT INTO dumbo_bench.bench_ins (id, name, email, age, created_at) VALUES (${r.id}, ${r.name}, ${r.email}, ${r.age}, ${r.createdAt})`,
          );
        }
      });
    },
    async insertMulti(rows) {
      const values = SQL.merge(
        rows.map((r) => SQL`(${r.id}, ${r.name}, ${r.email}, ${r.age}, ${r.createdAt})`),
        ', ',
      );
      await pool.execute.command(SQL`INSERT INTO dumbo_bench.bench_ins (id, name, email, age, created_at) VALUES ${values}`);
    },
    async insertLiteral(rows) {
      await pool.execute.command(SQL`${SQL.plain(literalInsert(rows))}`);
    },
    async churn(id) {
      const p = makePool();
      try {
        const { rows } = await p.execute.query(SQL`SELECT id, name, email, age, created_at FROM dumbo_bench.bench_users WHERE id = ${id}`);
        return rows[0];
      } finally {
        await p.close();
      }
    },
    async failing(i) {
      const sql =
        i % 2 === 0
          ? SQL`SELECT id FROM dumbo_bench.no_such_table WHERE id = ${i}`
          : SQL`SELECT 1 / (id - id) AS x FROM dumbo_bench.bench_users WHERE id = ${(i % 10000) + 1}`;
      await pool.execute.query(sql);
    },
    async stats() {
      const { rows } = await pool.execute.query(SQL`SELECT count(*)::int AS n, coalesce(sum(age), 0)::int AS ages FROM dumbo_bench.bench_ins`);
      return { n: Number(rows[0].n), ages: Number(rows[0].ages) };
    },
    async clear() {
      await pool.execute.command(SQL`TRUNCATE dumbo_bench.bench_ins`);
    },
    async close() {
      await pool?.close();
    },
  };
}

export const pgTargets = {
  /** This package, automatic mode: the root dumbo() only (a deferred pool). */
  async 'dumbo-auto'() {
    const { dumbo, SQL } = await import(ours.root);
    return dumboShaped({ SQL, label: 'this package, automatic', makePool: () => dumbo({ connectionString: PG_URL, max: MAX }) });
  },
  /** This package, direct mode: /pg. */
  async 'dumbo-direct'() {
    const { SQL } = await import(ours.root);
    const { dumbo } = await import(ours.pg);
    return dumboShaped({ SQL, label: 'this package, direct (/pg)', makePool: () => dumbo({ connectionString: PG_URL, max: MAX }) });
  },
  /**
   * This package, direct mode with `prepare: true`: named statements cached per connection
   * (the default is the unnamed statement, safe behind transaction-mode poolers).
   */
  async 'dumbo-prepared'() {
    const { SQL } = await import(ours.root);
    const { dumbo } = await import(ours.pg);
    return dumboShaped({
      SQL,
      label: 'this package, direct, prepare: true',
      makePool: () => dumbo({ connectionString: PG_URL, max: MAX, prepare: true }),
    });
  },
  /** Upstream Dumbo 0.13.0-beta.47 over pg, as its own benchmark builds it. */
  async 'upstream-pg'() {
    const { dumbo, SQL } = await import(upstream.root);
    const { pgDumboDriver } = await import(upstream.pg);
    return dumboShaped({
      SQL,
      label: 'upstream Dumbo over pg',
      makePool: () => dumbo({ connectionString: PG_URL, driver: pgDumboDriver, max: MAX }),
    });
  },

  async pg() {
    const { default: pg } = await import('pg');
    let pool;
    const newPool = () => new pg.Pool({ connectionString: PG_URL, max: MAX });
    return {
      label: 'pg',
      async open() {
        pool = newPool();
      },
      async pointSelect(id) {
        return (await pool.query(POINT, [id])).rows[0];
      },
      async selectAll() {
        return (await pool.query(ALL)).rows;
      },
      async insertEach(rows) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          for (const r of rows) await client.query(INSERT, [r.id, r.name, r.email, r.age, r.createdAt]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          throw e;
        } finally {
          client.release();
        }
      },
      async insertMulti(rows) {
        const { text, params } = handBuiltInsert(rows);
        await pool.query(text, params);
      },
      async insertLiteral(rows) {
        await pool.query(literalInsert(rows));
      },
      async churn(id) {
        const p = newPool();
        try {
          return (await p.query(POINT, [id])).rows[0];
        } finally {
          await p.end();
        }
      },
      async failing(i) {
        await pool.query(i % 2 === 0 ? FAIL_MISSING : FAIL_RUNTIME, [(i % 10000) + 1]);
      },
      async stats() {
        const { rows } = await pool.query(`SELECT count(*)::int AS n, coalesce(sum(age), 0)::int AS ages FROM ${I}`);
        return { n: rows[0].n, ages: rows[0].ages };
      },
      async clear() {
        await pool.query(`TRUNCATE ${I}`);
      },
      async close() {
        await pool?.end();
      },
    };
  },

  async postgres() {
    const { default: postgres } = await import('postgres');
    let sql;
    const newSql = () => postgres(PG_URL, { max: MAX, onnotice: () => {} });
    const cols = ['id', 'name', 'email', 'age', 'created_at'];
    return {
      label: 'postgres.js',
      async open() {
        sql = newSql();
      },
      async pointSelect(id) {
        return (await sql`SELECT id, name, email, age, created_at FROM dumbo_bench.bench_users WHERE id = ${id}`)[0];
      },
      async selectAll() {
        return await sql`SELECT id, name, email, age, created_at FROM dumbo_bench.bench_users`;
      },
      async insertEach(rows) {
        await sql.begin(async (tx) => {
          for (const r of rows) {
            await tx`INSERT INTO dumbo_bench.bench_ins (id, name, email, age, created_at) VALUES (${r.id}, ${r.name}, ${r.email}, ${r.age}, ${r.createdAt})`;
          }
        });
      },
      async insertMulti(rows) {
        const values = rows.map((r) => ({ id: r.id, name: r.name, email: r.email, age: r.age, created_at: r.createdAt }));
        await sql`INSERT INTO dumbo_bench.bench_ins ${sql(values, cols)}`;
      },
      async insertLiteral(rows) {
        await sql.unsafe(literalInsert(rows));
      },
      async churn(id) {
        const s = newSql();
        try {
          return (await s`SELECT id, name, email, age, created_at FROM dumbo_bench.bench_users WHERE id = ${id}`)[0];
        } finally {
          await s.end();
        }
      },
      async failing(i) {
        await sql.unsafe(i % 2 === 0 ? FAIL_MISSING : FAIL_RUNTIME, [(i % 10000) + 1], { prepare: true });
      },
      async stats() {
        const [r] = await sql`SELECT count(*)::int AS n, coalesce(sum(age), 0)::int AS ages FROM dumbo_bench.bench_ins`;
        return { n: r.n, ages: r.ages };
      },
      async clear() {
        await sql`TRUNCATE dumbo_bench.bench_ins`;
      },
      async close() {
        await sql?.end();
      },
    };
  },
};
