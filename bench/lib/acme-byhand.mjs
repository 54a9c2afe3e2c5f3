// better-sqlite3 called by hand "the same way" the @acme/dumbo-better-sqlite3 example plugin
// calls it (examples/dumbo-better-sqlite3/lib/pool.cjs, Handle.run): an async function, a
// prepared-statement cache keyed by SQL text, safeIntegers(true) with BigInt→number
// normalisation, `.all()` for readers, `{ rowCount, rows }` results. What it leaves out
// is exactly the plugin's price: dumbo(), the SQL tag and formatter, the executor and
// the pool's routing. Overhead target: plugin W1 ≥ 0.85 × this W1.
import { PRAGMAS } from './targets-sqlite.mjs';

const POINT = 'SELECT id, name, email, age, created_at FROM bench_users WHERE id = ?';
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function normalizeRow(row) {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[key] = Number(value);
  }
  return row;
}

export function acmeByHand(Database, file) {
  let db;
  const statements = new Map();
  const prepare = (query) => {
    let statement = statements.get(query);
    if (!statement) {
      statement = db.prepare(query);
      statement.safeIntegers(true);
      statements.set(query, statement);
    }
    return statement;
  };
  async function run(query, params) {
    const statement = prepare(query);
    if (statement.reader) {
      const rows = statement.all(...params);
      for (const row of rows) normalizeRow(row);
      return { rowCount: rows.length, rows };
    }
    const info = statement.run(...params);
    return { rowCount: Number(info.changes), rows: [] };
  }
  const unsupported = () => {
    throw new Error('acme-byhand only takes part in the W1 overhead target');
  };
  return {
    label: 'better-sqlite3 by hand, as the plugin calls it',
    async open() {
      db = new Database(file);
      for (const p of PRAGMAS) db.exec(p);
    },
    async pointSelect(id) {
      return (await run(POINT, [id])).rows[0];
    },
    selectAll: unsupported,
    insertEach: unsupported,
    insertMulti: unsupported,
    insertLiteral: unsupported,
    churn: unsupported,
    failing: unsupported,
    stats: unsupported,
    clear: unsupported,
    async close() {
      db?.close();
    },
  };
}
