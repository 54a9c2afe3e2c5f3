'use strict';
// Upstream's SQL processors and their registry. The built-in processors keep upstream's
// shape (`{ canHandle, handle(token, context) }`), but what they render comes from
// Rust: `handle` hands the token to dumbo-sql and writes the text and the parameters it
// returns into the caller's builder, mapping each value with the caller's mapper.
// A registry made only of built-in processors is recognised (nativePlan) and formatted
// by one Rust call, as the built-in formatters are; see docs/sql.md.
const { binding } = require('../native.cjs');
const { nativeDialectOf, dialectHint, serializeWith } = require('./valueMapper.cjs');
const { TokenizedSQL } = require('./tokenized.cjs');

// On a built-in processor: `{ dialect?, processors? }` (the Rust dialect it is fixed
// to, and for arrays and IN whether they expand ('default') or bind one PostgreSQL
// array ('dialect')).
const NATIVE = Symbol('dumbo.nativeProcessor');

const SQLProcessor = (options) => options;

const single = (token) => ({ __brand: 'tokenized-sql', sqlChunks: [TokenizedSQL.paramPlaceholder], sqlTokens: [token] });

/** Renders one token in Rust into `context.builder` (placeholders and values the caller's). */
function renderInRust(token, context, dialect, processors) {
  const { builder, mapper, serializer } = context;
  const d = dialect ?? dialectHint(mapper);
  const { texts, params } = binding.formatSqlSegments(single(token), d, processors, serializeWith(serializer));
  if (texts[0] !== '') builder.addSQL(texts[0]);
  for (let i = 0; i < params.length; i++) {
    builder.addParam(mapper.mapValue(params[i], serializer));
    if (texts[i + 1] !== '') builder.addSQL(texts[i + 1]);
  }
}

const nativeProcessor = (canHandle, meta, handle) =>
  Object.defineProperty(SQLProcessor({ canHandle, handle }), NATIVE, { value: Object.freeze(meta) });

const ExpandArrayProcessor = nativeProcessor('SQL_ARRAY', { processors: 'default' }, (token, context) =>
  renderInRust(token, context, undefined, 'default'),
);
const ExpandSQLInProcessor = nativeProcessor('SQL_IN', { processors: 'default' }, (token, context) =>
  renderInRust(token, context, undefined, 'default'),
);
const FormatIdentifierProcessor = nativeProcessor('SQL_IDENTIFIER', {}, (token, { builder, mapper, serializer }) => {
  builder.addSQL(mapper.mapValue(token, serializer));
});
const MapLiteralProcessor = nativeProcessor('SQL_LITERAL', {}, (token, { builder, mapper, serializer }) =>
  builder.addParam(mapper.mapValue(token.value, serializer)),
);
const PostgreSQLArrayProcessor = nativeProcessor(
  'SQL_ARRAY',
  { dialect: 'PostgreSQL', processors: 'dialect' },
  (token, context) => renderInRust(token, context, 'PostgreSQL', 'dialect'),
);
const PostgreSQLExpandSQLInProcessor = nativeProcessor(
  'SQL_IN',
  { dialect: 'PostgreSQL', processors: 'dialect' },
  (token, context) => renderInRust(token, context, 'PostgreSQL', 'dialect'),
);

const isProcessor = (value) =>
  value !== null && typeof value === 'object' && typeof value.canHandle === 'string' && typeof value.handle === 'function';
const checked = (processor) => {
  if (!isProcessor(processor)) {
    throw new TypeError('SQLProcessorsRegistry.register expects SQL processors: { canHandle: string, handle(token, context) }');
  }
  return processor;
};

/** `SQLProcessorsRegistry({ from? })`: register(...processors | record), get(type) (null if none), all(). */
const SQLProcessorsRegistry = (options) => {
  const processors = options ? new Map(options.from.all()) : new Map();
  function register(...args) {
    // One record of processors, as upstream; unlike upstream, one processor alone
    // (`register(myProcessor)`) is registered too instead of being read as a record.
    const single = args.length === 1 ? args[0] : undefined;
    if (single !== null && typeof single === 'object' && !Array.isArray(single) && !isProcessor(single)) {
      for (const processor of Object.values(single)) processors.set(checked(processor).canHandle, processor);
    } else {
      for (const processor of args) processors.set(checked(processor).canHandle, processor);
    }
    return registry;
  }
  const registry = {
    register,
    get: (tokenType) => processors.get(tokenType) ?? null,
    all: () => processors,
  };
  return registry;
};

