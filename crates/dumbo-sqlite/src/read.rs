//! Row reading: every cell of a result, handed to a [`RowSink`] as SQLite stores it.
//! INTEGER, REAL, TEXT, BLOB and NULL; no other decoding. The binding turns cells
//! straight into JS values; [`JsonRowsSink`] writes the JSON row format instead.

use std::panic::{catch_unwind, AssertUnwindSafe};

use dumbo_core::{Error, Result};
use dumbo_rows::{JsonRowWriter, JsonRows, SpecialValue};
use rusqlite::types::ValueRef;
use rusqlite::Statement;

use crate::errors::map_sqlite_error;

/// One result cell, borrowed from SQLite until the next step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Integer(i64),
    Real(f64),
    /// TEXT as stored; not necessarily valid UTF-8 (a file written by other software).
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

/// The result columns of the statement being read.
pub struct ColumnNames<'s, 'c> {
    stmt: &'s Statement<'c>,
}

impl ColumnNames<'_, '_> {
    pub fn len(&self) -> usize {
        self.stmt.column_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name of column `i`. rusqlite panics on a name that is not UTF-8 (possible
    /// only in a database file written by other software); that panic is contained
    /// and reported as a data error.
    pub fn get(&self, i: usize) -> Result<&str> {
        match catch_unwind(AssertUnwindSafe(|| self.stmt.column_name(i))) {
            Ok(name) => name.map_err(map_sqlite_error),
            Err(_) => Err(Error::data(format!(
                "The name of result column {i} is not valid UTF-8"
            ))),
        }
    }
}

/// Receives the rows of a statement, cell by cell, in column order.
pub trait RowSink {
    /// A statement of a multi-statement text starts: only the last one's rows count.
    fn restart(&mut self);
    /// The first row is about to be read; its columns (names read after the first
    /// step, since a cached statement re-prepared after a schema change may have new ones).
    fn columns(&mut self, names: &ColumnNames<'_, '_>) -> Result<()>;
    fn cell(&mut self, cell: Cell<'_>);
    /// The end of a row.
    fn end_row(&mut self);
}

/// Steps a bound statement to completion and hands every row to `sink`; returns
/// the number of rows.
pub(crate) fn read_into(stmt: &mut Statement<'_>, sink: &mut dyn RowSink) -> Result<u32> {
    let mut rows = stmt.raw_query();
    let mut n = 0u32;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(map_sqlite_error)? {
        if n == 0 {
            count = row.as_ref().column_count();
            sink.columns(&ColumnNames { stmt: row.as_ref() })?;
        }
        for i in 0..count {
            sink.cell(match row.get_ref(i).map_err(map_sqlite_error)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(v) => Cell::Integer(v),
                ValueRef::Real(v) => Cell::Real(v),
                ValueRef::Text(bytes) => Cell::Text(bytes),
                ValueRef::Blob(bytes) => Cell::Blob(bytes),
            });
        }
        sink.end_row();
        n += 1;
    }
    Ok(n)
}

/// Rows in the JSON row format of `dumbo_rows` (BLOBs and integers past the safe
/// range as special cells, invalid UTF-8 replaced).
#[derive(Default)]
pub struct JsonRowsSink {
    writer: Option<JsonRowWriter>,
    in_row: bool,
}

impl JsonRowsSink {
    pub fn finish(self) -> JsonRows {
        self.writer
            .unwrap_or_else(|| JsonRowWriter::new::<&str>(&[]))
            .finish()
    }
}

impl RowSink for JsonRowsSink {
    fn restart(&mut self) {
        self.writer = None;
    }

    fn columns(&mut self, names: &ColumnNames<'_, '_>) -> Result<()> {
        let names = (0..names.len())
            .map(|i| names.get(i))
            .collect::<Result<Vec<_>>>()?;
        self.writer = Some(JsonRowWriter::new(&names));
        Ok(())
    }

    fn cell(&mut self, cell: Cell<'_>) {
        let Some(w) = self.writer.as_mut() else {
            return;
        };
        if !self.in_row {
            w.begin_row();
            self.in_row = true;
        }
        match cell {
            Cell::Null => w.null(),
            Cell::Integer(v) => w.integer(v),
            Cell::Real(v) => w.float(v),
            Cell::Text(bytes) => w.text(&String::from_utf8_lossy(bytes)),
            Cell::Blob(bytes) => w.special(SpecialValue::Blob(bytes.to_vec())),
        }
    }

    fn end_row(&mut self) {
        if let Some(w) = self.writer.as_mut() {
            if !self.in_row {
                w.begin_row();
            }
            w.end_row();
        }
        self.in_row = false;
    }
}

/// Steps a bound statement to completion and encodes every row as JSON.
#[cfg(test)]
fn read_rows(stmt: &mut Statement<'_>) -> Result<JsonRows> {
    let mut sink = JsonRowsSink::default();
    read_into(stmt, &mut sink)?;
    Ok(sink.finish())
}

/// Steps a statement to completion, discarding any rows.
pub(crate) fn run_to_completion(stmt: &mut Statement<'_>) -> Result<()> {
    let mut rows = stmt.raw_query();
    while rows.next().map_err(map_sqlite_error)?.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn read(conn: &Connection, sql: &str) -> JsonRows {
        let mut stmt = conn.prepare(sql).unwrap();
        read_rows(&mut stmt).unwrap()
    }

    #[test]
    fn reads_each_storage_class() {
        let conn = Connection::open_in_memory().unwrap();
        let rows = read(
            &conn,
            "SELECT 1 AS i, 2.5 AS r, 'x' AS t, x'0102' AS b, NULL AS n, 9007199254740992 AS big",
        );
        assert_eq!(rows.columns, vec!["i", "r", "t", "b", "n", "big"]);
        assert_eq!(
            rows.json,
            r#"[{"i":1,"r":2.5,"t":"x","b":null,"n":null,"big":null}]"#
        );
        assert_eq!(rows.row_count, 1);
        assert_eq!(rows.specials.len(), 2);
        assert_eq!(rows.specials[0].value, SpecialValue::Blob(vec![1, 2]));
        assert_eq!(rows.specials[0].column, 3);
        assert_eq!(
            rows.specials[1].value,
            SpecialValue::BigInt(9_007_199_254_740_992)
        );
    }

    #[test]
    fn empty_results_are_an_empty_array() {
        let conn = Connection::open_in_memory().unwrap();
        let rows = read(&conn, "SELECT 1 AS a, 2 AS b WHERE 0");
        assert_eq!(rows.json, "[]");
        assert_eq!(rows.row_count, 0);
    }

    #[test]
    fn invalid_utf8_text_is_replaced() {
        let conn = Connection::open_in_memory().unwrap();
        let rows = read(&conn, "SELECT CAST(x'61ff62' AS TEXT) AS t");
        assert_eq!(rows.json, "[{\"t\":\"a\u{fffd}b\"}]");
    }

    #[test]
    fn column_list_follows_schema_changes() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t(a); INSERT INTO t VALUES (1);")
            .unwrap();
        let mut stmt = conn.prepare("SELECT * FROM t").unwrap();
        assert_eq!(read_rows(&mut stmt).unwrap().json, r#"[{"a":1}]"#);
        conn.execute_batch("ALTER TABLE t ADD COLUMN b DEFAULT 2")
            .unwrap();
        assert_eq!(read_rows(&mut stmt).unwrap().json, r#"[{"a":1,"b":2}]"#);
    }
}
