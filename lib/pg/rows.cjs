'use strict';
// Native PostgreSQL results → { rowCount, rows }: a count, or the flat cells
// lib/core/rows.cjs reads. json/jsonb cells are read with the pool's serializer
// (plain `JSON.parse` for the default one).
const { rowsFromCells } = require('../core/rows.cjs');
const { JSONSerializer } = require('../serializer.cjs');

const parsers = new WeakMap();

function parserOf(serializer) {
  if (serializer === JSONSerializer || serializer === undefined) return JSON.parse;
  let parse = parsers.get(serializer);
  if (parse === undefined) {
    parse = (text) => serializer.deserialize(text);
    parsers.set(serializer, parse);
  }
  return parse;
}

/** `(cells) => { rowCount, rows }` for a pool with `serializer`; make it once per pool. */
function resultReader(serializer) {
  const parse = parserOf(serializer);
  return (cells) => {
    if (typeof cells === 'number') return { rowCount: cells, rows: [] };
    const rows = rowsFromCells(cells[0], cells, parse);
    return { rowCount: rows.length, rows };
  };
}

module.exports = { resultReader };
