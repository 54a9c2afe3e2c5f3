'use strict';
// Upstream's SQLFormatter factory and formatSQL / describeSQL, with one rule for who
// formats: a formatter whose value mapper and processors registry are made only of
// built-in pieces (nativePlan) is formatted by one Rust call, exactly like
// pgFormatter / sqliteFormatter; otherwise upstream's walker runs here, calling the
// user's processors in JS and handing every token a built-in processor (or no
// processor, for the schema tokens Rust knows) owns to Rust. See docs/sql.md.
const { binding } = require('../native.cjs');
const { InvalidOperationError, NotRegisteredError } = require('../errors.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { TokenizedSQL, isTokenizedSQL } = require('./tokenized.cjs');
const { formatFast } = require('./templates.cjs');
const { ParametrizedSQLBuilder } = require('./parametrizedSQLBuilder.cjs');
const { SQLValueMapper, serializeWith } = require('./valueMapper.cjs');
const { defaultProcessorsRegistry, nativePlan, renderInRust } = require('./processors.cjs');

const MARKER = TokenizedSQL.paramPlaceholder;
// Token types a registry must handle itself (upstream's walker fails without them);
// any other type without a processor (schema and column tokens) is rendered by Rust.
const CORE_TYPES = new Set(['SQL_LITERAL', 'SQL_IDENTIFIER', 'SQL_ARRAY', 'SQL_IN']);

const notTokenized = () => new InvalidOperationError('Expected TokenizedSQL, got string-based SQL');

function merge(sql) {
  if (!Array.isArray(sql)) return sql;
  const { SQL } = require('./tag.cjs');
  return SQL.merge(sql, '\n');
}

function mapperOf(formatter, context) {
  const base = formatter?.valueMapper ?? SQLValueMapper();
  return context?.mapper == undefined ? base : { ...base, ...context.mapper };
}

/** Upstream's formatSQL walk: each token's processor writes into one builder. */
function walk(sql, serializer, mapper, processorsRegistry) {
  const builder = ParametrizedSQLBuilder({ mapParamPlaceholder: mapper.mapPlaceholder });
  const context = { builder, processorsRegistry, serializer, mapper };
  const chunks = sql.sqlChunks;
  const tokens = sql.sqlTokens;
  let next = 0;
  for (let i = 0; i < chunks.length; i++) {
    if (chunks[i] !== MARKER) {
      builder.addSQL(chunks[i]);
      continue;
    }
    const token = tokens[next++];
    const type = token?.sqlTokenType;
    const processor = processorsRegistry.get(type);
    if (processor) processor.handle(token, context);
    else if (type !== undefined && !CORE_TYPES.has(type)) renderInRust(token, context, undefined, 'dialect');
    else throw new NotRegisteredError(`No SQL processor registered for token type: ${type}`);
  }
  return builder.build();
}

/** `formatSQL(sql, formatter, serializer?, context?)`: `{ query, params }`. */
function formatSQL(sql, formatter, serializer = JSONSerializer, context) {
  const merged = merge(sql);
  if (!isTokenizedSQL(merged)) throw notTokenized();
  const mapper = mapperOf(formatter, context);
  const registry = context?.processorsRegistry ?? defaultProcessorsRegistry;
  const plan = nativePlan(mapper, registry);
  if (plan !== undefined) {
    return (
      formatFast(merged, plan.dialect) ??
      binding.formatSql(merged, plan.dialect, plan.processors, serializeWith(serializer))
    );
  }
  return walk(merged, serializer, mapper, registry);
}

/** `describeSQL(sql, formatter, serializer?, options?)`: the query with every parameter inlined, serialized. */
function describeSQL(sql, formatter, serializer = JSONSerializer, options) {
  const merged = merge(sql);
  if (!isTokenizedSQL(merged)) throw notTokenized();
  const registry = options?.processorsRegistry ?? defaultProcessorsRegistry;
  const plan = options?.mapper == undefined ? nativePlan(mapperOf(formatter), registry) : undefined;
  if (plan !== undefined) return binding.describeSql(merged, plan.dialect, serializeWith(serializer));
  const mapper = { ...mapperOf(formatter, options), mapPlaceholder: (_, value) => serializer.serialize(value) };
  return walk(merged, serializer, mapper, registry).query;
}

/**
 * `SQLFormatter({ format?, describe?, valueMapper?, processorsRegistry? })`.
 * @param {{ format?: Function, describe?: Function, valueMapper?: object, processorsRegistry?: object }} [options]
 */
function SQLFormatter({ format, describe, valueMapper: valueMapperOptions, processorsRegistry } = {}) {
  const valueMapper = SQLValueMapper(valueMapperOptions);
  const options = { mapper: valueMapper, processorsRegistry: processorsRegistry ?? defaultProcessorsRegistry };
  const resultFormatter = {
    format:
      format ??
      ((sql, methodOptions) =>
        formatSQL(sql, resultFormatter, methodOptions?.serializer ?? JSONSerializer, { ...options, ...methodOptions })),
    describe:
      describe ??
      ((sql, methodOptions) =>
        describeSQL(sql, resultFormatter, methodOptions?.serializer ?? JSONSerializer, {
          ...options,
          ...methodOptions,
          mapper: methodOptions?.mapper,
        })),
    valueMapper,
  };
  return resultFormatter;
}

module.exports = { SQLFormatter, formatSQL, describeSQL };
