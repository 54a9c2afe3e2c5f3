'use strict';
// Running a Dumbo SQL value on a better-sqlite3 Database: formatting, parameter
// binding, a prepared-statement cache per database, and result rows.
const { sqliteFormatter } = require('@event-driven-io/dumbo/sqlite');
const { mapBetterSqlite3Error } = require('./errors.cjs');

const STATEMENT_CACHE_SIZE = 256;
const caches = new WeakMap();

/** Parameters as better-sqlite3 binds them (it refuses booleans and undefined). */
function toParam(value, serializer) {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'boolean':
      return value ? 1 : 0;
    case 'number':
    case 'string':
    case 'bigint':
      return value;
    case 'object':
      if (Buffer.isBuffer(value)) return value;
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (value instanceof Date) return value.toISOString();
      return serializer.serialize(value);
    default:
      return String(value);
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Integers come as BigInt (safeIntegers): numbers where that is exact, BigInt beyond 2^53. */
function normalizeRow(row) {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[key] = Number(value);
  }
  return row;
}

function prepare(db, query) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(query);
  if (!statement) {
    statement = db.prepare(query);
    statement.safeIntegers(true);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
    cache.set(query, statement);
  }
  return statement;
}

// The pool formats a statement to route it (readsOnly), then the connection runs it:
// the routing's formatting is kept for that one run.
let routedSql = null;
let routedSerializer = null;
let routedFormat = null;

function formatToRun(sql, serializer) {
  if (sql === routedSql && serializer === routedSerializer) {
    routedSql = null;
    return routedFormat;
  }
  return sqliteFormatter.format(sql, { serializer });
}

/** Runs one statement: { rowCount, rows }. */
function runStatement(db, sql, serializer) {
  const { query, params: raw } = formatToRun(sql, serializer);
  const params = raw.map((value) => toParam(value, serializer));
  let statement;
  try {
    statement = prepare(db, query);
  } catch (error) {
    // A parameterless multi-statement string (DDL scripts, migrations) runs as a script.
    if (error instanceof RangeError && params.length === 0 && /more than one statement/.test(error.message)) {
      exec(db, query);
      return { rowCount: 0, rows: [] };
    }
    throw mapBetterSqlite3Error(error);
  }
  try {
    if (statement.reader) {
      const rows = statement.all(...params);
      for (const row of rows) normalizeRow(row);
      return { rowCount: rows.length, rows };
    }
    return { rowCount: Number(statement.run(...params).changes), rows: [] };
  } catch (error) {
    throw mapBetterSqlite3Error(error);
  }
}

/** Whether `sql` only reads (so a read-only handle can run it). */
function readsOnly(db, sql, serializer) {
  try {
    const formatted = sqliteFormatter.format(sql, { serializer });
    routedSql = sql;
    routedSerializer = serializer;
    routedFormat = formatted;
    return prepare(db, formatted.query).readonly;
  } catch {
    return false; // let the writer report the error
  }
}

function exec(db, statement) {
  try {
    db.exec(statement);
  } catch (error) {
    throw mapBetterSqlite3Error(error);
  }
}

module.exports = { runStatement, readsOnly, exec };
