//! Row reading: the rows node-sqlite3's `db.all` hands upstream's sqlite3 client,
//! encoded with `JsonRowWriter`.
//! INTEGER → number (BigInt past the safe range), REAL → number, TEXT → string,
//! BLOB → Buffer special, NULL → null. No other decoding.

use std::panic::{catch_unwind, AssertUnwindSafe};

use dumbo_core::{Error, Result};
use dumbo_rows::{JsonRowWriter, JsonRows, SpecialValue};
use rusqlite::types::ValueRef;
use rusqlite::Statement;

use crate::errors::map_sqlite_error;

/// Steps a bound statement to completion and encodes every row it returns.
///
/// Column names are taken after the first step: a cached statement is re-prepared
/// by SQLite when the schema changed (e.g. `SELECT *` after `ALTER TABLE`), and
/// its column list may change with it.
pub(crate) fn read_rows(stmt: &mut Statement<'_>) -> Result<JsonRows> {
    let mut writer: Option<(JsonRowWriter, usize)> = None;
    let mut rows = stmt.raw_query();
    while let Some(row) = rows.next().map_err(map_sqlite_error)? {
        let (w, count) = match &mut writer {
            Some(w) => w,
            None => {
                let names = column_names(row.as_ref())?;
                let count = names.len();
                writer.insert((JsonRowWriter::new(&names), count))
            }
        };
        w.begin_row();
        for i in 0..*count {
            match row.get_ref(i).map_err(map_sqlite_error)? {
                ValueRef::Null => w.null(),
                ValueRef::Integer(v) => w.integer(v),
                ValueRef::Real(v) => w.float(v),
                ValueRef::Text(bytes) => w.text(&String::from_utf8_lossy(bytes)),
                ValueRef::Blob(bytes) => w.special(SpecialValue::Blob(bytes.to_vec())),
            }
        }
        w.end_row();
    }
    drop(rows);
    match writer {
        Some((w, _)) => Ok(w.finish()),
        None => Ok(JsonRowWriter::new(&column_names(stmt)?).finish()),
    }
}

/// Steps a statement to completion, discarding any rows.
pub(crate) fn run_to_completion(stmt: &mut Statement<'_>) -> Result<()> {
    let mut rows = stmt.raw_query();
    while rows.next().map_err(map_sqlite_error)?.is_some() {}
    Ok(())
}

/// The statement's column names. rusqlite panics on a name that is not UTF-8
/// (possible only in a database file written by other software); that panic is
/// contained and reported as a data error.
fn column_names(stmt: &Statement<'_>) -> Result<Vec<String>> {
    (0..stmt.column_count())
        .map(|i| {
            match catch_unwind(AssertUnwindSafe(|| {
                stmt.column_name(i).map(ToOwned::to_owned)
            })) {
                Ok(name) => name.map_err(map_sqlite_error),
                Err(_) => Err(Error::data(format!(
                    "The name of result column {i} is not valid UTF-8"
                ))),
            }
        })
        .collect()
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
    fn empty_results_keep_columns() {
        let conn = Connection::open_in_memory().unwrap();
        let rows = read(&conn, "SELECT 1 AS a, 2 AS b WHERE 0");
        assert_eq!(rows.json, "[]");
        assert_eq!(rows.columns, vec!["a", "b"]);
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
