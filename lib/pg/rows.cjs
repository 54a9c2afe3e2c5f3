'use strict';
// Native PostgreSQL results → { rowCount, rows }. json/jsonb cells arrive embedded
// in the rows' JSON with the default serializer, or as text listed in `jsonCells`
// for a custom one, which deserializes them here.
const { parseRows } = require('../core/rows.cjs');

function deserializeDeep(value, serializer) {
  if (typeof value === 'string') return serializer.deserialize(value);
  if (Array.isArray(value)) return value.map((v) => deserializeDeep(v, serializer));
  return value;
}

function toResult(payload, serializer) {
  if (typeof payload === 'number') return { rowCount: payload, rows: [] };
  if (typeof payload !== 'string' && payload.jsonCells) {
    const specials = payload.specials;
    for (const at of payload.jsonCells) specials[at] = deserializeDeep(specials[at], serializer);
  }
  const rows = parseRows(payload);
  return { rowCount: rows.length, rows };
}

module.exports = { toResult };
