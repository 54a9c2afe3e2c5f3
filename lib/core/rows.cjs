'use strict';
// Native results arrive as JSON text (one JSON.parse is far cheaper than building
// objects property by property through Node-API) plus, when needed, a flat list of
// [rowIndex, columnName, value] cells that JSON cannot carry (BigInt, Buffer, ...).

function parseRows(payload) {
  if (typeof payload === 'string') return JSON.parse(payload);
  const rows = JSON.parse(payload.json);
  const dates = payload.dates;
  if (dates !== undefined) {
    // Packed [row u32, column u32, epoch ms f64] records (crates/dumbo-napi/src/rows.rs).
    const columns = payload.columns;
    const view = new DataView(dates.buffer, dates.byteOffset, dates.byteLength);
    for (let at = 0; at < dates.byteLength; at += 16) {
      rows[view.getUint32(at, true)][columns[view.getUint32(at + 4, true)]] = new Date(view.getFloat64(at + 8, true));
    }
  }
  const specials = payload.specials;
  for (let i = 0; i < specials.length; i += 3) {
    rows[specials[i]][specials[i + 1]] = specials[i + 2];
  }
  return rows;
}

module.exports = { parseRows };
