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
    const view = new DataView(dates.buffer, dates.byteOffset, dates.byteLength);
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

module.exports = { parseRows };
