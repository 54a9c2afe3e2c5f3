// Upstream's formatter-building API (SQLFormatter, processors, registry, value mappers,
// builder): each name behaves as upstream 0.13.0-beta.47. Expected values were taken
// from upstream's dist run on the same inputs; deliberate differences are named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SQL,
  SQLFormatter,
  SQLProcessor,
  SQLProcessorsRegistry,
  defaultProcessorsRegistry,
  ExpandArrayProcessor,
  ExpandSQLInProcessor,
  FormatIdentifierProcessor,
  MapLiteralProcessor,
  mapDefaultSQLColumnProcessors,
  ParametrizedSQLBuilder,
  SQLValueMapper,
  mapSQLParamValue,
  mapSQLIdentifier,
  mapANSISQLParamPlaceholder,
  ANSISQLParamPlaceholder,
  ANSISQLIdentifierQuote,
  DefaultMapSQLParamValueOptions,
  ansiSqlReservedMap,
  ColumnTypeToken,
  JSONSerializer,
  formatSQL,
  describeSQL,
  DataError,
  NotRegisteredError,
} from '@event-driven-io/dumbo';
import * as postgresql from '@event-driven-io/dumbo/postgresql';
import * as pg from '@event-driven-io/dumbo/pg';
import { sqliteFormatter } from '@event-driven-io/dumbo/sqlite';

const { PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor, postgreSQLColumnProcessors, pgFormatter } = postgresql;
const s = JSONSerializer;

// Runs one processor on one token with a fresh builder, as a formatter would.
const run = (processor, token, { mapper = SQLValueMapper(), placeholder = (i) => `$${i + 1}` } = {}) => {
  const builder = ParametrizedSQLBuilder({ mapParamPlaceholder: placeholder });
  processor.handle(token, { builder, mapper, serializer: s, processorsRegistry: defaultProcessorsRegistry });
  return builder.build();
};

describe('value mapping (upstream sqlValueMapper)', () => {
  it('constants and defaults', () => {
    assert.equal(ANSISQLParamPlaceholder, '?');
    assert.equal(ANSISQLIdentifierQuote, '"');
    assert.equal(mapANSISQLParamPlaceholder(), '?');
    assert.deepEqual(Object.keys(DefaultMapSQLParamValueOptions), ['mapPlaceholder', 'mapIdentifier']);
    assert.equal(DefaultMapSQLParamValueOptions.mapIdentifier, mapSQLIdentifier);
  });

  it('ansiSqlReservedMap holds upstream\'s 176 words, read from Rust', () => {
    const words = Object.keys(ansiSqlReservedMap);
    assert.equal(words.length, 176);
    for (const w of ['ADD', 'SELECT', 'DESC', 'ZONE', 'CURRENT_TIMESTAMP', 'VARCHAR']) assert.equal(ansiSqlReservedMap[w], true);
    assert.equal(ansiSqlReservedMap.USERS, undefined);
    assert.ok(Object.isFrozen(ansiSqlReservedMap));
  });

  it('mapSQLIdentifier quotes only when needed, with options', () => {
    assert.deepEqual(
      ['users', 'Users', 'desc', 'a"b', 'user table', 'select', 'foo'].map((n) => mapSQLIdentifier(n)),
      ['users', '"Users"', '"desc"', '"a""b"', '"user table"', '"select"', 'foo'],
    );
    assert.equal(mapSQLIdentifier('foo', { reservedWords: { FOO: true } }), '"foo"');
    assert.equal(mapSQLIdentifier('desc', { reservedWords: {} }), 'desc');
    assert.equal(mapSQLIdentifier('A`b', { reservedWords: {}, quote: '`' }), '`A``b`');
    assert.equal(mapSQLIdentifier('user', { reservedWords: ansiSqlReservedMap }), '"user"');
    assert.throws(() => mapSQLIdentifier(null), (e) => e instanceof DataError && e.message === 'SQL identifier cannot be null or undefined');
  });

  it('mapSQLParamValue: defaults and hooks', () => {
    const values = [null, undefined, 1, 'x', true, 12n, new Date('2023-05-15T12:00:00Z'), { a: 1 }, [1, new Date(0), 2n], SQL.identifier('Users')];
    assert.deepEqual(values.map((v) => mapSQLParamValue(v, s)), [
      null, null, 1, 'x', true, '12', '2023-05-15T12:00:00.000Z', '{"a":1}', [1, '1970-01-01T00:00:00.000Z', '2'], '"Users"',
    ]);
    const hooks = { mapBoolean: (b) => (b ? 1 : 0), mapDate: (d) => d.getTime(), mapBigInt: (b) => Number(b), mapObject: () => 'obj' };
    assert.deepEqual(mapSQLParamValue([true, new Date(0), 3n, { a: 1 }], s, hooks), [1, 0, 3, 'obj']);
  });

  it('SQLValueMapper: the ANSI mapper, or one with the given options', () => {
    const ansi = SQLValueMapper();
    assert.deepEqual([ansi.mapPlaceholder(3, 'x'), ansi.mapIdentifier('Order'), ansi.mapValue(new Date(0), s), ansi.mapValue(5n, s)], [
      '?', '"Order"', '1970-01-01T00:00:00.000Z', '5',
    ]);
    const custom = SQLValueMapper({ mapPlaceholder: (i) => `:p${i}`, mapDate: () => 'DATE' });
    assert.deepEqual([custom.mapPlaceholder(3), custom.mapValue(new Date(0), s), custom.mapValue([new Date(0)], s)], [':p3', 'DATE', ['DATE']]);
  });

  it('the built-in formatters expose their mappers', () => {
    assert.deepEqual(
      [pgFormatter.valueMapper.mapPlaceholder(0), pgFormatter.valueMapper.mapIdentifier('user'), pgFormatter.valueMapper.mapValue(new Date('2023-05-15T12:00:00Z'), s)],
      ['$1', '"user"', '2023-05-15 12:00:00.000+00'],
    );
    assert.equal(sqliteFormatter.valueMapper.mapIdentifier('user'), '"user"');
    assert.equal(pgFormatter.valueMapper.mapIdentifier('year'), 'year', 'PostgreSQL uses its own reserved list');
    assert.equal(sqliteFormatter.valueMapper.mapIdentifier('year'), '"year"');
  });
});