const COLUMN_TYPES = {
  AutoIncrement: 'SQL_COLUMN_AUTO_INCREMENT',
  BigInteger: 'SQL_COLUMN_BIGINT',
  BigSerial: 'SQL_COLUMN_BIGSERIAL',
  Serial: 'SQL_COLUMN_SERIAL',
  Integer: 'SQL_COLUMN_INTEGER',
  JSONB: 'SQL_COLUMN_JSONB',
  Timestamp: 'SQL_COLUMN_TIMESTAMP',
  Timestamptz: 'SQL_COLUMN_TIMESTAMPTZ',
  Varchar: 'SQL_COLUMN_VARCHAR',
};

/** `mapDefaultSQLColumnProcessors(mapColumnType)`: one processor per column type, all calling `mapColumnType(token, context)`. */
const mapDefaultSQLColumnProcessors = (mapColumnType) => {
  const record = {};
  for (const [name, canHandle] of Object.entries(COLUMN_TYPES)) {
    record[name] = SQLProcessor({ canHandle, handle: (token, context) => mapColumnType(token, context) });
  }
  return record;
};

/** A dialect's column processors: the type names come from Rust. */
function nativeColumnProcessors(dialect) {
  const record = mapDefaultSQLColumnProcessors((token, { builder }) =>
    builder.addSQL(binding.columnTypeSql(token, dialect)),
  );
  for (const processor of Object.values(record)) {
    Object.defineProperty(processor, NATIVE, { value: Object.freeze({ dialect }) });
  }
  return record;
}

const postgreSQLColumnProcessors = nativeColumnProcessors('PostgreSQL');
const sqliteColumnProcessors = nativeColumnProcessors('SQLite');

const REGISTRY_KEY = 'defaultProcessorsRegistry';
/** Shared on globalThis as upstream does (every copy of the package sees one registry). */
const defaultProcessorsRegistry = (globalThis[REGISTRY_KEY] =
  globalThis[REGISTRY_KEY] ??
  SQLProcessorsRegistry().register(
    FormatIdentifierProcessor,
    MapLiteralProcessor,
    ExpandArrayProcessor,
    ExpandSQLInProcessor,
  ));

/**
 * `{ dialect, processors }` when `mapper` and `registry` are made only of built-in
 * pieces that agree on one Rust dialect: the SQL is then formatted by one Rust call.
 * Undefined when any processor or mapper function is the user's (or the core four
 * are not all there: a missing one must fail as upstream's walker does).
 */
function nativePlan(mapper, registry) {
  const dialect = nativeDialectOf(mapper);
  if (dialect === undefined) return undefined;
  const all = registry?.all?.();
  if (!(all instanceof Map)) return undefined;
  for (const processor of all.values()) {
    const meta = processor?.[NATIVE];
    if (meta === undefined || (meta.dialect !== undefined && meta.dialect !== dialect)) return undefined;
  }
  if (all.get('SQL_LITERAL') === undefined || all.get('SQL_IDENTIFIER') === undefined) return undefined;
  const array = all.get('SQL_ARRAY');
  const inProcessor = all.get('SQL_IN');
  if (array === undefined || inProcessor === undefined) return undefined;
  const processors = array[NATIVE].processors;
  if (inProcessor[NATIVE].processors !== processors) return undefined;
  return { dialect, processors };
}

/** The built-in registry of a dialect's own formatter (pgFormatter / sqliteFormatter). */
function dialectProcessorsRegistry(dialect) {
  const registry = SQLProcessorsRegistry().register(
    FormatIdentifierProcessor,
    MapLiteralProcessor,
    ExpandArrayProcessor,
    ExpandSQLInProcessor,
  );
  if (dialect === 'PostgreSQL') {
    return registry.register(postgreSQLColumnProcessors).register(PostgreSQLArrayProcessor, PostgreSQLExpandSQLInProcessor);
  }
  return registry.register(sqliteColumnProcessors);
}

module.exports = {
  SQLProcessor,
  SQLProcessorsRegistry,
  defaultProcessorsRegistry,
  ExpandArrayProcessor,
  ExpandSQLInProcessor,
  FormatIdentifierProcessor,
  MapLiteralProcessor,
  mapDefaultSQLColumnProcessors,
  PostgreSQLArrayProcessor,
  PostgreSQLExpandSQLInProcessor,
  postgreSQLColumnProcessors,
  sqliteColumnProcessors,
  nativePlan,
  renderInRust,
  dialectProcessorsRegistry,
};
