'use strict';
// Native PostgreSQL results → { rowCount, rows } (row format: lib/core/rows.cjs).
// json/jsonb cells arrive embedded in the rows' JSON with the default serializer,
// or as JSON cells the pool's custom serializer deserializes.
const { parseRows } = require('../core/rows.cjs');

function toResult(payload, serializer) {
  if (typeof payload === 'number') return { rowCount: payload, rows: [] };
  const rows = parseRows(payload, (text) => serializer.deserialize(text));
  return { rowCount: rows.length, rows };
}

module.exports = { toResult };
