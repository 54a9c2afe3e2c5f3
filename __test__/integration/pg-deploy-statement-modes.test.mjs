// The two statement modes give the same results: the unnamed statement (the
// default, safe behind transaction-mode poolers) and cached named statements
// (`prepare: true`), for every kind of parameter and column, enums included.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { dumbo } from '@event-driven-io/dumbo/pg';
import { SQL } from '@event-driven-io/dumbo';

import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'pg_deploy_modes';
let url;
let unnamed;
let prepared;

before(async () => {
  url = await createTestDatabase(TAG);
  unnamed = dumbo({ connectionString: url });
  prepared = dumbo({ connectionString: url, prepare: true });
  await unnamed.execute.command(SQL`CREATE TYPE weather AS ENUM ('rain', 'sun')`);
  await unnamed.execute.command(SQL`
    CREATE TABLE modes (
      id int PRIMARY KEY, i8 int8, num numeric(12, 4), t text, u uuid, tstz timestamptz,
      jb jsonb, by bytea, w weather, ia int4[], b bool
    )`);
});

after(async () => {
  await unnamed?.close();
  await prepared?.close();
  await dropTestDatabase(TAG);
});

const row = (id) => ({
  id,
  i8: 9007199254740993n,
  num: '12.5',
  t: `text ${id}`,
  u: '6f1c1e52-1c4b-4a57-9f0e-6b1c1a2b3c4d',
  tstz: new Date('2024-05-06T07:08:09.123Z'),
  jb: { a: [1, 'two'], id },
  by: Buffer.from([0, 1, 2, 255]),
  w: 'sun',
  ia: [1, 2, 3],
  b: true,
});

describe('statement modes', () => {
  test('writes and reads of every column type are the same in both modes', async () => {
    for (const [id, pool] of [[1, unnamed], [2, prepared]]) {
      const r = row(id);
      const result = await pool.execute.command(
        SQL`INSERT INTO modes VALUES (${r.id}, ${r.i8}, ${r.num}, ${r.t}, ${r.u}, ${r.tstz}, ${r.jb}, ${r.by}, ${r.w}, ${r.ia}, ${r.b})`,
      );
      assert.equal(result.rowCount, 1);
    }
    const read = async (pool) =>
      (await pool.execute.query(SQL`SELECT * FROM modes ORDER BY id`)).rows.map((r) => ({ ...r, id: 0, t: '', jb: { ...r.jb, id: 0 } }));
    const fromUnnamed = await read(unnamed);
    assert.equal(fromUnnamed.length, 2);
    assert.deepEqual(fromUnnamed[0], fromUnnamed[1]);
    assert.deepEqual(await read(prepared), fromUnnamed);
    assert.equal(fromUnnamed[0].w, 'sun');
    assert.deepEqual(fromUnnamed[0].by, Buffer.from([0, 1, 2, 255]));
  });

  test('empty results, counts, errors and multi-statement strings agree', async () => {
    for (const pool of [unnamed, prepared]) {
      assert.deepEqual(await pool.execute.query(SQL`SELECT id FROM modes WHERE id < ${0}`), { rowCount: 0, rows: [] });
      assert.equal((await pool.execute.command(SQL`UPDATE modes SET b = ${false} WHERE id > ${0}`)).rowCount, 2);
      await assert.rejects(pool.execute.query(SQL`SELECT * FROM no_such_table WHERE id = ${1}`), { name: 'InvalidOperationError' });
      await assert.rejects(pool.execute.command(SQL`INSERT INTO modes (id) VALUES (${1})`), { name: 'UniqueConstraintError' });
      const multi = await pool.execute.query(SQL`SELECT 1 AS one; SELECT count(*)::int AS n FROM modes`);
      // Several statements go through the simple protocol: the last result, values as text.
      assert.deepEqual(multi.rows, [{ n: '2' }]);
    }
  });

  test('a transaction in the default mode keeps working after a failed statement is rolled back', async () => {
    await assert.rejects(
      unnamed.withTransaction(async (tx) => {
        await tx.execute.command(SQL`UPDATE modes SET t = ${'in tx'} WHERE id = ${1}`);
        await tx.execute.query(SQL`SELECT ${'x'}::int`);
      }),
      { name: 'DataError' },
    );
    const { rows } = await unnamed.execute.query(SQL`SELECT t FROM modes WHERE id = ${1}`);
    assert.equal(rows[0].t, 'text 1');
  });
});
