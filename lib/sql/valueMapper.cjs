'use strict';
// Upstream's value-mapping API (SQLValueMapper, mapSQLParamValue, mapSQLIdentifier,
// ansiSqlReservedMap, ...). The built-in dialects' rules (identifier quoting, reserved
// words, what a Date, bigint or object parameter becomes) are Rust's (dumbo-sql): the
// native mappers below and the reserved maps read them through the binding. What is
// JS here is upstream's generic, option-driven dispatch for mappers users build.
const { binding } = require('../native.cjs');
const { JSONSerializer } = require('../serializer.cjs');

// Tags a built-in mapper function with its dialect (a symbol, so spreading a mapper
// into a new object keeps what it is).
const DIALECT = Symbol('dumbo.nativeDialect');
const native = (dialect, fn) => Object.defineProperty(fn, DIALECT, { value: dialect });

// Placeholders are the formatter's (dumbo-sql Dialect::placeholder); these run only
// for mappers users build, the built-in formatters number placeholders in Rust.
const ANSISQLParamPlaceholder = binding.sqlPlaceholder('SQLite', 0);
const ANSISQLIdentifierQuote = '"';
const mapANSISQLParamPlaceholder = native('SQLite', () => ANSISQLParamPlaceholder);
const mapPostgreSQLParamPlaceholder = native('PostgreSQL', (index) => binding.sqlPlaceholder('PostgreSQL', index));

const reservedMap = (dialect) => {
  const map = {};
  for (const word of binding.reservedWords(dialect)) map[word] = true;
  return Object.freeze(map);
};
/** ANSI SQL reserved words (upper case → true); the SQLite formatter's list. */
const ansiSqlReservedMap = reservedMap('SQLite');
const postgreSQLReservedMap = reservedMap('PostgreSQL');

/** `mapSQLIdentifier(name, { quote?, reservedWords? })`: bare when plain lower case and not reserved, else quoted. */
const mapSQLIdentifier = native('SQLite', (value, options) => {
  const name = value === undefined || value === null ? undefined : value.toString();
  const reserved = options?.reservedWords;
  const quote = options?.quote;
  if (reserved === undefined || reserved === ansiSqlReservedMap) return binding.mapSqlIdentifier(name, 'SQLite', quote);
  if (reserved === postgreSQLReservedMap) return binding.mapSqlIdentifier(name, 'PostgreSQL', quote);
  const words = Object.keys(reserved).filter((word) => reserved[word]);
  return binding.mapSqlIdentifier(name, 'SQLite', quote, words);
});
const mapPostgreSQLIdentifier = native('PostgreSQL', (value) =>
  mapSQLIdentifier(value, { reservedWords: postgreSQLReservedMap }),
);

const DefaultMapSQLParamValueOptions = {
  mapPlaceholder: mapANSISQLParamPlaceholder,
  mapIdentifier: mapSQLIdentifier,
};

const isIdentifierToken = (value) => value.sqlTokenType === 'SQL_IDENTIFIER';

/** Upstream's `mapSQLParamValue(value, serializer, options?)`: the option hooks, then the defaults. */
function mapSQLParamValue(value, serializer, options) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const mapValue = options?.mapValue ?? mapSQLParamValue;
    return options?.mapArray
      ? options.mapArray(value, mapValue)
      : value.map((item) => mapValue(item, serializer, options));
  }
  if (typeof value === 'boolean') return options?.mapBoolean ? options.mapBoolean(value) : value;
  if (typeof value === 'bigint') return options?.mapBigInt ? options.mapBigInt(value) : value.toString();
  if (value instanceof Date) return options?.mapDate ? options.mapDate(value) : value.toISOString();
  if (typeof value === 'object' && isIdentifierToken(value)) {
    return (options?.mapIdentifier ?? mapSQLIdentifier)(value.value);
  }
  if (typeof value === 'object') return options?.mapObject ? options.mapObject(value) : serializer.serialize(value);
  return serializer.serialize(value);
}

