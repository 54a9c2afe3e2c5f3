// Deterministic data for the 10,000-row bench_users table and the rows W4/W5 insert,
// plus the checks that every workload's results are what the table holds.
export const ROWS = 10_000;
export const INSERT_ROWS = 5_000;
export const CHURN = 50;
const EPOCH = Date.UTC(2024, 0, 1);

export const nameOf = (id) => `user${id}`;
export const emailOf = (id) => `user${id}@example.com`;
export const ageOf = (id) => 18 + ((id * 7) % 60);
export const createdAtOf = (id) => new Date(EPOCH + id * 60_000);

/** Rows for INSERTs: ids start at `from`. */
export function makeRows(from, count) {
  const rows = new Array(count);
  for (let i = 0; i < count; i++) {
    const id = from + i;
    rows[i] = { id, name: nameOf(id), email: emailOf(id), age: ageOf(id), createdAt: createdAtOf(id) };
  }
  return rows;
}

/** Sum of ages over ids [from, from + count). */
export function ageSum(from, count) {
  let s = 0;
  for (let id = from; id < from + count; id++) s += ageOf(id);
  return s;
}

/** A deterministic pseudo-random id stream (xorshift), the same for every target. */
export function idStream(seed = 0x9e3779b9) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x % ROWS) + 1;
  };
}

function toMillis(v) {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') return new Date(v).getTime();
  if (typeof v === 'number') return v;
  return NaN;
}

/** Throws unless `row` is exactly row `id` of bench_users (every column). */
export function checkRowFull(row, id) {
  if (!row) throw new Error(`row ${id}: missing`);
  const ok =
    Number(row.id) === id &&
    row.name === nameOf(id) &&
    row.email === emailOf(id) &&
    Number(row.age) === ageOf(id) &&
    toMillis(row.created_at) === createdAtOf(id).getTime();
  if (!ok) throw new Error(`row ${id}: unexpected ${JSON.stringify(row)}`);
}

/** The cheap check done on every point select. */
export function checkRow(row, id) {
  if (row === undefined || row === null || row.id !== id || row.name !== nameOf(id)) {
    throw new Error(`point select ${id}: unexpected ${JSON.stringify(row)}`);
  }
}

export const EXPECTED_ID_SUM = (ROWS * (ROWS + 1)) / 2;
export const EXPECTED_AGE_SUM = ageSum(1, ROWS);

/**
 * Reads every cell of a W3 result (so lazily built rows pay their full cost inside the
 * timing) and returns a checksum; verifyAll checks it.
 */
export function consumeAll(rows) {
  let ids = 0;
  let ages = 0;
  let chars = 0;
  let times = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    ids += r.id;
    ages += r.age;
    chars += r.name.length + r.email.length;
    times += r.created_at === null || r.created_at === undefined ? 0 : 1;
  }
  return { length: rows.length, ids, ages, chars, times };
}

let expectedChars;
export function verifyAll(sum, rows) {
  if (expectedChars === undefined) {
    expectedChars = 0;
    for (let id = 1; id <= ROWS; id++) expectedChars += nameOf(id).length + emailOf(id).length;
  }
  if (
    sum.length !== ROWS ||
    sum.ids !== EXPECTED_ID_SUM ||
    sum.ages !== EXPECTED_AGE_SUM ||
    sum.chars !== expectedChars ||
    sum.times !== ROWS
  ) {
    throw new Error(`W3: unexpected result ${JSON.stringify(sum)}`);
  }
  if (rows) {
    // Full check of a sample, including created_at's value.
    const byId = new Map();
    for (const r of rows) byId.set(Number(r.id), r);
    for (const id of [1, 2, 777, 5000, 9999, ROWS]) checkRowFull(byId.get(id), id);
  }
}
