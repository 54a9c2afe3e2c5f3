'use strict';
// The query text of SQL whose tokens are bound parameters and identifiers (SQL built
// from call sites, nested templates and `SQL.merge`). The rule (placeholder numbering,
// identifier quoting) is the formatter's, in Rust (`binding.sqlFragmentText`); this
// module only hands it the chunks and keeps what it answered.
const { binding } = require('../native.cjs');

// The chunks cross as one joined string: a statement merged from thousands of
// fragments has tens of thousands of chunks, and Rust reading them one by one costs
// more than the formatting.
const SEPARATOR = binding.sqlChunkSeparator();
const NONE = Object.freeze([]);

// A large statement has no call site of its own, but its shape usually comes back
// (every batch of a bulk load has the same chunks): the text of the last few large
// shapes per dialect is kept and reused when chunks and identifiers match one for one,
// a pointer comparison per chunk (the chunks are the call sites' own strings). Small SQL
// is cheaper to format again than to compare.
const SHAPE_MIN_CHUNKS = 64;
const SHAPES_KEPT = 4;
const shapes = Object.create(null); // dialect → [{ chunks, tokenCount, at, names, text }], newest first

function sameItems(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rust's text for the chunks, or `undefined` when they do not match the tokens. */
function formatText(chunks, tokenCount, at, names, dialect) {
  const text = binding.sqlFragmentText(chunks.join(SEPARATOR), chunks.length, tokenCount, at, names, dialect);
  return typeof text === 'string' ? text : undefined;
}

/**
 * The text for `chunks` with `tokenCount` tokens, those at positions `at` (ascending)
 * being identifiers named `names`, all others bound parameters. `undefined` when they do
 * not match (the caller then hands the SQL to Rust whole, which reports what is wrong).
 */
function fragmentText(chunks, tokenCount, at = NONE, names = NONE, dialect) {
  if (chunks.length < SHAPE_MIN_CHUNKS) return formatText(chunks, tokenCount, at, names, dialect);
  const kept = (shapes[dialect] ??= []);
  for (let i = 0; i < kept.length; i++) {
    const shape = kept[i];
    if (
      shape.tokenCount === tokenCount &&
      sameItems(shape.at, at) &&
      sameItems(shape.names, names) &&
      sameItems(shape.chunks, chunks)
    ) {
      return shape.text;
    }
  }
  const text = formatText(chunks, tokenCount, at, names, dialect);
  if (text !== undefined) {
    if (kept.length === SHAPES_KEPT) kept.pop();
    kept.unshift({ chunks: chunks.slice(), tokenCount, at: at.slice(), names: names.slice(), text });
  }
  return text;
}

module.exports = { fragmentText };