const serializeWith = (serializer) => {
  const s = serializer ?? JSONSerializer;
  return (value) => s.serialize(value);
};

/** A built-in dialect's value mapper: every rule in Rust. */
function nativeValueMapper(dialect) {
  const pg = dialect === 'PostgreSQL';
  const mapIdentifier = pg ? mapPostgreSQLIdentifier : mapSQLIdentifier;
  const mapPlaceholder = pg ? mapPostgreSQLParamPlaceholder : mapANSISQLParamPlaceholder;
  const hooks = { mapPlaceholder, mapIdentifier };
  if (pg) {
    hooks.mapDate = (date) => binding.mapSqlParamValue(date, dialect);
    hooks.mapArray = (values) => values;
  }
  const mapValue = native(dialect, (value, serializer, mapOptions) => {
    if (mapOptions !== undefined) return mapSQLParamValue(value, serializer ?? JSONSerializer, { ...hooks, ...mapOptions });
    if (value !== null && typeof value === 'object' && isIdentifierToken(value)) return mapIdentifier(value.value);
    return binding.mapSqlParamValue(value, dialect, serializeWith(serializer));
  });
  return Object.freeze({ mapValue, mapPlaceholder, mapIdentifier });
}

const nativeMappers = { SQLite: nativeValueMapper('SQLite'), PostgreSQL: nativeValueMapper('PostgreSQL') };

/** The dialect whose Rust rules a mapper is made of, or undefined for a custom one. */
function nativeDialectOf(mapper) {
  const dialect = mapper?.mapValue?.[DIALECT];
  if (dialect === undefined) return undefined;
  return mapper.mapPlaceholder?.[DIALECT] === dialect && mapper.mapIdentifier?.[DIALECT] === dialect
    ? dialect
    : undefined;
}

/** The Rust dialect closest to a mapper (for the tokens Rust renders under a custom mapper). */
const dialectHint = (mapper) => mapper?.mapIdentifier?.[DIALECT] ?? mapper?.mapValue?.[DIALECT] ?? 'SQLite';

// Options that change nothing from a native mapper of `dialect` (the defaults, or the
// functions of that dialect's built-in mapper, e.g. `pgFormatter.valueMapper`).
function nativeOptionsDialect(options) {
  if (options === undefined || options === null) return 'SQLite';
  let dialect;
  for (const key of Object.keys(options)) {
    const fn = options[key];
    if (fn === undefined) continue;
    if (key !== 'mapValue' && key !== 'mapPlaceholder' && key !== 'mapIdentifier') return undefined;
    const d = fn?.[DIALECT];
    if (d === undefined || (dialect !== undefined && d !== dialect)) return undefined;
    dialect = d;
  }
  return dialect ?? 'SQLite';
}

/** `SQLValueMapper(options?)`: `{ mapValue, mapPlaceholder, mapIdentifier }`. */
function SQLValueMapper(options) {
  const dialect = nativeOptionsDialect(options);
  if (dialect !== undefined) return { ...nativeMappers[dialect] };
  const mapOptions = { ...DefaultMapSQLParamValueOptions, ...(options ?? {}) };
  return {
    mapValue: (value, serializer, more) => mapSQLParamValue(value, serializer, { ...mapOptions, ...more }),
    mapPlaceholder: mapOptions.mapPlaceholder,
    mapIdentifier: mapOptions.mapIdentifier,
  };
}

module.exports = {
  ANSISQLParamPlaceholder,
  ANSISQLIdentifierQuote,
  mapANSISQLParamPlaceholder,
  mapSQLIdentifier,
  DefaultMapSQLParamValueOptions,
  SQLValueMapper,
  mapSQLParamValue,
  ansiSqlReservedMap,
  nativeMappers,
  nativeDialectOf,
  dialectHint,
  serializeWith,
};
