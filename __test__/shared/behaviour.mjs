// The database-independent behaviour of a Dumbo pool (reference 4.1, 4.2, 4.5, 6.1),
// as one suite that runs against any target (__test__/support/databases.mjs):
// SQLite and PostgreSQL here, community plugins (DuckDB, better-sqlite3, ...) later.
//
//   sharedBehaviourTests(target, { features })
//
// features (all true by default; a target or a caller turns off what it cannot do):
//   nestedTransactions  allowNestedTransactions: true works
//   savepoints          useSavepoints: true undoes only the nested level
//   isolatedReads       a read through the pool does not see rows of a transaction
//   deferredConstraints DEFERRABLE INITIALLY DEFERRED foreign keys (checked at COMMIT)
//                       still open on another connection (false for SQLite ':memory:',
//                       where every call shares one connection)
//   concurrentTransactions  transactions started at once on one pool stay apart
//                       (false over one caller-owned pg.Client: they share its session)
// A test whose feature is turned off is registered as skipped, with the reason, so it
// is reported as skipped and never as passed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  single,
  singleOrNull,
  first,
  firstOrNull,
  count,
  exists,
  mapRows,
  mapToCamelCase,
  mapColumnToJSON,
  mapColumnToBigint,
  mapColumnToDate,
  BatchCommandNoChangesError,
  DataError,
  ForeignKeyViolationError,
  DumboError,
  IntegrityConstraintViolationError,
  InvalidOperationError,
  NotNullViolationError,
  UniqueConstraintError,
} from '@event-driven-io/dumbo';

export const defaultFeatures = Object.freeze({
  nestedTransactions: true,
  savepoints: true,
  isolatedReads: true,
  deferredConstraints: true,
  concurrentTransactions: true,
});

const NESTED_MESSAGE =
  'Cannot start a nested transaction: allowNestedTransactions is false. Set transactionOptions: { allowNestedTransactions: true } on your pool or connection.';
const CLOSED_MESSAGE = 'Connection pool has been closed';

// Bounded durations: no test or hook may hang the run.
const TEST_TIMEOUT_MS = 60_000;
const HOOK_TIMEOUT_MS = 120_000;

const isNestedError = (error) => {
  assert.ok(error instanceof InvalidOperationError, `expected InvalidOperationError, got ${error}`);
  assert.equal(error.message, NESTED_MESSAGE);
  assert.equal(error.errorCode, 400);
  return true;
};

const isClosedError = (error) => {
  assert.ok(error instanceof InvalidOperationError, `expected InvalidOperationError, got ${error}`);
  assert.equal(error.message, CLOSED_MESSAGE);
  return true;
};

const dataError = (message) => (error) => {
  assert.ok(error instanceof DataError, `expected DataError, got ${error}`);
  assert.equal(error.message, message);
  assert.equal(error.errorCode, 400);
  assert.equal(error.errorType, 'DataError');
  return true;
};

