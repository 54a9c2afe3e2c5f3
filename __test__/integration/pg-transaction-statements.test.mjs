// Statements that repeat inside a transaction run prepared from their second run, and
// every statement prepared so is closed before the transaction ends (dumbo_pg
// client/repeats.rs): nothing is left on the server session after COMMIT or ROLLBACK,
// so a transaction-mode pooler can hand the session to anyone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as pg from '@event-driven-io/dumbo/pg';
import { SQL, single, count } from '@event-driven-io/dumbo';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'pg_tx_statements';
let url;
before(async () => {
  url = await createTestDatabase(TAG);
  const setup = pg.dumbo({ connectionString: url });
  await setup.execute.command(SQL`CREATE TABLE items (id int PRIMARY KEY, v text)`);
  await setup.close();
});
after(async () => {
  await dropTestDatabase(TAG);
});

const preparedOn = async (execute) =>
  (await single(execute.query(SQL`SELECT count(*)::int AS n FROM pg_prepared_statements`))).n;

describe('statements repeated in a transaction', () => {
  it('are prepared on their second run and closed before COMMIT', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 1 });
    try {
      const during = await pool.withTransaction(async (tx) => {
        for (let i = 1; i <= 50; i++) await tx.execute.command(SQL`INSERT INTO items (id, v) VALUES (${i}, ${`v${i}`})`);
        return preparedOn(tx.execute);
      });
      assert.ok(during >= 1, 'the repeated insert runs prepared inside the transaction');
      assert.equal(await count(pool.execute.query(SQL`SELECT count(*) AS count FROM items`)), 50);
      // max: 1: the same session as the transaction's.
      assert.equal(await preparedOn(pool.execute), 0);
    } finally {
      await pool.execute.command(SQL`DELETE FROM items`);
      await pool.close();
    }
  });

  it('are closed before ROLLBACK too, after a failed statement as well', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 1 });
    try {
      await assert.rejects(
        pool.withTransaction(async (tx) => {
          for (let i = 1; i <= 5; i++) await tx.execute.command(SQL`INSERT INTO items (id, v) VALUES (${i}, ${'x'})`);
          await tx.execute.command(SQL`INSERT INTO items (id, v) VALUES (${1}, ${'duplicate'})`);
        }),
        (e) => e.name === 'UniqueConstraintError',
      );
      assert.equal(await count(pool.execute.query(SQL`SELECT count(*) AS count FROM items`)), 0);
      assert.equal(await preparedOn(pool.execute), 0);
    } finally {
      await pool.close();
    }
  });

  it('a schema change later in the transaction does not break a repeated query', async () => {
    const pool = pg.dumbo({ connectionString: url, max: 1 });
    try {
      const columns = await pool.withTransaction(async (tx) => {
        await tx.execute.command(SQL`CREATE TABLE shape (a int)`);
        await tx.execute.command(SQL`INSERT INTO shape (a) VALUES (${1})`);
        for (let i = 0; i < 3; i++) await tx.execute.query(SQL`SELECT * FROM shape`);
        await tx.execute.command(SQL`ALTER TABLE shape ADD COLUMN b int DEFAULT 7`);
        return Object.keys((await tx.execute.query(SQL`SELECT * FROM shape`)).rows[0]);
      });
      assert.deepEqual(columns, ['a', 'b']);
    } finally {
      await pool.execute.command(SQL`DROP TABLE IF EXISTS shape`);
      await pool.close();
    }
  });
});
