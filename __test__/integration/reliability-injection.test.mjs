// Reliability, injection: a property test. Generated hostile strings (quotes,
// backslashes, $1, ?, --, /* */, ;, NUL, unicode, very long, statements of their
// own) go through bound parameters, SQL.literal, SQL.identifier, SQL.in and
// SQL.array against a real SQLite file and a real PostgreSQL database. Each value
// comes back exactly (or, where the database cannot hold it, is refused with the
// documented error), and nothing but the intended statement runs: a canary table
// and the list of tables stay as they were.
//
// Reproducible: DUMBO_PROPERTY_SEED=<n> replays a run (the seed is in every
// failure message); DUMBO_PROPERTY_CASES=<n> sets the number of values (default 150).
// See docs/reliability.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pg from '@event-driven-io/dumbo/pg';
import * as sqlite from '@event-driven-io/dumbo/sqlite3';
import { SQL, DataError, InvalidOperationError } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const SEED = Number(process.env.DUMBO_PROPERTY_SEED ?? 0x5eed2026);
const CASES = Number(process.env.DUMBO_PROPERTY_CASES ?? 150);
const TAG = 'reliability_injection';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "'", "''", '"', '""', '`', '\\', "\\'", '\\\\', '$1', '$2', '$$', '$tag$', '?', '?1', ':name', '@p',
  '--', '/*', '*/', ';', '\0', '%', '_', '\n', '\r\n', '\t', ' ', 'é', 'ß', 'Ω', '日本', '😀', '👩‍👩‍👧',
  '\u202e', '\u200b', '\ufeff', '\u0001', '\u007f', 'NULL', 'null', 'true', '0x00', "E'\\x00'",
  "'); DROP TABLE canary; --", '"; DROP TABLE canary; --', '1; DELETE FROM canary', "' OR '1'='1",
  ') OR 1=1 --', "'||(SELECT note FROM canary)||'", 'SELECT', 'canary', '__proto__', 'constructor',
];
const CODE_POINT_RANGES = [
  [0x01, 0x1f],
  [0x20, 0x7e],
  [0x80, 0x7ff],
  [0x800, 0xd7ff], // no surrogates: a lone one cannot travel as UTF-8
  [0xe000, 0xfffd],
  [0x10000, 0x10ffff],
];