/** A mapped driver error: the Dumbo class, its code and type, and the driver error kept. */
const driverError = (ErrorClass, errorCode) => (error) => {
  assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error?.name}: ${error?.message}`);
  assert.ok(error instanceof DumboError);
  assert.equal(error.errorCode, errorCode);
  assert.equal(error.errorType, ErrorClass.ErrorType);
  assert.equal(DumboError.isInstanceOf(error, { errorType: ErrorClass.ErrorType, errorCode }), true);
  assert.ok(error.innerError instanceof Error, 'innerError is the driver error');
  assert.equal(error.cause, error.innerError);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  return true;
};

/**
 * Registers the shared suite for `target` (see __test__/support/databases.mjs).
 * @param target  { name, label?, dumbo(options), setup(), teardown(), sql, features? }
 * @param options { features?: Partial<typeof defaultFeatures> }
 */
export function sharedBehaviourTests(target, { features = {} } = {}) {
  const enabled = { ...defaultFeatures, ...(target.features ?? {}), ...features };
  const label = target.label ?? target.name;
  const { sql } = target;

  // When the target cannot be set up (no database, driver missing), every test fails
  // with that error: reported as failed, one by one, never as cancelled or skipped.
  let setupError = null;
  const failIfNotSetUp = () => {
    if (setupError) throw setupError;
  };
  // Fixtures (before hooks) work the same way: a failing one makes each test of its
  // group fail with its error. `fixtures` holds those of the groups being registered.
  const fixtures = [];
  const group = (name, fn) =>
    describe(name, () => {
      const depth = fixtures.length;
      fn();
      fixtures.length = depth;
    });
  const fixture = (fn) => {
    const state = { error: null };
    fixtures.push(state);
    before(async () => {
      if (setupError) return;
      try {
        await fn();
      } catch (error) {
        state.error = error;
      }
    }, { timeout: HOOK_TIMEOUT_MS });
  };

  /** A test that needs the features `names`: registered as skipped (with the reason) when one is off. */
  const testNeeding = (names, name, fn) => {
    const off = names.filter((feature) => !enabled[feature]);
    const options = { timeout: TEST_TIMEOUT_MS };
    if (off.length > 0) options.skip = `${label} opts out of: ${off.join(', ')}`;
    const needed = fixtures.slice();
    return it(name, options, async (t) => {
      failIfNotSetUp();
      for (const { error } of needed) if (error) throw error;
      return fn(t);
    });
  };
  const test = (name, fn) => testNeeding([], name, fn);

  let tableCounter = 0;
  /** A new empty table on `executor`; returns its name as an SQL identifier. */
  async function freshTable(executor, columns = 'v INTEGER') {
    const name = `dumbo_t${++tableCounter}`;
    const T = SQL.identifier(name);
    await executor.execute.command(SQL`DROP TABLE IF EXISTS ${T}`);
    await executor.execute.command(SQL`CREATE TABLE ${T} (${SQL.plain(columns)})`);
    return T;
  }

  /** Opens a pool, runs `fn(pool)` and always closes the pool. */
  async function withPool(options, fn) {
    const pool = target.dumbo(options);
    try {
      return await fn(pool);
    } finally {
      await pool.close();
    }
  }

  /** A pool with a fresh `v INTEGER` table: fn(pool, T, insert, values). */
  const withValuesTable = (options, fn) =>
    withPool(options, async (pool) => {
      const T = await freshTable(pool);
      const insert = (executor, v) => executor.execute.command(SQL`INSERT INTO ${T} (v) VALUES (${v})`);
      const values = async (executor) =>
        (await executor.execute.query(SQL`SELECT v FROM ${T} ORDER BY v`)).rows.map((row) => row.v);
      return fn(pool, { T, insert, values });
    });

  describe(`shared behaviour: ${label}`, () => {
    before(async () => {
      try {
        await target.setup();
      } catch (error) {
        setupError = new Error(`${label}: setup failed: ${error?.message ?? error}`, { cause: error });
      }
    }, { timeout: HOOK_TIMEOUT_MS });
    after(() => target.teardown(), { timeout: HOOK_TIMEOUT_MS });

    group('execute', () => {
      let pool;
      let items;
      fixture(async () => {
        pool = target.dumbo();
        items = await freshTable(
          pool,
          `id INTEGER PRIMARY KEY, name TEXT, doc TEXT, big ${sql.bigint}, created TEXT, created_ms ${sql.double}`,
        );
      });
      after(() => pool?.close(), { timeout: HOOK_TIMEOUT_MS });

      const ids = async () =>
        (await pool.execute.query(SQL`SELECT id FROM ${items} ORDER BY id`)).rows.map((r) => r.id);

      group('query and command', () => {
        test('return { rowCount, rows }; generated keys come back through RETURNING', async () => {
          const T = await freshTable(pool, `id ${sql.serialPrimaryKey}, name TEXT`);
          const inserted = await pool.execute.command(
            SQL`INSERT INTO ${T} (name) VALUES (${'a'}), (${'b'}) RETURNING id`,
          );
          assert.deepEqual(inserted, { rowCount: 2, rows: [{ id: 1 }, { id: 2 }] });
          assert.deepEqual(await pool.execute.command(SQL`UPDATE ${T} SET name = ${'c'} WHERE id > ${0}`), {
            rowCount: 2,
            rows: [],
          });
          assert.deepEqual(await pool.execute.query(SQL`SELECT id, name FROM ${T} ORDER BY id`), {
            rowCount: 2,
            rows: [
              { id: 1, name: 'c' },
              { id: 2, name: 'c' },
            ],
          });
          assert.deepEqual(await pool.execute.query(SQL`SELECT id FROM ${T} WHERE id = ${-1}`), {
            rowCount: 0,
            rows: [],
          });
        });
      });

      group('batches', () => {
        test('batchCommand runs statements in order and returns one result per statement', async () => {
          const results = await pool.execute.batchCommand([
            SQL`INSERT INTO ${items} (id, name) VALUES (${1}, ${'one'})`,
            SQL`UPDATE ${items} SET name = ${'uno'} WHERE id = ${1}`,
            SQL`UPDATE ${items} SET name = ${'none'} WHERE id = ${999}`,
            SQL`INSERT INTO ${items} (id, name) VALUES (${2}, ${'two'}), (${3}, ${'three'})`,
            SQL`DELETE FROM ${items} WHERE id = ${3} RETURNING name`,
          ]);
          assert.deepEqual(results, [
            { rowCount: 1, rows: [] },
            { rowCount: 1, rows: [] },
            { rowCount: 0, rows: [] },
            { rowCount: 2, rows: [] },
            { rowCount: 1, rows: [{ name: 'three' }] },
          ]);
          assert.deepEqual((await pool.execute.query(SQL`SELECT id, name FROM ${items} ORDER BY id`)).rows, [
            { id: 1, name: 'uno' },
            { id: 2, name: 'two' },
          ]);
        });

        test('batchQuery returns one result per query, in order', async () => {
          const results = await pool.execute.batchQuery([
            SQL`SELECT name FROM ${items} WHERE id = ${2}`,
            SQL`SELECT id FROM ${items} ORDER BY id`,
            SQL`SELECT 1 AS x WHERE 1 = 0`,
          ]);
          assert.deepEqual(results, [
            { rowCount: 1, rows: [{ name: 'two' }] },
            { rowCount: 2, rows: [{ id: 1 }, { id: 2 }] },
            { rowCount: 0, rows: [] },
          ]);
          assert.deepEqual(await pool.execute.batchQuery([]), []);
        });

        test('assertChanges throws BatchCommandNoChangesError with statementIndex and stops the batch', async () => {
          await assert.rejects(
            pool.execute.batchCommand(
              [
                SQL`INSERT INTO ${items} (id, name) VALUES (${10}, ${'ten'})`,
                SQL`UPDATE ${items} SET name = ${'x'} WHERE id = ${12345}`,
                SQL`INSERT INTO ${items} (id, name) VALUES (${11}, ${'eleven'})`,
              ],
              { assertChanges: true },
            ),
            (error) => {
              assert.ok(error instanceof BatchCommandNoChangesError);
              assert.ok(error instanceof DumboError);
              assert.equal(error.statementIndex, 1);
              assert.equal(error.message, 'Batch command at index 1 affected no rows');
              assert.equal(error.errorCode, 409);
              assert.equal(error.errorType, 'BatchCommandNoChangesError');
              assert.equal(error.name, 'BatchCommandNoChangesError');
              return true;
            },
          );
          // The statement before ran (there is no implicit transaction), the one after did not.
          assert.deepEqual(await ids(), [1, 2, 10]);

          await assert.rejects(
            pool.execute.batchCommand([SQL`DELETE FROM ${items} WHERE id = ${777}`], { assertChanges: true }),
            (error) => error instanceof BatchCommandNoChangesError && error.statementIndex === 0,
          );
          // Without assertChanges, zero changes are fine.
          assert.deepEqual(await pool.execute.batchCommand([SQL`DELETE FROM ${items} WHERE id = ${777}`]), [
            { rowCount: 0, rows: [] },
          ]);
        });

        test('a failing statement stops the batch with its error', async () => {
          await assert.rejects(
            pool.execute.batchCommand([
              SQL`INSERT INTO ${items} (id, name) VALUES (${20}, ${'twenty'})`,
              SQL`INSERT INTO ${items} (id, name) VALUES (${20}, ${'duplicate'})`,
              SQL`INSERT INTO ${items} (id, name) VALUES (${21}, ${'never'})`,
            ]),
            (error) => error instanceof UniqueConstraintError,
          );
          assert.deepEqual(await ids(), [1, 2, 10, 20]);
        });
      });

      group('mapping option', () => {
        fixture(async () => {
          await pool.execute.command(
            SQL`INSERT INTO ${items} (id, name, doc, big, created, created_ms) VALUES (${100}, ${'mapped'}, ${{ tags: ['a', 'b'], n: 1 }}, ${2n ** 60n}, ${'2024-03-01T10:20:30.000Z'}, ${Date.UTC(2020, 0, 2)})`,
          );
          await pool.execute.command(
            SQL`INSERT INTO ${items} (id, name, doc, big) VALUES (${101}, ${'raw'}, ${'not json'}, ${7})`,
          );
        });

        const mapping = {
          ...mapColumnToJSON('doc'),
          ...mapColumnToBigint('big'),
          ...mapColumnToDate('created'),
          ...mapColumnToDate('created_ms'),
        };

        test('maps JSON text, integers to BigInt and text/ms to Date on query results', async () => {
          const { rowCount, rows } = await pool.execute.query(
            SQL`SELECT id, doc, big, created, created_ms FROM ${items} WHERE id IN (${100}, ${101}) ORDER BY id`,
            { mapping },
          );
          assert.equal(rowCount, 2);
          assert.deepEqual(rows[0], {
            id: 100,
            doc: { tags: ['a', 'b'], n: 1 },
            big: 2n ** 60n,
            created: new Date('2024-03-01T10:20:30.000Z'),
            created_ms: new Date(Date.UTC(2020, 0, 2)),
          });
          assert.ok(rows[0].created instanceof Date);
          // Not JSON: the raw text is kept. A small integer still becomes a BigInt; NULLs stay.
          assert.deepEqual(rows[1], { id: 101, doc: 'not json', big: 7n, created: null, created_ms: null });
        });

        test('applies only to columns present in the row, and to every result of batchQuery', async () => {
          const [a, b] = await pool.execute.batchQuery(
            [SQL`SELECT big FROM ${items} WHERE id = ${101}`, SQL`SELECT name, doc FROM ${items} WHERE id = ${100}`],
            { mapping },
          );
          assert.deepEqual(a.rows, [{ big: 7n }]);
          assert.deepEqual(b.rows, [{ name: 'mapped', doc: { tags: ['a', 'b'], n: 1 } }]);
          assert.ok(!('created' in b.rows[0]));
        });

        test('a value that cannot be a BigInt gives a DataError', async () => {
          await assert.rejects(
            pool.execute.query(SQL`SELECT CAST(1.5 AS ${SQL.plain(sql.double)}) AS big`, {
              mapping: mapColumnToBigint('big'),
            }),
            dataError("Cannot convert value of column 'big' to BigInt: 1.5"),
          );
        });

        test('custom mapping functions receive the raw value', async () => {
          const seen = [];
          const { rows } = await pool.execute.query(SQL`SELECT name FROM ${items} WHERE id = ${100}`, {
            mapping: { name: (value) => (seen.push(value), value.toUpperCase()) },
          });
          assert.deepEqual(rows, [{ name: 'MAPPED' }]);
          assert.deepEqual(seen, ['mapped']);
        });
      });

      group('result helpers', () => {
        const q = (statement) => pool.execute.query(statement);
        const none = () => SQL`SELECT id, name FROM ${items} WHERE id = ${-1}`;
        const one = () => SQL`SELECT id, name FROM ${items} WHERE id = ${1}`;
        const many = () => SQL`SELECT id, name FROM ${items} WHERE id IN (${1}, ${2}) ORDER BY id`;

        test('single', async () => {
          assert.deepEqual(await single(q(one())), { id: 1, name: 'uno' });
          await assert.rejects(single(q(none())), dataError("Query didn't return any result"));
          await assert.rejects(single(q(many())), dataError('Query had more than one result'));
        });

        test('singleOrNull', async () => {
          assert.deepEqual(await singleOrNull(q(one())), { id: 1, name: 'uno' });
          assert.equal(await singleOrNull(q(none())), null);
          await assert.rejects(singleOrNull(q(many())), dataError('Query had more than one result'));
        });

        test('first', async () => {
          assert.deepEqual(await first(q(many())), { id: 1, name: 'uno' });
          assert.deepEqual(await first(q(one())), { id: 1, name: 'uno' });
          await assert.rejects(first(q(none())), dataError("Query didn't return any result"));
        });

        test('firstOrNull', async () => {
          assert.deepEqual(await firstOrNull(q(many())), { id: 1, name: 'uno' });
          assert.equal(await firstOrNull(q(none())), null);
        });

        test('count gives a number (whatever type the driver returns for COUNT(*))', async () => {
          const total = await count(q(SQL`SELECT count(*) AS count FROM ${items}`));
          assert.equal(total, (await ids()).length);
          assert.equal(typeof total, 'number');
          assert.equal(await count(q(SQL`SELECT count(*) AS count FROM ${items} WHERE id < 0`)), 0);
          await assert.rejects(
            count(q(SQL`SELECT 1 AS count WHERE 1 = 0`)),
            dataError("Query didn't return any result"),
          );
          await assert.rejects(
            count(q(SQL`SELECT 1 AS count UNION ALL SELECT 2`)),
            dataError('Query had more than one result'),
          );
        });

        test(`exists gives true/false (the driver returns ${sql.trueValue}/${sql.falseValue})`, async () => {
          const yes = SQL`SELECT EXISTS (SELECT 1 FROM ${items} WHERE id = ${1}) AS "exists"`;
          const no = SQL`SELECT EXISTS (SELECT 1 FROM ${items} WHERE id = ${-1}) AS "exists"`;
          assert.deepEqual((await q(yes)).rows, [{ exists: sql.trueValue }]);
          assert.deepEqual((await q(no)).rows, [{ exists: sql.falseValue }]);
          assert.equal(await exists(q(yes)), true);
          assert.equal(await exists(q(no)), false);
          await assert.rejects(exists(q(none())), dataError("Query didn't return any result"));
        });

        test('mapRows and mapToCamelCase', async () => {
          assert.deepEqual(await mapRows(q(many()), (row) => `${row.id}:${row.name}`), ['1:uno', '2:two']);
          assert.deepEqual(await mapRows(q(none()), (row) => row), []);
          const camel = await mapRows(
            q(SQL`SELECT id AS item_id, name AS item_name FROM ${items} WHERE id = ${2}`),
            mapToCamelCase,
          );
          assert.deepEqual(camel, [{ itemId: 2, itemName: 'two' }]);
        });

        test('helpers pass query errors through', async () => {
          await assert.rejects(single(q(SQL`SELECT * FROM missing_table`)), (error) => {
            assert.ok(error instanceof InvalidOperationError, `expected InvalidOperationError, got ${error}`);
            assert.match(error.message, /missing_table/);
            return true;
          });
        });
      });
    });

    group('withTransaction', () => {
      test('commits and returns the callback result', () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const result = await pool.withTransaction(async (tx) => {
            await insert(tx, 1);
            return { id: 1 };
          });
          assert.deepEqual(result, { id: 1 });
          assert.equal(
            await pool.withTransaction(async (tx) => {
              await insert(tx, 2);
              return { success: true, result: 'explicit' };
            }),
            'explicit',
          );
          assert.equal(await pool.withTransaction(async () => undefined), undefined);
          assert.deepEqual(await values(pool), [1, 2]);
        }));

      test('{ success: false, result } rolls back and returns result without throwing', () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const result = await pool.withTransaction(async (tx) => {
            await insert(tx, 1);
            return { success: false, result: 'rolled back' };
          });
          assert.equal(result, 'rolled back');
          assert.deepEqual(await values(pool), []);
          // The pool is usable afterwards.
          await pool.withTransaction((tx) => insert(tx, 5));
          assert.deepEqual(await values(pool), [5]);
        }));

      test('a throw rolls back and rethrows the same error object', () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const failure = new TypeError('callback failed');
          failure.extra = { detail: 1 };
          await assert.rejects(
            pool.withTransaction(async (tx) => {
              await insert(tx, 1);
              throw failure;
            }),
            (error) => error === failure,
          );
          assert.deepEqual(await values(pool), []);
          // A database error inside the callback: rolled back, rethrown as mapped.
          const U = await freshTable(pool, 'id INTEGER PRIMARY KEY');
          await assert.rejects(
            pool.withTransaction(async (tx) => {
              await insert(tx, 2);
              await tx.execute.command(SQL`INSERT INTO ${U} (id) VALUES (1), (1)`);
            }),
            driverError(UniqueConstraintError, 409),
          );
          assert.deepEqual(await values(pool), []);
          // And the pool goes on.
          await pool.withTransaction((tx) => insert(tx, 3));
          assert.deepEqual(await values(pool), [3]);
        }));

      testNeeding(
        ['deferredConstraints'],
        'a COMMIT that fails (a deferred foreign key) rejects, keeps nothing, and the next transaction works',
        () =>
          withPool({}, async (pool) => {
            const P = await freshTable(pool, 'id INTEGER PRIMARY KEY');
            const C = await freshTable(
              pool,
              `id INTEGER PRIMARY KEY, p INTEGER REFERENCES ${`dumbo_t${tableCounter}`} (id) DEFERRABLE INITIALLY DEFERRED`,
            );
            await assert.rejects(
              pool.withTransaction(async (tx) => {
                // Accepted now, checked at COMMIT.
                await tx.execute.command(SQL`INSERT INTO ${C} (id, p) VALUES (1, 99)`);
              }),
              (error) => error instanceof ForeignKeyViolationError,
            );
            assert.deepEqual((await pool.execute.query(SQL`SELECT id FROM ${C}`)).rows, []);
            await pool.withTransaction(async (tx) => {
              await tx.execute.command(SQL`INSERT INTO ${P} (id) VALUES (99)`);
              await tx.execute.command(SQL`INSERT INTO ${C} (id, p) VALUES (2, 99)`);
            });
            assert.deepEqual((await pool.execute.query(SQL`SELECT id, p FROM ${C}`)).rows, [{ id: 2, p: 99 }]);
          }),
      );

      group('nesting', () => {
        test('without allowNestedTransactions a nested tx.withTransaction rejects with the upstream message', () =>
          withValuesTable({}, async (pool, { insert, values }) => {
            await pool.withTransaction(async (tx) => {
              await insert(tx, 1);
              await assert.rejects(
                tx.withTransaction((inner) => insert(inner, 2)),
                isNestedError,
              );
              // The outer transaction is unaffected and can go on.
              await insert(tx, 3);
            });
            assert.deepEqual(await values(pool), [1, 3]);
          }));

        test('without allowNestedTransactions a second begin() of the same transaction rejects', () =>
          withValuesTable({}, async (pool, { insert, values }) => {
            await pool.withTransaction(async (tx) => {
              await insert(tx, 1);
              await assert.rejects(tx.begin(), isNestedError);
            });
            const manual = pool.transaction();
            await manual.begin();
            await assert.rejects(manual.begin(), isNestedError);
            await insert(manual, 2);
            await manual.rollback();
            assert.deepEqual(await values(pool), [1]);
          }));

        testNeeding(
          ['nestedTransactions'],
          'with allowNestedTransactions and no savepoints, an inner rollback is a no-op: rows [1, 2, 3]',
          () =>
            withValuesTable({}, async (pool, { insert, values }) => {
              await pool.withTransaction(
                async (tx) => {
                  await insert(tx, 1);
                  const inner = await tx.withTransaction(async (nested) => {
                    await insert(nested, 2);
                    return { success: false, result: 'inner' };
                  });
                  assert.equal(inner, 'inner');
                  await insert(tx, 3);
                },
                { allowNestedTransactions: true },
              );
              assert.deepEqual(await values(pool), [1, 2, 3]);
            }),
        );

        testNeeding(
          ['nestedTransactions', 'savepoints'],
          'with useSavepoints only the nested work is undone: rows [1, 3]',
          () =>
            withValuesTable({}, async (pool, { insert, values }) => {
              await pool.withTransaction(
                async (tx) => {
                  await insert(tx, 1);
                  await tx.withTransaction(async (nested) => {
                    await insert(nested, 2);
                    return { success: false, result: undefined };
                  });
                  await insert(tx, 3);
                },
                { allowNestedTransactions: true, useSavepoints: true },
              );
              assert.deepEqual(await values(pool), [1, 3]);
            }),
        );

        testNeeding(
          ['nestedTransactions', 'savepoints'],
          'with useSavepoints a throwing nested transaction is rolled back to its savepoint and rethrown',
          () =>
            withValuesTable(
              { transactionOptions: { allowNestedTransactions: true, useSavepoints: true } },
              async (pool, { insert, values }) => {
                const failure = new Error('nested failure');
                await pool.withTransaction(async (tx) => {
                  await insert(tx, 1);
                  await assert.rejects(
                    tx.withTransaction(async (nested) => {
                      await insert(nested, 2);
                      throw failure;
                    }),
                    (error) => error === failure,
                  );
                  // A committed nested level keeps its work.
                  await tx.withTransaction((nested) => insert(nested, 3));
                  assert.deepEqual(await values(tx), [1, 3]);
                });
                assert.deepEqual(await values(pool), [1, 3]);
              },
            ),
        );

        testNeeding(
          ['nestedTransactions', 'savepoints'],
          'an outer rollback undoes committed nested levels too',
          () =>
            withValuesTable(
              { transactionOptions: { allowNestedTransactions: true, useSavepoints: true } },
              async (pool, { insert, values }) => {
                const result = await pool.withTransaction(async (tx) => {
                  await tx.withTransaction((nested) => insert(nested, 1));
                  return { success: false, result: 'outer rolled back' };
                });
                assert.equal(result, 'outer rolled back');
                assert.deepEqual(await values(pool), []);
              },
            ),
        );
      });
    });

    group('pool.transaction() (manual begin/commit/rollback)', () => {
      test('commit keeps the work, rollback undoes it, and the pool goes on', () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const committed = pool.transaction();
          await committed.begin();
          await insert(committed, 1);
          assert.deepEqual(await values(committed), [1]);
          await committed.commit();
          assert.deepEqual(await values(pool), [1]);

          const rolledBack = pool.transaction();
          await rolledBack.begin();
          await insert(rolledBack, 2);
          assert.deepEqual(await values(rolledBack), [1, 2]);
          await rolledBack.rollback();
          assert.deepEqual(await values(pool), [1]);

          // Sequential manual transactions keep working (connections are released).
          for (const v of [3, 4, 5]) {
            const tx = pool.transaction();
            await tx.begin();
            await insert(tx, v);
            await tx.commit();
          }
          assert.deepEqual(await values(pool), [1, 3, 4, 5]);
        }));

      testNeeding(
        ['isolatedReads'],
        'a read through the pool does not see rows of a transaction that is still open',
        () =>
          withValuesTable({}, async (pool, { insert, values }) => {
            await insert(pool, 1);
            const tx = pool.transaction();
            await tx.begin();
            try {
              await insert(tx, 2);
              assert.deepEqual(await values(tx), [1, 2], 'the transaction sees its own rows');
              assert.deepEqual(await values(pool), [1], 'the pool (another connection) does not');
              await withPool({}, async (other) => {
                assert.deepEqual(await values(other), [1], 'nor does another pool');
              });
              await tx.commit();
            } catch (error) {
              await tx.rollback().catch(() => {});
              throw error;
            }
            assert.deepEqual(await values(pool), [1, 2]);
          }),
      );
    });

    group('connections', () => {
      test('withConnection passes a connection, returns the handle result and rethrows its error', () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const result = await pool.withConnection(async (connection) => {
            await insert(connection, 1);
            return values(connection);
          });
          assert.deepEqual(result, [1]);
          const failure = new Error('handle failed');
          await assert.rejects(
            pool.withConnection(async () => {
              throw failure;
            }),
            (error) => error === failure,
          );
          assert.deepEqual(await values(pool), [1]);
        }));

      test("connection(): statements through the connection's execute inside its withTransaction are part of the transaction", () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const connection = await pool.connection();
          try {
            await insert(connection, 1);
            const result = await connection.withTransaction(async () => {
              await insert(connection, 2);
              assert.deepEqual(await values(connection), [1, 2]);
              return { success: false, result: 'undone' };
            });
            assert.equal(result, 'undone');
            assert.deepEqual(await values(connection), [1]);
            await connection.withTransaction((tx) => insert(tx, 3));
          } finally {
            await connection.close();
          }
          // Closing a connection leaves the pool usable.
          assert.deepEqual(await values(pool), [1, 3]);
          await insert(pool, 4);
          assert.deepEqual(await values(pool), [1, 3, 4]);
        }));
    });

    group('errors', () => {
      let pool;
      let P;
      fixture(async () => {
        pool = target.dumbo();
        P = await freshTable(pool, `id ${sql.serialPrimaryKey}, email TEXT UNIQUE, name TEXT NOT NULL`);
        await pool.execute.command(SQL`INSERT INTO ${P} (email, name) VALUES (${'a@x'}, ${'a'})`);
      });
      after(() => pool?.close(), { timeout: HOOK_TIMEOUT_MS });

      test('a unique violation gives UniqueConstraintError (an IntegrityConstraintViolationError)', async () => {
        await assert.rejects(
          pool.execute.command(SQL`INSERT INTO ${P} (email, name) VALUES (${'a@x'}, ${'b'})`),
          (error) => driverError(UniqueConstraintError, 409)(error) && error instanceof IntegrityConstraintViolationError,
        );
      });

      test('a NOT NULL violation gives NotNullViolationError', async () => {
        await assert.rejects(
          pool.execute.command(SQL`INSERT INTO ${P} (email, name) VALUES (${'c@x'}, ${null})`),
          driverError(NotNullViolationError, 409),
        );
      });

      test('a syntax error gives InvalidOperationError', async () => {
        await assert.rejects(pool.execute.query(SQL`SELEC 1`), driverError(InvalidOperationError, 400));
        await assert.rejects(
          pool.execute.command(SQL`INSERT INTO nope_missing (x) VALUES (${1})`),
          driverError(InvalidOperationError, 400),
        );
      });

      test('failed statements changed nothing and the pool goes on', async () => {
        const { rows } = await pool.execute.query(SQL`SELECT email, name FROM ${P} ORDER BY email`);
        assert.deepEqual(rows, [{ email: 'a@x', name: 'a' }]);
      });
    });

    group('closing', () => {
      test(`a closed pool rejects every operation with InvalidOperationError '${CLOSED_MESSAGE}'`, async () => {
        const used = target.dumbo();
        assert.deepEqual((await used.execute.query(SQL`SELECT 1 AS one`)).rows, [{ one: 1 }]);
        const unused = target.dumbo();
        for (const pool of [used, unused]) {
          await pool.close();
          await pool.close(); // idempotent
          await assert.rejects(pool.execute.query(SQL`SELECT 1`), isClosedError);
          await assert.rejects(pool.execute.command(SQL`SELECT 1`), isClosedError);
          await assert.rejects(pool.execute.batchQuery([SQL`SELECT 1`]), isClosedError);
          await assert.rejects(pool.execute.batchCommand([SQL`SELECT 1`]), isClosedError);
          await assert.rejects(pool.connection(), isClosedError);
          await assert.rejects(pool.withConnection(async () => 1), isClosedError);
          await assert.rejects(pool.withTransaction(async () => 1), isClosedError);
          assert.throws(() => pool.transaction(), isClosedError);
        }
      });
    });

    group('concurrency', () => {
      test('20 concurrent commands and queries on one pool', () =>
        withValuesTable({}, async (pool, { T, insert }) => {
          const n = 20;
          const range = Array.from({ length: n }, (_, i) => i);
          const inserted = await Promise.all(range.map((i) => insert(pool, i)));
          assert.deepEqual(
            inserted.map((r) => r.rowCount),
            range.map(() => 1),
          );
          const results = await Promise.all(
            range.map((i) => pool.execute.query(SQL`SELECT v FROM ${T} WHERE v = ${i}`)),
          );
          assert.deepEqual(
            results.map((r) => r.rows),
            range.map((i) => [{ v: i }]),
          );
        }));

      testNeeding(['concurrentTransactions'], '20 concurrent transactions on one pool', () =>
        withValuesTable({}, async (pool, { insert, values }) => {
          const range = Array.from({ length: 20 }, (_, i) => i);
          const committed = await Promise.all(
            range.map((i) =>
              pool.withTransaction(async (tx) => {
                await insert(tx, 100 + i);
                return i % 2 === 0 ? i : { success: false, result: i };
              }),
            ),
          );
          assert.deepEqual(committed, range);
          assert.deepEqual(await values(pool), range.filter((i) => i % 2 === 0).map((i) => 100 + i));
        }));
    });
  });
}
