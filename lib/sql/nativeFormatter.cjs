'use strict';
// A built-in dialect's SQLFormatter (pgFormatter, sqliteFormatter): formatting and
// describing happen in Rust (dumbo-sql). Given a processors registry or a mapper in its
// options (upstream's formatter context), it goes through formatSQL, which stays in
// Rust unless one of them is the user's.
const { binding } = require('../native.cjs');
const { SQL } = require('./tag.cjs');
const { formatFast } = require('./templates.cjs');
const { nativeMappers, serializeWith } = require('./valueMapper.cjs');
const { dialectProcessorsRegistry } = require('./processors.cjs');

/** Marks the built-in formatters (what the executors format with when no user formatter is registered). */
const NATIVE_FORMATTER = Symbol.for('@event-driven-io/dumbo:native-formatter');

function merged(sql) {
  return Array.isArray(sql) ? SQL.merge(sql, '\n') : sql;
}

const customised = (options) => options?.processorsRegistry !== undefined || options?.mapper !== undefined;

function nativeFormatter(dialect) {
  const processorsRegistry = dialectProcessorsRegistry(dialect);
  const formatter = {
    dialect,
    format(sql, options) {
      if (customised(options)) {
        const { formatSQL } = require('./sqlFormatter.cjs');
        return formatSQL(sql, formatter, options.serializer, { processorsRegistry, ...options });
      }
      // A call site formatted before, with plain values: no native call at all.
      const fast = Array.isArray(sql) ? undefined : formatFast(sql, dialect);
      if (fast !== undefined) return fast;
      return binding.formatSql(merged(sql), dialect, options?.processors ?? 'dialect', serializeWith(options?.serializer));
    },
    describe(sql, options) {
      if (customised(options)) {
        const { describeSQL } = require('./sqlFormatter.cjs');
        return describeSQL(sql, formatter, options.serializer, { processorsRegistry, ...options });
      }
      return binding.describeSql(merged(sql), dialect, serializeWith(options?.serializer));
    },
    valueMapper: nativeMappers[dialect],
  };
  Object.defineProperty(formatter, NATIVE_FORMATTER, { value: dialect });
  return formatter;
}

// One formatter object per built-in dialect: pgFormatter and sqliteFormatter are these, and
// getFormatter() answers with them even before their driver folder is loaded.
const builtIns = new Map();
const builtInFormatter = (dialect) => {
  let formatter = builtIns.get(dialect);
  if (formatter === undefined) builtIns.set(dialect, (formatter = nativeFormatter(dialect)));
  return formatter;
};

module.exports = { nativeFormatter, builtInFormatter, NATIVE_FORMATTER };
