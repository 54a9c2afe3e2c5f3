// The per-call-site template cache (lib/sql/tokenized.cjs, templates.cjs): SQL from a
// call site with only plain parameters shares its chunks and its formatted text;
// everything else takes the general path, and both give the same SQL and results.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { SQL } from '@event-driven-io/dumbo';
import { sqliteFormatter } from '@event-driven-io/dumbo/sqlite';
import { pgFormatter } from '@event-driven-io/dumbo/postgresql';
import * as sqlite3 from '@event-driven-io/dumbo/sqlite3';

const { templateCall } = createRequire(import.meta.url)('../../lib/sql/templates.cjs');

const point = (id, name) => SQL`SELECT * FROM t WHERE id = ${id} AND name = ${name}`;

describe('template cache', () => {
  it('one call site with plain parameters shares frozen chunks and keeps upstream’s SQL shape', () => {
    const a = point(1, 'a');
    const b = point(2, new Date(0));
    assert.equal(a.sqlChunks, b.sqlChunks);
    assert.ok(Object.isFrozen(a.sqlChunks));
    assert.deepEqual(a, {
      __brand: 'tokenized-sql',
      sqlChunks: ['SELECT * FROM t WHERE id = ', '__P__', ' AND name = ', '__P__'],
      sqlTokens: [
        { sqlTokenType: 'SQL_LITERAL', SQL_LITERAL: true, value: 1 },
        { sqlTokenType: 'SQL_LITERAL', SQL_LITERAL: true, value: 'a' },
      ],
    });
  });

  it('gives the formatter’s text per dialect and the values in order', () => {
    const when = new Date('2024-01-02T03:04:05.006Z');
    const sql = point(7, when);
    assert.deepEqual(templateCall(sql, 'SQLite'), { text: sqliteFormatter.format(sql).query, values: [7, when] });
    assert.deepEqual(templateCall(sql, 'PostgreSQL'), { text: pgFormatter.format(sql).query, values: [7, when] });
    assert.equal(templateCall(sql, 'PostgreSQL').text, 'SELECT * FROM t WHERE id = $1 AND name = $2');
  });

  it('arrays, SQL.in and text-only SQL take the general path', () => {
    const withArray = (v) => SQL`SELECT ${v}`;
    assert.notEqual(withArray([1]).sqlChunks, withArray([1]).sqlChunks);
    assert.equal(templateCall(withArray([1, 2]), 'SQLite'), undefined);
    assert.equal(templateCall(SQL`SELECT * FROM t WHERE ${SQL.in('id', [1, 2])}`, 'SQLite'), undefined);
    assert.equal(templateCall(SQL`SELECT ${SQL.identifier('x')}, ${SQL.array([1], { mode: 'params' })}`, 'SQLite'), undefined);
    assert.equal(templateCall(SQL`SELECT 1`, 'SQLite'), undefined);
    // The same call site switches paths with its values and stays correct.
    assert.deepEqual(sqliteFormatter.format(withArray([1, 2])).query, 'SELECT ?, ?');
    assert.deepEqual(sqliteFormatter.format(withArray(3)).query, 'SELECT ?');
  });

  it('identifiers and nested SQL give the formatter’s text, with only the values to bind', () => {
    const byTable = (table, id) => SQL`SELECT * FROM ${SQL.identifier(table)} WHERE id = ${id}`;
    const users = byTable('users', 1);
    assert.equal(users.sqlChunks, byTable('Users', 2).sqlChunks, 'one call site, one chunks array');
    for (const [dialect, formatter] of [['PostgreSQL', pgFormatter], ['SQLite', sqliteFormatter]]) {
      for (const table of ['users', 'Users', 'select', 'a"b']) {
        const sql = byTable(table, 7);
        assert.deepEqual(templateCall(sql, dialect), { text: formatter.format(sql).query, values: [7] });
      }
      const nested = SQL`SELECT ${SQL.identifier('Name')} FROM t WHERE ${SQL`a = ${1} AND b = ${'x'}`}`;
      assert.deepEqual(templateCall(nested, dialect), { text: formatter.format(nested).query, values: [1, 'x'] });
    }
    assert.equal(templateCall(byTable('Users', 1), 'PostgreSQL').text, 'SELECT * FROM "Users" WHERE id = $1');
    assert.equal(templateCall(byTable('users', 1), 'PostgreSQL').text, 'SELECT * FROM users WHERE id = $1');
    // A value that is not a string is the formatter's to report.
    assert.equal(templateCall(SQL`SELECT * FROM ${SQL.identifier(42)}`, 'SQLite'), undefined);
    // A separator-like character inside the SQL text is still formatted exactly.
    const nul = SQL`SELECT ${'a'} AS "x\u0000y"`;
    assert.equal(templateCall(nul, 'PostgreSQL'), undefined);
    assert.equal(pgFormatter.format(nul).query, 'SELECT $1 AS "x\u0000y"');
  });

  it('merged all-literal SQL (a multi-row INSERT) is built in JS with the formatter’s exact text', async () => {
    const rows = [1, 2, 3].map((i) => SQL`(${i}, ${`n${i}`})`);
    const merged = SQL`INSERT INTO t (id, name) VALUES ${SQL.merge(rows, ', ')}`;
    assert.deepEqual(templateCall(merged, 'SQLite'), {
      text: sqliteFormatter.format(merged).query,
      values: [1, 'n1', 2, 'n2', 3, 'n3'],
    });
    assert.equal(templateCall(merged, 'PostgreSQL').text, 'INSERT INTO t (id, name) VALUES ($1, $2), ($3, $4), ($5, $6)');
    assert.equal(templateCall(merged, 'PostgreSQL').text, pgFormatter.format(merged).query);
    const pool = sqlite3.dumbo({ connectionString: ':memory:' });
    try {
      await pool.execute.command(SQL`CREATE TABLE t (id INTEGER, name TEXT)`);
      assert.equal((await pool.execute.command(merged)).rowCount, 3);
      assert.deepEqual((await pool.execute.query(SQL`SELECT name FROM t ORDER BY id`)).rows.map((r) => r.name), ['n1', 'n2', 'n3']);
    } finally {
      await pool.close();
    }
  });

  it('a large merged statement whose shape comes back reuses its text, and a changed shape gets its own', () => {
    const row = (i) => SQL`(${i}, ${`n${i}`})`;
    const insert = (rows, sep = ', ') => SQL`INSERT INTO t (id, name) VALUES ${SQL.merge(rows, sep)}`;
    const hundred = Array.from({ length: 100 }, (_, i) => row(i));
    for (const dialect of ['PostgreSQL', 'SQLite']) {
      const formatter = dialect === 'PostgreSQL' ? pgFormatter : sqliteFormatter;
      const first = insert(hundred);
      const again = insert(hundred.map((_, i) => row(i + 1000)));
      assert.equal(templateCall(first, dialect).text, formatter.format(first).query);
      assert.equal(templateCall(again, dialect).text, formatter.format(again).query);
      assert.equal(templateCall(again, dialect).values[0], 1000);
      // Same number of chunks, one different: not the cached text.
      const other = insert(hundred, ',\n');
      assert.equal(templateCall(other, dialect).text, formatter.format(other).query);
      assert.ok(templateCall(other, dialect).text.includes(',\n('));
      // Changing a merged statement's chunks in place changes its text too.
      const changed = insert(hundred);
      changed.sqlChunks[0] = 'INSERT INTO u (id, name) VALUES ';
      assert.equal(templateCall(changed, dialect).text, formatter.format(changed).query);
      assert.ok(templateCall(insert(hundred), dialect).text.startsWith('INSERT INTO t '));
      // One row more: one placeholder pair more.
      const more = insert([...hundred, row(100)]);
      assert.equal(templateCall(more, dialect).text, formatter.format(more).query);
    }
  });

  it('both paths give the same results on SQLite', async () => {
    const pool = sqlite3.dumbo({ connectionString: ':memory:' });
    try {
      await pool.execute.command(SQL`CREATE TABLE t (id INTEGER, name TEXT, doc TEXT, at TEXT, big TEXT)`);
      const row = [1, "it's", { a: [1, 'x'] }, new Date('2020-01-01T00:00:00.000Z'), 1234567890123n];
      const insert = (id, name, doc, at, big) => SQL`INSERT INTO t VALUES (${id}, ${name}, ${doc}, ${at}, ${big})`;
      await pool.execute.command(insert(...row)); // fast path
      // An array token keeps this one on the general (native formatter) path.
      const general = SQL`INSERT INTO t VALUES (${SQL.array([row[0]], { mode: 'params' })}, ${row[1]}, ${row[2]}, ${row[3]}, ${row[4]})`;
      assert.equal(templateCall(general, 'SQLite'), undefined);
      await pool.execute.command(general);
      const { rows } = await pool.execute.query(SQL`SELECT * FROM t WHERE id = ${1}`);
      assert.equal(rows.length, 2);
      assert.deepEqual(rows[0], rows[1]);
      assert.deepEqual(rows[0], { id: 1, name: "it's", doc: '{"a":[1,"x"]}', at: '2020-01-01T00:00:00.000Z', big: '1234567890123' });
    } finally {
      await pool.close();
    }
  });
});
