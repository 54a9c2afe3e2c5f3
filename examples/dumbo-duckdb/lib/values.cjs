'use strict';
// Parameters (formatted JS values) → what @duckdb/node-api binds, and results.
//
// Parameters: null/undefined → NULL; boolean → BOOLEAN; integer number → INTEGER
// (BIGINT beyond 32 bits, DOUBLE beyond 2^53); other numbers → DOUBLE; string → VARCHAR
// (DuckDB casts it to the type the statement expects); bigint → HUGEINT; Date →
// TIMESTAMP WITH TIME ZONE; Buffer/Uint8Array → BLOB; array → LIST of its items; other
// objects → JSON text. (The formatter has already turned bigint, Date and objects at
// the top level into text, as upstream's PostgreSQL formatter does.)
//
// Results (rows are plain objects, DuckDB's JS conversion): BOOLEAN → boolean;
// TINYINT/SMALLINT/INTEGER/FLOAT/DOUBLE/DECIMAL → number; BIGINT/HUGEINT/UBIGINT →
// bigint; VARCHAR/JSON/UUID/ENUM → string; DATE/TIMESTAMP[/TZ] → Date; TIME → bigint
// (microseconds); INTERVAL → { months, days, micros }; BLOB → Uint8Array;
// LIST/ARRAY → array; STRUCT → object; MAP → [{ key, value }].
const {
  DuckDBBlobValue,
  DuckDBListValue,
  DuckDBTimestampTZValue,
  DOUBLE,
  LIST,
  SQLNULL,
} = require('@duckdb/node-api');

function toDuckDBValue(value, serializer) {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
    case 'bigint':
      return value;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return new DuckDBTimestampTZValue(BigInt(value.getTime()) * 1000n);
  if (value instanceof Uint8Array) return new DuckDBBlobValue(value);
  if (Array.isArray(value)) return new DuckDBListValue(value.map((item) => toDuckDBValue(item, serializer)));
  return serializer.serialize(value);
}

/** The explicit DuckDB type of a parameter where inference from the JS value fails. */
function explicitType(value) {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) return DOUBLE;
  if (Array.isArray(value) && value.length === 0) return LIST(SQLNULL);
  return undefined;
}

/** `{ values, types }` for connection.run(sql, values, types). */
function bindParams(params, serializer) {
  const values = new Array(params.length);
  let types;
  for (let i = 0; i < params.length; i++) {
    values[i] = toDuckDBValue(params[i], serializer);
    const type = explicitType(params[i]);
    if (type !== undefined) {
      types ??= new Array(params.length);
      types[i] = type;
    }
  }
  return { values, types };
}

module.exports = { bindParams, toDuckDBValue };