function generator(seed) {
  const random = prng(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const codePoint = () => {
    const [lo, hi] = pick(CODE_POINT_RANGES);
    return String.fromCodePoint(lo + int(hi - lo + 1));
  };
  return function hostile(i) {
    const kind = i % 10;
    if (kind === 9 && i % 30 === 9) {
      // Very long: tens of kilobytes of hostile pieces.
      let s = '';
      while (s.length < 20_000 + int(60_000)) s += pick(PIECES);
      return s;
    }
    let s = '';
    const parts = 1 + int(12);
    for (let k = 0; k < parts; k++) s += random() < 0.7 ? pick(PIECES) : codePoint();
    return s;
  };
}

const hasNul = (s) => s.includes('\0');

/** Runs `call`; returns { value } or { error }. */
async function attempt(call) {
  try {
    return { value: await call() };
  } catch (error) {
    return { error };
  }
}

function expectRefused(outcome, ErrorClass, label, pattern) {
  assert.ok(outcome.error, `${label}: expected ${ErrorClass.name}, got a result`);
  assert.ok(outcome.error instanceof ErrorClass, `${label}: got ${outcome.error?.constructor?.name}: ${outcome.error?.message}`);
  if (pattern) assert.match(outcome.error.message, pattern, label);
}

const targets = {
  SQLite: {
    dir: null,
    async open() {
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-injection-'));
      return sqlite.dumbo({ fileName: path.join(this.dir, 'injection.db') });
    },
    async cleanup() {
      if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    },
    serial: 'INTEGER PRIMARY KEY',
    tables: SQL`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`,
    // NUL: bound values keep it; SQL text cannot carry it.
    nulInValue: null,
    identifierLimitBytes: Infinity,
    inList: (values) => SQL`SELECT v FROM items WHERE ${SQL.in('v', values)} ORDER BY id`,
    arrayList: (values) => SQL`SELECT v FROM items WHERE v IN (${SQL.array(values)}) ORDER BY id`,
    arrayValue: null,
  },
  PostgreSQL: {
    async open() {
      return pg.dumbo({ connectionString: await createTestDatabase(TAG), max: 4 });
    },
    async cleanup() {
      await dropTestDatabase(TAG);
    },
    serial: 'SERIAL PRIMARY KEY',
    tables: SQL`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    // PostgreSQL text cannot hold NUL: 22021, a DataError.
    nulInValue: { ErrorClass: DataError, code: '22021' },
    identifierLimitBytes: 63, // NAMEDATALEN - 1: longer names are truncated
    inList: (values) => SQL`SELECT v FROM items WHERE ${SQL.in('v', values)} ORDER BY id`,
    arrayList: (values) => SQL`SELECT v FROM items WHERE v = ANY (${SQL.array(values)}) ORDER BY id`,
    arrayValue: (values) => SQL`SELECT ${SQL.array(values)}::text[] AS a`,
  },
};

for (const [name, target] of Object.entries(targets)) {
  describe(`injection property test on ${name} (seed ${SEED}, ${CASES} values)`, () => {
    let pool;
    let tablesBefore;
    before(async () => {
      pool = await target.open();
      await pool.execute.command(SQL`CREATE TABLE canary (id INTEGER PRIMARY KEY, note TEXT NOT NULL)`);
      await pool.execute.command(SQL`INSERT INTO canary (id, note) VALUES (1, 'intact')`);
      await pool.execute.command(SQL`CREATE TABLE items (id ${SQL.plain(target.serial)}, v TEXT NOT NULL)`);
      tablesBefore = (await pool.execute.query(target.tables)).rows;
    });
    after(async () => {
      await pool?.close();
      await target.cleanup();
    });

    it('every hostile value round-trips exactly through parameters, SQL.literal, SQL.identifier, SQL.in and SQL.array; nothing else runs', { timeout: 300_000 }, async () => {
      const hostile = generator(SEED);
      const stored = []; // values inserted into items, in id order
      const tally = { values: 0, exact: 0, refused: 0, long: 0 };
      for (let i = 0; i < CASES; i++) {
        const v = hostile(i);
        const label = `${name} seed ${SEED} case ${i} value ${JSON.stringify(v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v)}`;
        tally.values++;
        if (v.length > 10_000) tally.long++;
        const nul = hasNul(v);

        // 1. A bound parameter, and a stored row read back.
        const param = await attempt(() => pool.execute.query(SQL`SELECT ${v} AS v`));
        const insert = await attempt(() => pool.execute.command(SQL`INSERT INTO items (v) VALUES (${v})`));
        if (nul && target.nulInValue) {
          expectRefused(param, target.nulInValue.ErrorClass, `${label} (parameter)`);
          assert.equal(param.error.code, target.nulInValue.code);
          expectRefused(insert, target.nulInValue.ErrorClass, `${label} (insert)`);
          tally.refused++;
        } else {
          assert.ok(!param.error, `${label} (parameter): ${param.error?.message}`);
          assert.deepEqual(param.value.rows, [{ v }], `${label} (parameter)`);
          assert.ok(!insert.error, `${label} (insert): ${insert.error?.message}`);
          stored.push(v);
          tally.exact++;
        }

        // 2. SQL.literal: inlined with quotes doubled.
        const literal = await attempt(() => pool.execute.query(SQL`SELECT ${SQL.literal(v)} AS v`));
        if (nul) expectRefused(literal, InvalidOperationError, `${label} (literal)`, /SQL text contains a NUL character/);
        else assert.deepEqual(literal.value?.rows, [{ v }], `${label} (literal): ${literal.error?.message}`);

        // 3. SQL.identifier: a column alias that comes back as the key.
        const ident = Array.from(v).slice(0, 40).join(''); // whole code points
        const identifier = await attempt(() => pool.execute.query(SQL`SELECT 1 AS ${SQL.identifier(ident)}`));
        if (hasNul(ident)) {
          expectRefused(identifier, InvalidOperationError, `${label} (identifier)`, /SQL text contains a NUL character/);
        } else if (ident === '' && name === 'PostgreSQL') {
          expectRefused(identifier, InvalidOperationError, `${label} (identifier)`, /zero-length delimited identifier/);
        } else if (Buffer.byteLength(ident) <= target.identifierLimitBytes) {
          assert.ok(!identifier.error, `${label} (identifier): ${identifier.error?.message}`);
          assert.deepEqual(Object.keys(identifier.value.rows[0]), [ident], `${label} (identifier)`);
          assert.equal(identifier.value.rows[0][ident], 1);
        } else {
          // PostgreSQL truncates names past 63 bytes (NOTICE 42622): still one column.
          assert.ok(!identifier.error, `${label} (identifier): ${identifier.error?.message}`);
          const [key] = Object.keys(identifier.value.rows[0]);
          assert.ok(ident.startsWith(key.replace(/\uFFFD$/, '')), `${label} (identifier): truncated to ${JSON.stringify(key)}`);
        }

        // 4. SQL.in and SQL.array over the stored values: exactly the matching rows.
        const other = stored.length > 0 ? stored[Math.floor(stored.length / 2)] : 'nothing';
        const wanted = [v, other];
        for (const [how, sql] of [
          ['SQL.in', target.inList(wanted)],
          ['SQL.array', target.arrayList(wanted)],
        ]) {
          const found = await attempt(() => pool.execute.query(sql));
          if (nul && target.nulInValue) {
            expectRefused(found, target.nulInValue.ErrorClass, `${label} (${how})`);
          } else {
            assert.ok(!found.error, `${label} (${how}): ${found.error?.message}`);
            const expected = stored.filter((s) => wanted.includes(s)).map((s) => ({ v: s }));
            assert.deepEqual(found.value.rows, expected, `${label} (${how})`);
          }
        }
        if (target.arrayValue) {
          const array = await attempt(() => pool.execute.query(target.arrayValue([v, 'x', v])));
          if (nul) expectRefused(array, target.nulInValue.ErrorClass, `${label} (array value)`);
          else assert.deepEqual(array.value?.rows, [{ a: [v, 'x', v] }], `${label} (array value): ${array.error?.message}`);
        }
      }

      // Nothing but the intended statements ran.
      assert.deepEqual((await pool.execute.query(SQL`SELECT id, note FROM canary`)).rows, [{ id: 1, note: 'intact' }]);
      assert.deepEqual((await pool.execute.query(target.tables)).rows, tablesBefore, 'no table was created or dropped');
      const { rows } = await pool.execute.query(SQL`SELECT v FROM items ORDER BY id`);
      assert.deepEqual(
        rows.map((r) => r.v),
        stored,
        'items holds exactly the inserted values',
      );
      assert.ok(tally.long >= 1 && tally.exact >= CASES / 2, JSON.stringify(tally));
    });
  });
}
