// The PostgreSQL entry points: subpaths, exports, the registration side effect,
// automatic (deferred) mode, connection-string helpers and PostgreSQL SQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as root from '@event-driven-io/dumbo';
import * as postgresql from '@event-driven-io/dumbo/postgresql';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const { SQL, InvalidOperationError, pluginRegistry } = root;
const require = createRequire(import.meta.url);
const TAG = 'pg_entry';
let url;
before(async () => {
  url = await createTestDatabase(TAG);
});
after(async () => {
  await dropTestDatabase(TAG);
});

describe('PostgreSQL entry points', () => {
  it('/pg and /postgresql/pg resolve to one module; /postgresql to the driver-independent parts', async () => {
    const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
    assert.equal(fileURLToPath(import.meta.resolve('@event-driven-io/dumbo/pg')), `${packageRoot}entry/pg.mjs`);
    assert.equal(fileURLToPath(import.meta.resolve('@event-driven-io/dumbo/postgresql/pg')), `${packageRoot}entry/pg.mjs`);
    assert.equal(fileURLToPath(import.meta.resolve('@event-driven-io/dumbo/postgresql')), `${packageRoot}entry/postgresql.mjs`);
    for (const name of ['pgFormatter', 'PostgreSQLJSON', 'mapPostgresError', 'PostgreSQLConnectionString', 'parseDatabaseName']) {
      assert.ok(name in postgresql, `/postgresql exports ${name}`);
    }
    assert.equal(postgresql.PostgreSQLDatabaseName, 'PostgreSQL');
    assert.equal(postgresql.defaultPostgreSQLConnectionString, 'postgresql://postgres@localhost:5432/postgres');
  });

  it('automatic mode defers until first use, then the same API works', async () => {
    // Nothing imported /pg yet in this process: the built-in is registered lazily.
    assert.equal(pluginRegistry.tryGetSync?.('PostgreSQL:pg') ?? null, null);
    const pool = root.dumbo({ connectionString: url });
    try {
      const { rows } = await pool.execute.query(SQL`SELECT ${41}::int + 1 AS answer`);
      assert.deepEqual(rows, [{ answer: 42 }]);
      const result = await pool.withTransaction(async (tx) => (await tx.execute.query(SQL`SELECT 'in tx' AS v`)).rows[0].v);
      assert.equal(result, 'in tx');
    } finally {
      await pool.close();
    }
  });

  it('importing /pg registers the plugin, so dumbo() returns the plugin pool directly', async () => {
    const pg = await import('@event-driven-io/dumbo/pg');
    assert.equal(pluginRegistry.tryGetSync('PostgreSQL:pg'), pg.pgPlugin);
    assert.equal(pg.pgPlugin.connector, 'PostgreSQL:pg');
    assert.deepEqual(pg.pgPlugin.capabilities, {
      json: { operators: true, indexing: true, path: true },
      arrays: true,
      returning: true,
      cte: true,
    });
    const cjs = require('@event-driven-io/dumbo/pg');
    assert.equal(cjs.pgPlugin, pg.pgPlugin, 'ESM and CJS share one module instance');
    const pool = root.dumbo({ connectionString: url });
    try {
      assert.equal(pool.driverType, 'PostgreSQL:pg');
      assert.deepEqual((await pool.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
    } finally {
      await pool.close();
    }
  });

  it('PostgreSQLConnectionString and parseDatabaseName', () => {
    const { PostgreSQLConnectionString, parseDatabaseName } = postgresql;
    assert.equal(PostgreSQLConnectionString('postgres://h/db'), 'postgres://h/db');
    assert.throws(
      () => PostgreSQLConnectionString('mysql://u:pw@h/db'),
      (e) =>
        e instanceof InvalidOperationError &&
        e.message === 'Invalid PostgreSQL connection string: mysql://u:***@h/db. It should start with "postgresql://".',
    );
    assert.equal(parseDatabaseName('postgresql://u@h:5432/my%20db'), 'my db');
    assert.equal(parseDatabaseName('postgresql://u@h:5432'), null);
    assert.equal(parseDatabaseName('/var/run/postgresql mydb'), 'mydb');
  });

  it('pgFormatter: $n placeholders, native arrays, PG dates, reserved identifiers', () => {
    const { pgFormatter } = postgresql;
    const formatted = pgFormatter.format(
      SQL`SELECT * FROM ${SQL.identifier('user')} WHERE id = ANY (${[1, 2]}) AND at > ${new Date('2023-05-15T12:00:00Z')} AND ${SQL.in('k', ['a', 'b'])}`,
    );
    assert.equal(formatted.query, 'SELECT * FROM "user" WHERE id = ANY ($1) AND at > $2 AND k = ANY ($3)');
    assert.deepEqual(formatted.params, [[1, 2], '2023-05-15 12:00:00.000+00', ['a', 'b']]);
  });

  it('PostgreSQLJSON renders ->, ->>, #>, #>> and path literals that run on the server', async () => {
    const { PostgreSQLJSON, pgFormatter } = postgresql;
    assert.equal(pgFormatter.format(PostgreSQLJSON.field(SQL`data`, 'a')).query, "data -> 'a'");
    assert.equal(pgFormatter.format(PostgreSQLJSON.textField(SQL`data`, 'a.b')).query, "data #>> '{a,b}'");
    assert.equal(pgFormatter.format(PostgreSQLJSON.field(SQL`data`, "director's.title")).query, `data #> '{"director''s",title}'`);
    const pg = await import('@event-driven-io/dumbo/pg');
    const pool = pg.dumbo({ connectionString: url });
    try {
      const doc = SQL`${{ a: { b: 'deep' }, "director's": { title: 'x' } }}::jsonb`;
      const { rows } = await pool.execute.query(
        SQL`SELECT ${PostgreSQLJSON.textField(doc, 'a.b')} AS ab, ${PostgreSQLJSON.field(doc, 'a')} AS a, ${PostgreSQLJSON.textField(doc, "director's.title")} AS t`,
      );
      assert.deepEqual(rows, [{ ab: 'deep', a: { b: 'deep' }, t: 'x' }]);
    } finally {
      await pool.close();
    }
  });
});