describe('ParametrizedSQLBuilder', () => {
  it('numbers placeholders over all params and joins addParams with ", "', () => {
    const b = ParametrizedSQLBuilder({ mapParamPlaceholder: (i) => `$${i + 1}` });
    assert.deepEqual(b.addSQL('SELECT ').addParam(1).addSQL(', ').addParams([2, 3]).build(), { query: 'SELECT $1, $2, $3', params: [1, 2, 3] });
  });
});

describe('processors (upstream defaultProcessors, PostgreSQL array processors)', () => {
  it('canHandle of each built-in processor', () => {
    assert.deepEqual(
      [ExpandArrayProcessor, ExpandSQLInProcessor, FormatIdentifierProcessor, MapLiteralProcessor, PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor].map((p) => p.canHandle),
      ['SQL_ARRAY', 'SQL_IN', 'SQL_IDENTIFIER', 'SQL_LITERAL', 'SQL_ARRAY', 'SQL_IN'],
    );
    assert.equal(pg.PostgreSQLArrayProcessor, PostgreSQLArrayProcessor, '/pg re-exports /postgresql');
    assert.equal(pg.postgreSQLColumnProcessors, postgreSQLColumnProcessors);
  });

  it('write into the caller\'s builder with its placeholders (Rust renders, the caller numbers)', () => {
    assert.deepEqual(run(ExpandArrayProcessor, SQL.array([1, 2, 3])), { query: '$1, $2, $3', params: [1, 2, 3] });
    assert.deepEqual(run(ExpandSQLInProcessor, SQL.in('id', [1, 2])), { query: 'id IN ($1, $2)', params: [1, 2] });
    assert.deepEqual(run(ExpandSQLInProcessor, SQL.in('id', [])), { query: '$1', params: [false] });
    assert.deepEqual(run(FormatIdentifierProcessor, SQL.identifier('Order')), { query: '"Order"', params: [] });
    assert.deepEqual(run(MapLiteralProcessor, { sqlTokenType: 'SQL_LITERAL', SQL_LITERAL: true, value: 'x' }), { query: '$1', params: ['x'] });
    assert.deepEqual(run(PostgreSQLArrayProcessor, SQL.array([1, 2])), { query: '$1', params: [[1, 2]] });
    assert.deepEqual(run(PostgreSQLArrayProcessor, SQL.array([1, 2], { mode: 'params' })), { query: '$1, $2', params: [1, 2] });
    assert.deepEqual(run(PostgreSQLExpandSQLInProcessor, SQL.in('id', [1, 2], { mode: 'params' })), { query: 'id IN ($1, $2)', params: [1, 2] });
    // Upstream calls the context registry's array processor here (the default one
    // expands: `id = ANY ($1, $2)`); this one binds PostgreSQL's array (docs/sql.md).
    assert.deepEqual(run(PostgreSQLExpandSQLInProcessor, SQL.in('id', [1, 2])), { query: 'id = ANY ($1)', params: [[1, 2]] });
    assert.deepEqual(run(ExpandArrayProcessor, SQL.array([1, 2]), { placeholder: () => '?' }), { query: '?, ?', params: [1, 2] });
  });

  it('map the values with the caller\'s mapper', () => {
    const mapper = SQLValueMapper({ mapDate: (d) => `D${d.getTime()}` });
    assert.deepEqual(run(ExpandArrayProcessor, SQL.array([new Date(5), 1]), { mapper }), { query: '$1, $2', params: ['D5', 1] });
    assert.deepEqual(run(MapLiteralProcessor, { sqlTokenType: 'SQL_LITERAL', SQL_LITERAL: true, value: new Date(7) }, { mapper }), { query: '$1', params: ['D7'] });
  });

  it('an empty array is upstream\'s DataError', () => {
    assert.throws(
      () => run(ExpandArrayProcessor, SQL.array([])),
      (e) => e instanceof DataError && e.message === "Empty arrays are not supported. If you're using it with SELECT IN statement Use SQL.in(column, array) helper instead.",
    );
  });

  it('column processors: PostgreSQL names from Rust; mapDefaultSQLColumnProcessors for your own', () => {
    assert.deepEqual(Object.entries(postgreSQLColumnProcessors).map(([k, p]) => [k, p.canHandle]), [
      ['AutoIncrement', 'SQL_COLUMN_AUTO_INCREMENT'], ['BigInteger', 'SQL_COLUMN_BIGINT'], ['BigSerial', 'SQL_COLUMN_BIGSERIAL'],
      ['Serial', 'SQL_COLUMN_SERIAL'], ['Integer', 'SQL_COLUMN_INTEGER'], ['JSONB', 'SQL_COLUMN_JSONB'],
      ['Timestamp', 'SQL_COLUMN_TIMESTAMP'], ['Timestamptz', 'SQL_COLUMN_TIMESTAMPTZ'], ['Varchar', 'SQL_COLUMN_VARCHAR'],
    ]);
    assert.deepEqual(run(postgreSQLColumnProcessors.Varchar, SQL.column.type.Varchar(30)), { query: 'VARCHAR (30)', params: [] });
    assert.deepEqual(run(postgreSQLColumnProcessors.BigInteger, SQL.column.type.BigInteger), { query: 'BIGINT', params: [] });
    assert.deepEqual(run(postgreSQLColumnProcessors.AutoIncrement, SQL.column.type.AutoIncrement({ primaryKey: true })), { query: 'SERIAL PRIMARY KEY', params: [] });
    const mine = mapDefaultSQLColumnProcessors((token, { builder }) => builder.addSQL(`T<${token.sqlTokenType}>`));
    assert.deepEqual(Object.keys(mine), ['AutoIncrement', 'BigInteger', 'BigSerial', 'Serial', 'Integer', 'JSONB', 'Timestamp', 'Timestamptz', 'Varchar']);
    assert.deepEqual(run(mine.Integer, SQL.column.type.Integer), { query: 'T<SQL_COLUMN_INTEGER>', params: [] });
  });

  it('ColumnTypeToken defines column type tokens', () => {
    const Money = ColumnTypeToken('SQL_COLUMN_MONEY', 'value_type:js:number');
    assert.equal(Money.type, 'SQL_COLUMN_MONEY');
    assert.deepEqual(Money.from(), { sqlTokenType: 'SQL_COLUMN_MONEY', SQL_COLUMN_MONEY: true, jsTypeName: 'value_type:js:number' });
    assert.equal(Money.check(Money.from()), true);
    assert.equal(Money.check({}), false);
  });
});

