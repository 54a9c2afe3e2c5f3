'use strict';
// Reads the flat cells the native drivers return (crates/dumbo-napi/src/sqlite_rows.rs,
// crates/dumbo-napi/src/pg/rows.rs): `[columns, cell, cell, ...]`.

/**
 * Rows from a driver's flat cells: `cells[0]` is not read here; `cells[1..]` are the
 * values, row after row, in the order of `columns`. Like `JSON.parse`, a repeated name
 * keeps its first position and its last value, and `__proto__` is an own property.
 *
 * `columns` may list, as own properties, columns whose cells are finished here:
 * `dates` (finite epoch milliseconds become `Date`s; other values stay) and `json` (JSON text,
 * or arrays of it, read with `parse`).
 */
function rowsFromCells(columns, cells, parse) {
  const width = columns === undefined ? 0 : columns.length;
  const count = width === 0 ? 0 : (cells.length - 1) / width;
  const rows = new Array(count);
  if (count === 0) return rows;
  const build = rowBuilderFor(columns);
  if (build !== null) {
    for (let r = 0, at = 1; r < count; r++, at += width) rows[r] = build(cells, at, parse);
    return rows;
  }
  const finish = finishers(columns);
  const cell = (c, at) => (finish[c] === null ? cells[at] : finish[c](cells[at], parse));
  if (columns.includes('__proto__')) return rowsWithProtoKey(columns, cell, rows);
  for (let r = 0, at = 1; r < count; r++) {
    const row = {};
    for (let c = 0; c < width; c++) row[columns[c]] = cell(c, at++);
    rows[r] = row;
  }
  return rows;
}

// A finite number is a date's epoch milliseconds; ±Infinity (PostgreSQL's infinite
// timestamps), null and text stay as they are.
function toDate(value) {
  return Number.isFinite(value) ? new Date(value) : value;
}

function parseJson(value, parse) {
  if (typeof value === 'string') return parse(value);
  if (Array.isArray(value)) return value.map((item) => parseJson(item, parse));
  return value;
}

/** Per column: the function that finishes its cells, or null. */
function finishers(columns) {
  const finish = columns.map(() => null);
  for (const c of columns.dates ?? []) finish[c] = toDate;
  for (const c of columns.json ?? []) finish[c] = parseJson;
  return finish;
}

// A row of a known column list is one object literal, `(cells, at, parse) => ({ "id":
// cells[at], ... })`, with `toDate(...)` or `parseJson(..., parse)` around the cells that
// `finishers` names: every row of a statement then has the same shape from the start, which the
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
  const names = shapeKey(columns);
  build = byNames.get(names);
  if (build === undefined) {
    build = newRowBuilder(columns);
    if (byNames.size >= BUILDERS_KEPT) byNames.clear();
    byNames.set(names, build);
  }
  byArray.set(columns, build);
  return build;
}

/** The names, and the finished columns when there are any. */
function shapeKey(columns) {
  const names = columns.join('\0');
  if (columns.dates === undefined && columns.json === undefined) return names;
  return `${names}\0\0${columns.dates ?? ''}\0${columns.json ?? ''}`;
}

function newRowBuilder(columns) {
  if (!codeGeneration || columns.length > MAX_LITERAL_COLUMNS || columns.includes('__proto__')) return null;
  const finish = finishers(columns);
  const fields = columns
    .map((name, c) => {
      const cell = `cells[at + ${c}]`;
      const value = finish[c] === toDate ? `toDate(${cell})` : finish[c] === parseJson ? `parseJson(${cell}, parse)` : cell;
      return `${JSON.stringify(name)}: ${value}`;
    })
    .join(', ');
  try {
    return new Function('toDate', 'parseJson', `return (cells, at, parse) => ({ ${fields} });`)(toDate, parseJson);
  } catch {
    codeGeneration = false;
    return null;
  }
}

function rowsWithProtoKey(columns, cell, rows) {
  for (let r = 0, at = 1; r < rows.length; r++) {
    const row = {};
    for (let c = 0; c < columns.length; c++) {
      Object.defineProperty(row, columns[c], { value: cell(c, at++), writable: true, enumerable: true, configurable: true });
    }
    rows[r] = row;
  }
  return rows;
}

module.exports = { rowsFromCells };
