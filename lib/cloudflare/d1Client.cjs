'use strict';
// d1Client: an SQLite client over a D1 binding (or one of its sessions). Statements
// are formatted by the SQLite formatter (Rust) and run with prepare/bind/all/run;
// batches go through the binding's batch(), which D1 runs atomically.
const { BatchCommandNoChangesError } = require('../errors.cjs');
const { sqliteFormatter } = require('../sqlite/formatter.cjs');

/** withSession() takes a constraint or bookmark, alone or as { constraintOrBookmark }. */
const constraintOrBookmarkOf = (options) =>
  options !== null && typeof options === 'object' ? options.constraintOrBookmark : options;

// A Buffer is a Uint8Array subclass the Node-side binding proxies (Miniflare, Wrangler's
// platform proxy) cannot serialize: bind a plain view of the same bytes.
const bindable = (value) =>
  value instanceof Uint8Array && value.constructor !== Uint8Array
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : value;

function d1Client(options) {
  const { database, session, serializer } = options;
  const target = session ?? database;

  const statement = (sql) => {
    const { query, params } = sqliteFormatter.format(sql, { serializer });
    const prepared = target.prepare(query);
    return params?.length ? prepared.bind(...params.map(bindable)) : prepared;
  };
  const rowsOf = (result) => result?.results ?? [];

  return {
    database,
    session,
    connect: () => Promise.resolve(),
    close: () => Promise.resolve(),
    withSession: async (sessionOptions) => {
      const constraintOrBookmark = constraintOrBookmarkOf(sessionOptions);
      const newSession =
        constraintOrBookmark === undefined ? database.withSession() : database.withSession(constraintOrBookmark);
      return d1Client({ database, session: newSession, serializer });
    },
    query: async (sql) => {
      const rows = rowsOf(await statement(sql).all());
      return { rowCount: rows.length, rows };
    },
    batchQuery: async (sqls) => {
      const results = await target.batch(sqls.map(statement));
      return results.map((result) => {
        const rows = rowsOf(result);
        return { rowCount: rows.length, rows };
      });
    },
    command: async (sql) => {
      const result = await statement(sql).run();
      return { rowCount: result?.meta?.changes ?? 0, rows: rowsOf(result) };
    },
    batchCommand: async (sqls, batchOptions) => {
      const results = await target.batch(sqls.map(statement));
      return results.map((result, index) => {
        const rowCount = result?.meta?.changes ?? 0;
        if (batchOptions?.assertChanges && rowCount === 0) throw new BatchCommandNoChangesError(index);
        return { rowCount, rows: rowsOf(result) };
      });
    },
  };
}

module.exports = { d1Client };
