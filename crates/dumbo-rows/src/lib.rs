//! The row format: how result rows travel from a driver to JavaScript. Written
//! by the PostgreSQL driver ([`JsonRowWriter`]), packed here ([`pack`]), turned into
//! JS values by `dumbo-napi/src/rows.rs` and read back by `lib/core/rows.cjs`. (The
//! SQLite binding builds its cells as JS values directly, since each of SQLite's
//! storage classes has an exact one; `dumbo_sqlite` can still write this format.)
//!
//! Building JS objects property by property through Node-API costs about three
//! times what one `JSON.parse` costs, so rows cross the boundary as text:
//!
//! - **Common case**: a plain string, the rows as JSON (`[{"col":value,...},...]`,
//!   keys in column order). `JSON.parse` of it is the result.
//! - **With special cells** (values JSON cannot carry exactly: BigInt, binary data,
//!   non-finite floats, dates, JSON for a custom serializer, arrays of those): the
//!   JSON text holds `null` in their place, and an object carries the patches:
//!   - `json`: the JSON text;
//!   - `specials`: a flat array of triples `[row, columnName, value, ...]`, `value`
//!     already a JS value (`BigInt`, `Buffer`, number, `Date`, string, array);
//!   - `dates` + `columns` (only when there are top-level timestamp cells): an
//!     `ArrayBuffer` of 16-byte little-endian records `[row u32, column u32, epoch ms f64]`
//!     and the column names its `column` indexes; JS builds these `Date`s itself,
//!     which costs a fraction of one Node-API `Date` per cell;
//!   - `jsonCells` (only for a custom serializer): positions in `specials` whose
//!     value is JSON text (or an array of it) for `serializer.deserialize`.
//!
//! Patches apply in that order: dates, then specials.

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

/// Size of one record in [`Packed::dates`].
pub const DATE_RECORD_BYTES: usize = 16;

/// The patches of a result with special cells, split as they cross to JS.
#[derive(Debug, Default, PartialEq)]
pub struct Packed<'r> {
    /// Top-level timestamp cells as `[row u32, column u32, epoch ms f64]` records.
    pub dates: Vec<u8>,
    /// Every other special cell, in order.
    pub cells: Vec<&'r SpecialCell>,
    /// Positions in the flat `specials` array (`3 * index + 2`) of cells holding
    /// JSON text for the pool's serializer.
    pub json_cells: Vec<u32>,
}

/// Splits `rows.specials` into the packed dates and the cells sent one by one;
/// `None` when there is nothing to patch (the JSON text alone is the result).
pub fn pack(rows: &JsonRows) -> Option<Packed<'_>> {
    if rows.specials.is_empty() {
        return None;
    }
    let mut packed = Packed::default();
    for cell in &rows.specials {
        if let SpecialValue::Date(ms) = cell.value {
            packed.dates.extend_from_slice(&cell.row.to_le_bytes());
            packed.dates.extend_from_slice(&cell.column.to_le_bytes());
            packed.dates.extend_from_slice(&ms.to_le_bytes());
            continue;
        }
        if contains_json(&cell.value) {
            packed.json_cells.push((packed.cells.len() * 3 + 2) as u32);
        }
        packed.cells.push(cell);
    }
    Some(packed)
}

fn contains_json(value: &SpecialValue) -> bool {
    match value {
        SpecialValue::Json(_) => true,
        SpecialValue::Array(items) => items.iter().any(contains_json),
        _ => false,
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
    #[test]
    fn packs_dates_as_records_and_marks_json_cells() {
        let mut w = JsonRowWriter::new(&["at", "doc", "big"]);
        w.begin_row();
        w.special(SpecialValue::Date(1.5));
        w.special(SpecialValue::Json("{}".into()));
        w.special(SpecialValue::BigInt(i64::MAX));
        w.end_row();
        let rows = w.finish();
        let packed = pack(&rows).unwrap();
        let mut record = Vec::new();
        record.extend_from_slice(&0u32.to_le_bytes());
        record.extend_from_slice(&0u32.to_le_bytes());
        record.extend_from_slice(&1.5f64.to_le_bytes());
        assert_eq!(packed.dates, record);
        assert_eq!(packed.dates.len(), DATE_RECORD_BYTES);
        assert_eq!(packed.cells.len(), 2);
        assert_eq!(packed.json_cells, vec![2]);
    }

    #[test]
    fn nothing_to_pack_without_specials() {
        let mut w = JsonRowWriter::new(&["id"]);
        w.begin_row();
        w.integer(1);
        w.end_row();
        assert_eq!(pack(&w.finish()), None);
    }
}