describe('SQLProcessorsRegistry', () => {
  it('default registry: the four core processors, shared on globalThis', () => {
    assert.deepEqual([...defaultProcessorsRegistry.all().keys()].sort(), ['SQL_ARRAY', 'SQL_IDENTIFIER', 'SQL_IN', 'SQL_LITERAL']);
    assert.equal(defaultProcessorsRegistry.get('NOPE'), null);
    assert.equal(globalThis.defaultProcessorsRegistry, defaultProcessorsRegistry);
  });

  it('from: copies; register takes a record, several processors, or one (upstream drops a lone one)', () => {
    const X = SQLProcessor({ canHandle: 'X', handle: () => {} });
    const Y = SQLProcessor({ canHandle: 'Y', handle: () => {} });
    const Z = SQLProcessor({ canHandle: 'Z', handle: () => {} });
    const r = SQLProcessorsRegistry({ from: defaultProcessorsRegistry }).register({ x: X }).register(Y, Z);
    assert.deepEqual([...r.all().keys()].sort(), ['SQL_ARRAY', 'SQL_IDENTIFIER', 'SQL_IN', 'SQL_LITERAL', 'X', 'Y', 'Z']);
    assert.equal(defaultProcessorsRegistry.get('X'), null, 'the source registry is not changed');
    assert.equal(SQLProcessorsRegistry().register(X).get('X'), X);
    assert.throws(() => SQLProcessorsRegistry().register({ canHandle: 'X' }), TypeError);
  });
});

