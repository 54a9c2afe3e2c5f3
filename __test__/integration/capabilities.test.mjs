// Capabilities (RFC 4.4): declared by every plugin, consulted by the dialect-aware
// JSON helpers, on the built-ins (real databases) and on JS plugins.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  pluginRegistry,
  capabilitiesOf,
  jsonField,
  jsonTextField,
  InvalidOperationError,
} from '@event-driven-io/dumbo';
import { dumbo as sqliteDumbo, sqlite3Plugin, sqliteFormatter } from '@event-driven-io/dumbo/sqlite3';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';

const TAG = 'capabilities';
let pgUrl;
before(async () => {
  pgUrl = await createTestDatabase(TAG);
});
after(async () => {
  await dropTestDatabase(TAG);
});

const doc = JSON.stringify({ a: { b: 'deep', n: 2 }, "it's": { x: 'q' } });

describe('capabilities', () => {
  it('the built-ins declare theirs; missing entries read as false', async () => {
    const { pgPlugin } = await import('@event-driven-io/dumbo/pg');
    assert.deepEqual(capabilitiesOf(sqlite3Plugin), {
      json: { operators: true, indexing: false, path: true },
      arrays: false,
      returning: true,
      cte: true,
    });
    assert.deepEqual(capabilitiesOf('PostgreSQL:pg').json, { operators: true, indexing: true, path: true });
    assert.equal(capabilitiesOf(pgPlugin).arrays, true);
    const bare = { connector: 'Bare:js', createPool: () => ({}), sqlFormatter: sqliteFormatter, defaultMigratorOptions: {} };
    assert.deepEqual(capabilitiesOf(bare), {
      json: { operators: false, indexing: false, path: false },
      arrays: false,
      returning: false,
      cte: false,
    });
  });

  it('a connector that is not loaded is a clear error', () => {
    pluginRegistry.register('Lazy:caps', async () => ({ connector: 'Lazy:caps', createPool: () => ({}) }));
    assert.throws(() => capabilitiesOf('Lazy:caps'), (e) => e instanceof InvalidOperationError && /Lazy:caps/.test(e.message));
  });
});

describe('jsonField / jsonTextField', () => {
  it('SQLite: -> with a JSON path, run on SQLite', async () => {
    const pool = sqliteDumbo({ connectionString: ':memory:' });
    try {
      const field = jsonTextField(pool, SQL`${doc}`, 'a.b');
      assert.equal(sqliteFormatter.format(jsonField(pool, SQL`data`, ['a', 'b'])).query, "data -> '$.a.b'");
      const { rows } = await pool.execute.query(SQL`SELECT ${field} AS v, ${jsonTextField(pool, SQL`${doc}`, ["it's", 'x'])} AS q`);
      assert.deepEqual(rows, [{ v: 'deep', q: 'q' }]);
    } finally {
      await pool.close();
    }
  });

  it('PostgreSQL: -> / #> / #>>, run on PostgreSQL', async () => {
    const { dumbo, pgFormatter } = await import('@event-driven-io/dumbo/pg');
    const pool = dumbo({ connectionString: pgUrl });
    try {
      assert.equal(pgFormatter.format(jsonField(pool, SQL`data`, 'a')).query, "data -> 'a'");
      assert.equal(pgFormatter.format(jsonTextField('PostgreSQL:pg', SQL`data`, 'a.b')).query, "data #>> '{a,b}'");
      const { rows } = await pool.execute.query(
        SQL`SELECT ${jsonTextField(pool, SQL`${doc}::jsonb`, 'a.b')} AS v, ${jsonField(pool, SQL`${doc}::jsonb`, 'a.n')} AS n`,
      );
      assert.deepEqual(rows, [{ v: 'deep', n: 2 }]);
    } finally {
      await pool.close();
    }
  });

  it('a JS plugin without JSON operators gets json_extract (run on SQLite through its formatter)', async () => {
    const noOperators = {
      connector: 'NoJsonOps:js',
      createPool: (options) => sqliteDumbo({ ...options, connector: undefined }),
      sqlFormatter: sqliteFormatter,
      defaultMigratorOptions: {},
      capabilities: { json: { operators: false, indexing: false, path: true } },
    };
    const field = jsonField(noOperators, SQL`data`, 'a.b');
    assert.equal(sqliteFormatter.format(field).query, "json_extract(data, '$.a.b')");
    const pool = noOperators.createPool({ connectionString: ':memory:' });
    try {
      const { rows } = await pool.execute.query(SQL`SELECT ${jsonField(noOperators, SQL`${doc}`, 'a.n')} AS n`);
      assert.deepEqual(rows, [{ n: 2 }]);
    } finally {
      await pool.close();
    }
  });
});
