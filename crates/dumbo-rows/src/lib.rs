//! Result rows as one Rust value, for Rust callers and tests: the rows as JSON text
//! (`[{"col":value,...},...]`, keys in column order) and, for the values JSON cannot
//! carry exactly (BigInt, binary data, non-finite floats, dates, JSON for a custom
//! serializer, arrays of those), `null` in the text and a [`SpecialCell`] beside it.
//! Written by [`JsonRowWriter`] (`dumbo_pg`'s `ResultRows::to_json`, `dumbo_sqlite`'s
//! `JsonRowsSink`). The cell values themselves ([`SpecialValue`]) are also what the
//! binding turns into JS values; rows reach JS as flat cells, not as this text
//! (`crates/dumbo-napi/src/sqlite_rows.rs`, `crates/dumbo-napi/src/pg/rows.rs`).

/// A cell value that JSON cannot represent exactly.
#[derive(Debug, Clone, PartialEq)]
pub enum SpecialValue {
    /// An integer outside the JS safe-integer range (becomes a `BigInt`).
    BigInt(i64),
    /// Binary data (becomes a `Buffer`).
    Blob(Vec<u8>),
    /// NaN or an infinity (JSON has no spelling for them).
    Float(f64),
    /// A timestamp as epoch milliseconds (becomes a `Date`).
    Date(f64),
    /// A wall-clock timestamp without a time zone (PostgreSQL `timestamp`, `date`),
    /// as milliseconds since the epoch read as if it were UTC. Becomes a `Date` in
    /// the process's local time zone, as node-postgres does.
    LocalDate(f64),
    /// JSON text to be deserialized by the pool's serializer (PostgreSQL `json`/`jsonb`
    /// when a custom serializer is configured).
    Json(String),
    /// An array whose elements need special handling (`int8[]`, `bytea[]`, ...).
    Array(Vec<SpecialValue>),
    /// A NULL element inside a special array.
    Null,
}

/// One patch: row index, column index, value.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecialCell {
    pub row: u32,
    pub column: u32,
    pub value: SpecialValue,
}

/// Rows as `[{"col":value,...},...]` JSON text, plus the specials and column names.
#[derive(Debug, Default, Clone)]
pub struct JsonRows {
    pub json: String,
    pub columns: Vec<String>,
    pub specials: Vec<SpecialCell>,
    pub row_count: u32,
}

use dumbo_core::json::write_json_string;

const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Streams rows into [`JsonRows`]. Column keys are escaped once and reused for every row.
#[derive(Debug, Default)]
pub struct JsonRowWriter {
    out: JsonRows,
    keys: Vec<String>,
    column: usize,
}

impl JsonRowWriter {
    pub fn new<S: AsRef<str>>(columns: &[S]) -> Self {
        let keys = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut k = String::with_capacity(c.as_ref().len() + 4);
                if i > 0 {
                    k.push(',');
                }
                write_json_string(&mut k, c.as_ref());
                k.push(':');
                k
            })
            .collect();
        JsonRowWriter {
            out: JsonRows {
                json: String::from("["),
                columns: columns.iter().map(|c| c.as_ref().to_owned()).collect(),
                specials: Vec::new(),
                row_count: 0,
            },
            keys,
            column: 0,
        }
    }

    pub fn begin_row(&mut self) {
        if self.out.row_count > 0 {
            self.out.json.push(',');
        }
        self.out.json.push('{');
        self.column = 0;
    }

    pub fn end_row(&mut self) {
        self.out.json.push('}');
        self.out.row_count += 1;
    }

    fn key(&mut self) {
        if let Some(k) = self.keys.get(self.column) {
            self.out.json.push_str(k);
        }
        self.column += 1;
    }

    pub fn null(&mut self) {
        self.key();
        self.out.json.push_str("null");
    }

    pub fn bool(&mut self, v: bool) {
        self.key();
        self.out.json.push_str(if v { "true" } else { "false" });
    }

    pub fn integer(&mut self, v: i64) {
        if !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            return self.special(SpecialValue::BigInt(v));
        }
        self.key();
        self.out.json.push_str(&v.to_string());
    }

    pub fn float(&mut self, v: f64) {
        if !v.is_finite() {
            return self.special(SpecialValue::Float(v));
        }
        self.key();
        // `{}` on f64 prints the shortest round-trip form; JSON.parse reads it back exactly.
        let s = format!("{v}");
        self.out.json.push_str(&s);
    }

    pub fn text(&mut self, v: &str) {
        self.key();
        write_json_string(&mut self.out.json, v);
    }

    /// Raw JSON text (e.g. a PostgreSQL json column) inserted as a nested value.
    pub fn raw_json(&mut self, v: &str) {
        self.key();
        self.out.json.push_str(v);
    }

    pub fn special(&mut self, value: SpecialValue) {
        let column = self.column as u32;
        self.key();
        self.out.json.push_str("null");
        self.out.specials.push(SpecialCell {
            row: self.out.row_count,
            column,
            value,
        });
    }

    pub fn finish(mut self) -> JsonRows {
        self.out.json.push(']');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_rows_and_specials() {
        let mut w = JsonRowWriter::new(&["id", "na\"me", "big"]);
        w.begin_row();
        w.integer(1);
        w.text("a\nb\u{1}");
        w.integer(i64::MAX);
        w.end_row();
        w.begin_row();
        w.float(1.5);
        w.null();
        w.special(SpecialValue::Blob(vec![1, 2]));
        w.end_row();
        let rows = w.finish();
        assert_eq!(
            rows.json,
            r#"[{"id":1,"na\"me":"a\nb\u0001","big":null},{"id":1.5,"na\"me":null,"big":null}]"#
        );
        assert_eq!(rows.row_count, 2);
        assert_eq!(
            rows.specials,
            vec![
                SpecialCell {
                    row: 0,
                    column: 2,
                    value: SpecialValue::BigInt(i64::MAX)
                },
                SpecialCell {
                    row: 1,
                    column: 2,
                    value: SpecialValue::Blob(vec![1, 2])
                },
            ]
        );
    }

    #[test]
    fn empty_result_is_an_empty_array() {
        let rows = JsonRowWriter::new::<&str>(&[]).finish();
        assert_eq!(rows.json, "[]");
    }
}
