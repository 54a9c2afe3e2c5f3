'use strict';
// Reads the row format the native drivers return. Its layout is written once, in
// crates/dumbo-rows/src/lib.rs: a JSON string, or `{ json, specials, dates?,
// columns?, jsonCells? }` whose patches replace the `null`s JSON holds for values
// it cannot carry (BigInt, Buffer, Date, ...).

const DATE_RECORD_BYTES = 16; // [row u32, column u32, epoch ms f64], little-endian

function deserializeDeep(value, deserialize) {
  if (typeof value === 'string') return deserialize(value);
  if (Array.isArray(value)) return value.map((v) => deserializeDeep(v, deserialize));
  return value;
}

/**
 * The rows of a native result. `deserialize` reads the JSON cells listed in
 * `jsonCells` (present only when the pool has a custom serializer).
 */
function parseRows(payload, deserialize) {
  if (typeof payload === 'string') return JSON.parse(payload);
  const rows = JSON.parse(payload.json);
  const dates = payload.dates;
  if (dates !== undefined) {
    const columns = payload.columns;
    const view = new DataView(dates);
    for (let at = 0; at < dates.byteLength; at += DATE_RECORD_BYTES) {
      rows[view.getUint32(at, true)][columns[view.getUint32(at + 4, true)]] = new Date(view.getFloat64(at + 8, true));
    }
  }
  const specials = payload.specials;
  if (payload.jsonCells !== undefined && deserialize !== undefined) {
    for (const at of payload.jsonCells) specials[at] = deserializeDeep(specials[at], deserialize);
  }
  for (let i = 0; i < specials.length; i += 3) {
    rows[specials[i]][specials[i + 1]] = specials[i + 2];
  }
  return rows;
}

/**
 * Rows from the SQLite driver's flat cells (crates/dumbo-napi/src/sqlite_rows.rs):
 * `cells[0]` is not read here; `cells[1..]` are the values, row after row, in the
 * order of `columns`. Like `JSON.parse`, a repeated name keeps its first position
 * and its last value, and `__proto__` is an own property.
 */
function rowsFromCells(columns, cells) {
  const width = columns === undefined ? 0 : columns.length;
  const count = width === 0 ? 0 : (cells.length - 1) / width;
  const rows = new Array(count);
  if (count === 0) return rows;
  const build = rowBuilderFor(columns);
  if (build !== null) {
    for (let r = 0, at = 1; r < count; r++, at += width) rows[r] = build(cells, at);
    return rows;
  }
  if (columns.includes('__proto__')) return rowsWithProtoKey(columns, cells, rows);
  for (let r = 0, at = 1; r < count; r++) {
    const row = {};
    for (let c = 0; c < width; c++) row[columns[c]] = cells[at++];
    rows[r] = row;
  }
  return rows;
}

// A row of a known column list is one object literal, `(cells, at) => ({ "id": cells[at],
// ... })`: every row of a statement then has the same shape from the start, which the
// generic keyed stores above do not give. Builders are kept per column array (the driver
// hands the same array while a statement's columns stay the same) and, for results whose
// names arrive with every call (SQL run without a remembered statement), per list of names,
// up to BUILDERS_KEPT lists. `null` where a builder cannot be made: a `__proto__` column (a
// literal would set the prototype), a very wide result, or code generation from strings
// being disallowed.
const byArray = new WeakMap();
const byNames = new Map();
const BUILDERS_KEPT = 512;
const MAX_LITERAL_COLUMNS = 256;
let codeGeneration = true;

function rowBuilderFor(columns) {
  let build = byArray.get(columns);
  if (build !== undefined) return build;
  const names = columns.join('\0');
  build = byNames.get(names);
  if (build === undefined) {
    build = newRowBuilder(columns);
    if (byNames.size >= BUILDERS_KEPT) byNames.clear();
    byNames.set(names, build);
  }
  byArray.set(columns, build);
  return build;
}

function newRowBuilder(columns) {
  if (!codeGeneration || columns.length > MAX_LITERAL_COLUMNS || columns.includes('__proto__')) return null;
  const fields = columns.map((name, c) => `${JSON.stringify(name)}: cells[at + ${c}]`).join(', ');
  try {
    return new Function('cells', 'at', `return { ${fields} };`);
  } catch {
    codeGeneration = false;
    return null;
  }
}

function rowsWithProtoKey(columns, cells, rows) {
  for (let r = 0, at = 1; r < rows.length; r++) {
    const row = {};
    for (let c = 0; c < columns.length; c++) {
      Object.defineProperty(row, columns[c], { value: cells[at++], writable: true, enumerable: true, configurable: true });
    }
    rows[r] = row;
  }
  return rows;
}

module.exports = { parseRows, rowsFromCells };
