// SQLite result rows and statement plumbing (direct mode): row shapes as users read
// them, columns that change under a cached statement, statements with many values,
// and more distinct statements than a connection remembers.
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';
import { SQL } from '@event-driven-io/dumbo';

const memoryPool = () => dumbo({ connectionString: ':memory:' });

describe('SQLite rows', () => {
  it('a repeated column name keeps its first position and its last value', async () => {
    const pool = memoryPool();
    const { rows } = await pool.execute.query(SQL`SELECT ${1} AS a, 2 AS b, 3 AS a`);
    assert.deepEqual(rows, [{ a: 3, b: 2 }]);
    assert.deepEqual(Object.keys(rows[0]), ['a', 'b']);
    await pool.close();
  });

  it('a column named __proto__ is an own property and leaves the prototype alone', async () => {
    const pool = memoryPool();
    const { rows } = await pool.execute.query(SQL`SELECT ${'x'} AS "__proto__", 1 AS n`);
    assert.equal(Object.getPrototypeOf(rows[0]), Object.prototype);
    assert.ok(Object.hasOwn(rows[0], '__proto__'));
    assert.equal(Object.getOwnPropertyDescriptor(rows[0], '__proto__').value, 'x');
    assert.equal(rows[0].n, 1);
    await pool.close();
  });

  it('every storage class comes back as its JS value, in column order', async () => {
    const pool = memoryPool();
    const { rows } = await pool.execute.query(
      SQL`SELECT ${7} AS i, 2.5 AS r, 'x' AS t, x'0102' AS b, NULL AS n, 9007199254740993 AS big, 1e999 AS inf`,
    );
    assert.deepEqual(Object.keys(rows[0]), ['i', 'r', 't', 'b', 'n', 'big', 'inf']);
    assert.deepEqual(rows[0], { i: 7, r: 2.5, t: 'x', b: Buffer.from([1, 2]), n: null, big: 9007199254740993n, inf: Infinity });
    await pool.close();
  });

  it('column names that are not identifiers come back exactly, in JSON.parse order, on every row', async () => {
    const pool = memoryPool();
    const names = ['quote"d', 'back\\slash', 'new\nline', '${x}', '2', '1', 'toString', ''];
    const select = names.map((name, i) => `${i} AS "${name.replaceAll('"', '""')}"`).join(', ');
    const { rows } = await pool.execute.query(
      SQL`WITH r(k) AS (VALUES (${1}), (2), (3)) SELECT k, ${SQL.plain(select)} FROM r ORDER BY k`,
    );
    assert.equal(rows.length, 3);
    const expected = Object.fromEntries([['k', 1], ...names.map((name, i) => [name, i])]);
    assert.deepEqual(Object.keys(rows[0]), Object.keys(JSON.parse(JSON.stringify(expected))));
    for (const [r, row] of rows.entries()) assert.deepEqual(row, { ...expected, k: r + 1 });
    assert.equal(Object.getPrototypeOf(rows[0]).toString, Object.prototype.toString);
    await pool.close();
  });

  it('rows are built the same where generating code from strings is disallowed', () => {
    const script = `
      const { dumbo } = require('@event-driven-io/dumbo/sqlite3');
      const { SQL } = require('@event-driven-io/dumbo');
      const pool = dumbo({ connectionString: ':memory:' });
      pool.execute.query(SQL\`SELECT \${1} AS a, 'x' AS b, 3 AS a UNION ALL SELECT 4, 'y', 6\`)
        .then(({ rows }) => { console.log(JSON.stringify(rows)); return pool.close(); });`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], {
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), [
      { a: 3, b: 'x' },
      { a: 6, b: 'y' },
    ]);
  });

  it('a call site reading SELECT * sees columns added after its first run', async () => {
    const pool = memoryPool();
    await pool.execute.command(SQL`CREATE TABLE t (a INTEGER)`);
    await pool.execute.command(SQL`INSERT INTO t (a) VALUES (${1})`);
    const read = (id) => pool.execute.query(SQL`SELECT * FROM t WHERE a = ${id}`);
    assert.deepEqual((await read(1)).rows, [{ a: 1 }]);
    await pool.execute.command(SQL`ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'new'`);
    assert.deepEqual((await read(1)).rows, [{ a: 1, b: 'new' }]);
    await pool.execute.command(SQL`ALTER TABLE t RENAME COLUMN b TO c`);
    assert.deepEqual((await read(1)).rows, [{ a: 1, c: 'new' }]);
    await pool.close();
  });
});

describe('SQLite statements', () => {
  it('runs a statement with more values than one call carries, and a failed one leaves nothing behind', async () => {
    const pool = memoryPool();
    await pool.execute.command(SQL`CREATE TABLE t (a INTEGER, b TEXT, c REAL)`);
    const rowsOf = (from, n) => Array.from({ length: n }, (_, i) => SQL`(${from + i}, ${`v${from + i}`}, ${(from + i) / 2})`);
    const inserted = await pool.execute.command(SQL`INSERT INTO t (a, b, c) VALUES ${SQL.merge(rowsOf(0, 3000), ', ')}`);
    assert.equal(inserted.rowCount, 3000);
    const tooBig = 2n ** 200n;
    const bad = [...rowsOf(3000, 2000), SQL`(${tooBig}, ${'x'}, ${1})`];
    await assert.rejects(pool.execute.command(SQL`INSERT INTO t (a, b, c) VALUES ${SQL.merge(bad, ', ')}`));
    const { rows } = await pool.execute.query(SQL`SELECT count(*) AS n, sum(a) AS s FROM t WHERE a >= ${0}`);
    assert.deepEqual(rows, [{ n: 3000, s: (2999 * 3000) / 2 }]);
    const one = await pool.execute.query(SQL`SELECT b FROM t WHERE a = ${2999}`);
    assert.deepEqual(one.rows, [{ b: 'v2999' }]);
    await pool.close();
  });

  it('keeps working past the number of statements a connection remembers', async () => {
    const pool = memoryPool();
    await pool.execute.command(SQL`CREATE TABLE t (a INTEGER)`);
    for (let n = 1; n <= 600; n++) {
      const values = SQL.merge(Array.from({ length: n }, (_, i) => SQL`${i}`), ', ');
      const { rows } = await pool.execute.query(SQL`SELECT count(*) AS n FROM (SELECT 1 WHERE 1 IN (${values}))`);
      assert.deepEqual(rows, [{ n: n > 1 ? 1 : 0 }]);
    }
    await pool.close();
  });

  it('each text runs its own statement after the remembered ones start over', async () => {
    const pool = memoryPool();
    const numbered = (k) => SQL`SELECT ${k} AS v, ${SQL.plain(String(k))} AS k`;
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < 700; k++) {
        const { rows } = await pool.execute.query(numbered(k));
        assert.deepEqual(rows, [{ v: k, k }]);
      }
    }
    await pool.close();
  });
});
