'use strict';
// Native results arrive as JSON text (one JSON.parse is far cheaper than building
// objects property by property through Node-API) plus, when needed, a flat list of
// [rowIndex, columnName, value] cells that JSON cannot carry (BigInt, Buffer, ...).

function parseRows(payload) {
  if (typeof payload === 'string') return JSON.parse(payload);
  const rows = JSON.parse(payload.json);
  const specials = payload.specials;
  for (let i = 0; i < specials.length; i += 3) {
    rows[specials[i]][specials[i + 1]] = specials[i + 2];
  }
  return rows;
}

module.exports = { parseRows };