describe('SQLFormatter, formatSQL, describeSQL with a custom processor', () => {
  const Upper = SQLProcessor({
    canHandle: 'SQL_LITERAL',
    handle: (t, { builder, mapper, serializer }) =>
      builder.addParam(typeof t.value === 'string' ? t.value.toUpperCase() : mapper.mapValue(t.value, serializer)),
  });
  const upperRegistry = SQLProcessorsRegistry({ from: defaultProcessorsRegistry }).register({ upper: Upper });
  const q = SQL`SELECT * FROM ${SQL.identifier('Users')} WHERE name = ${'ann'} AND id IN (${[1, 2]}) AND ${SQL.in('k', ['a', 'b'])} AND d = ${new Date(0)}`;
  const params = (name, date) => [name, 1, 2, 'a', 'b', date];
  const ISO = '1970-01-01T00:00:00.000Z';

  it('on SQL.format and pgFormatter.format through the context registry', () => {
    assert.deepEqual(SQL.format(q, sqliteFormatter, { processorsRegistry: upperRegistry }), {
      query: 'SELECT * FROM "Users" WHERE name = ? AND id IN (?, ?) AND k IN (?, ?) AND d = ?',
      params: params('ANN', ISO),
    });
    assert.deepEqual(pgFormatter.format(q, { serializer: s, processorsRegistry: upperRegistry }), {
      query: 'SELECT * FROM "Users" WHERE name = $1 AND id IN ($2, $3) AND k IN ($4, $5) AND d = $6',
      params: params('ANN', '1970-01-01 00:00:00.000+00'),
    });
  });

  it('on a formatter built with SQLFormatter (its own placeholders too)', () => {
    const fmt = SQLFormatter({ processorsRegistry: upperRegistry, valueMapper: { mapPlaceholder: (i) => `@p${i}` } });
    const query = 'SELECT * FROM "Users" WHERE name = @p0 AND id IN (@p1, @p2) AND k IN (@p3, @p4) AND d = @p5';
    assert.deepEqual(fmt.format(q, { serializer: s }), { query, params: params('ANN', ISO) });
    assert.equal(fmt.describe(q, { serializer: s }), 'SELECT * FROM "Users" WHERE name = "ANN" AND id IN (1, 2) AND k IN ("a", "b") AND d = "1970-01-01T00:00:00.000Z"');
    // As upstream: SQL.format / describeSQL use the default registry, with the formatter's mapper.
    assert.deepEqual(SQL.format(q, fmt), { query, params: params('ann', ISO) });
    assert.deepEqual(formatSQL(q, fmt, s, { processorsRegistry: upperRegistry }), { query, params: params('ANN', ISO) });
    assert.equal(describeSQL(q, fmt, s), 'SELECT * FROM "Users" WHERE name = "ann" AND id IN (1, 2) AND k IN ("a", "b") AND d = "1970-01-01T00:00:00.000Z"');
  });

  it('SQLFormatter({}) is the ANSI formatter; format/describe given are used as is', () => {
    assert.deepEqual(SQLFormatter({}).format(q, { serializer: s }), {
      query: 'SELECT * FROM "Users" WHERE name = ? AND id IN (?, ?) AND k IN (?, ?) AND d = ?',
      params: params('ann', ISO),
    });
    assert.equal(SQLFormatter({}).describe(q, { serializer: s }), 'SELECT * FROM "Users" WHERE name = "ann" AND id IN (1, 2) AND k IN ("a", "b") AND d = "1970-01-01T00:00:00.000Z"');
    const mine = SQLFormatter({ format: () => ({ query: 'X', params: [] }), describe: () => 'D' });
    assert.deepEqual(mine.format(q, { serializer: s }), { query: 'X', params: [] });
    assert.equal(mine.describe(q, { serializer: s }), 'D');
    assert.equal(typeof mine.valueMapper.mapValue, 'function');
  });

  it('a registry without a core processor fails as upstream', () => {
    const fmt = SQLFormatter({ processorsRegistry: SQLProcessorsRegistry().register({ l: MapLiteralProcessor }) });
    assert.throws(
      () => fmt.format(SQL`SELECT ${SQL.identifier('x')}`, { serializer: s }),
      (e) => e instanceof NotRegisteredError && e.message === 'No SQL processor registered for token type: SQL_IDENTIFIER',
    );
  });

  it('a token type of your own, next to schema tokens Rust renders', () => {
    const Tenant = SQLProcessor({ canHandle: 'APP_TENANT', handle: (t, { builder }) => builder.addSQL('tenant_id = ').addParam(t.id) });
    const fmt = SQLFormatter({
      valueMapper: pgFormatter.valueMapper,
      processorsRegistry: SQLProcessorsRegistry({ from: defaultProcessorsRegistry }).register(postgreSQLColumnProcessors).register(PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor, Tenant),
    });
    const tenant = { sqlTokenType: 'APP_TENANT', APP_TENANT: true, id: 7 };
    const table = SQL`${{ sqlTokenType: 'SQL_TABLE_REFERENCE', SQL_TABLE_REFERENCE: true, databaseSchemaName: 'crm', tableName: 'Order' }}`;
    assert.deepEqual(fmt.format(SQL`SELECT * FROM ${table} WHERE ${tenant} AND id = ANY (${[1, 2]}) AND d = ${new Date(0)}`, { serializer: s }), {
      query: 'SELECT * FROM crm."Order" WHERE tenant_id = $1 AND id = ANY ($2) AND d = $3',
      params: [7, [1, 2], '1970-01-01 00:00:00.000+00'],
    });
  });

  it('built-in pieces only: the same output as the Rust formatters', () => {
    const rebuiltSqlite = SQLFormatter({ processorsRegistry: SQLProcessorsRegistry({ from: defaultProcessorsRegistry }) });
    const rebuiltPg = SQLFormatter({
      valueMapper: pgFormatter.valueMapper,
      processorsRegistry: SQLProcessorsRegistry({ from: defaultProcessorsRegistry }).register(postgreSQLColumnProcessors).register(PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor),
    });
    assert.deepEqual(rebuiltSqlite.format(q, { serializer: s }), sqliteFormatter.format(q, { serializer: s }));
    assert.deepEqual(rebuiltPg.format(q, { serializer: s }), pgFormatter.format(q, { serializer: s }));
  });
});
