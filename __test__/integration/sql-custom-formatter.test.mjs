// A user's processor and formatter take effect on real queries: registered for the
// built-in connectors' database type, the executors format with it (docs/sql.md);
// registering the built-in formatter again restores the Rust path. Values stay bound.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  SQL,
  SQLFormatter,
  SQLProcessor,
  SQLProcessorsRegistry,
  defaultProcessorsRegistry,
  registerFormatter,
  getFormatter,
} from '@event-driven-io/dumbo';
import { dumbo as sqliteDumbo } from '@event-driven-io/dumbo/sqlite3';
import { sqliteFormatter } from '@event-driven-io/dumbo/sqlite';
import {
  dumbo as pgDumbo,
  pgFormatter,
  PostgreSQLArrayProcessor,
  PostgreSQLExpandSQLInProcessor,
  postgreSQLColumnProcessors,
} from '@event-driven-io/dumbo/pg';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

// A token of the application's own, rendered only by its processor.
const tenant = (id) => ({ sqlTokenType: 'APP_TENANT', APP_TENANT: true, id });
const TenantProcessor = SQLProcessor({
  canHandle: 'APP_TENANT',
  handle: (token, { builder }) => builder.addSQL('tenant_id = ').addParam(token.id),
});
// Replaces a built-in processor: string literals are stored upper-cased.
const UpperLiteralProcessor = SQLProcessor({
  canHandle: 'SQL_LITERAL',
  handle: (token, { builder, mapper, serializer }) =>
    builder.addParam(typeof token.value === 'string' ? token.value.toUpperCase() : mapper.mapValue(token.value, serializer)),
});

const HOSTILE = "Robert'); DROP TABLE people; --";

async function exercise(pool, { dialect, builtIn, registryFor, mapper }) {
  await pool.execute.command(SQL`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, tenant_id INTEGER, seen TEXT)`);
  const names = async () =>
    (await pool.execute.query(SQL`SELECT name FROM people ORDER BY id`)).rows.map((r) => r.name);
  try {
    // A custom token through a registered formatter.
    registerFormatter(dialect, SQLFormatter({ valueMapper: mapper, processorsRegistry: registryFor(TenantProcessor) }));
    await pool.execute.command(SQL`INSERT INTO people (id, name, tenant_id) VALUES (${1}, ${'ann'}, ${7}), (${2}, ${'bob'}, ${8})`);
    const { rows } = await pool.execute.query(SQL`SELECT id, name FROM people WHERE ${tenant(7)}`);
    assert.deepEqual(rows.map((r) => [Number(r.id), r.name]), [[1, 'ann']]);
    const inList = await pool.execute.query(SQL`SELECT name FROM people WHERE ${SQL.in('id', [1, 2])} AND ${tenant(8)}`);
    assert.deepEqual(inList.rows.map((r) => r.name), ['bob']);

    // A built-in token type taken over by the user's processor.
    registerFormatter(dialect, SQLFormatter({ valueMapper: mapper, processorsRegistry: registryFor(UpperLiteralProcessor) }));
    await pool.execute.command(SQL`INSERT INTO people (id, name) VALUES (${3}, ${'cid'})`);
    await pool.execute.command(SQL`INSERT INTO people (id, name) VALUES (${4}, ${HOSTILE})`);
    assert.deepEqual(await names(), ['ann', 'bob', 'CID', HOSTILE.toUpperCase()]);

    // A whole formatter of the user's own (format given).
    const seen = [];
    registerFormatter(
      dialect,
      SQLFormatter({
        format: (sql, options) => {
          const formatted = builtIn.format(sql, options);
          seen.push(formatted.query);
          return formatted;
        },
      }),
    );
    await pool.execute.command(SQL`UPDATE people SET seen = ${'yes'} WHERE id = ${1}`);
    assert.equal(seen.length, 1);
    assert.match(seen[0], /^UPDATE people SET seen = (\?|\$1) WHERE id = (\?|\$2)$/);
  } finally {
    registerFormatter(dialect, builtIn);
  }
  // The built-in (Rust) path is back.
  assert.equal(getFormatter(dialect), builtIn);
  await pool.execute.command(SQL`INSERT INTO people (id, name) VALUES (${5}, ${'eve'})`);
  assert.deepEqual((await names()).at(-1), 'eve');
  await assert.rejects(pool.execute.query(SQL`SELECT 1 WHERE ${tenant(1)}`), /No SQL processor registered for token type: APP_TENANT/);
}

describe('custom processor and formatter on SQLite', () => {
  let dir;
  let pool;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-sqlfmt-'));
    pool = sqliteDumbo({ connectionString: path.join(dir, 'custom.db') });
  });
  after(async () => {
    await pool?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('take effect on queries and commands', async () => {
    await exercise(pool, {
      dialect: 'SQLite',
      builtIn: sqliteFormatter,
      mapper: undefined,
      registryFor: (p) => SQLProcessorsRegistry({ from: defaultProcessorsRegistry }).register(p),
    });
  });
});

describe('custom processor and formatter on PostgreSQL', () => {
  const TAG = 'sql_custom_formatter';
  let pool;
  before(async () => {
    pool = pgDumbo({ connectionString: await createTestDatabase(TAG) });
  });
  after(async () => {
    await pool?.close();
    await dropTestDatabase(TAG);
  });

  it('take effect on queries and commands', async () => {
    await exercise(pool, {
      dialect: 'PostgreSQL',
      builtIn: pgFormatter,
      mapper: pgFormatter.valueMapper,
      registryFor: (p) =>
        SQLProcessorsRegistry({ from: defaultProcessorsRegistry })
          .register(postgreSQLColumnProcessors)
          .register(PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor, p),
    });
  });

  it('binds the mapped values: dates, arrays and JSON through a custom formatter', async () => {
    await pool.execute.command(SQL`CREATE TABLE events (id INTEGER, at TIMESTAMPTZ, tags TEXT[], doc JSONB)`);
    registerFormatter(
      'PostgreSQL:pg',
      SQLFormatter({
        valueMapper: pgFormatter.valueMapper,
        processorsRegistry: SQLProcessorsRegistry({ from: defaultProcessorsRegistry })
          .register(PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor, TenantProcessor),
      }),
    );
    try {
      const at = new Date('2024-02-03T04:05:06.789Z');
      await pool.execute.command(SQL`INSERT INTO events VALUES (${1}, ${at}, ${['a', 'b']}, ${{ k: "it's" }})`);
      const { rows } = await pool.execute.query(SQL`SELECT id, at, tags, doc FROM events WHERE id = ANY (${[1, 2]})`);
      assert.equal(rows.length, 1);
      assert.equal(new Date(rows[0].at).getTime(), at.getTime());
      assert.deepEqual(rows[0].tags, ['a', 'b']);
      assert.deepEqual(rows[0].doc, { k: "it's" });
    } finally {
      registerFormatter('PostgreSQL:pg', pgFormatter);
    }
  });
});
