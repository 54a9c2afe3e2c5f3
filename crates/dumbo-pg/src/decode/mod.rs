//! Result rows: binary cell values decoded into `JsonRows`.
//!
//! tokio-postgres asks the server for every result column in binary. Each cell is
//! turned into the value node-postgres (with Dumbo's `int8` parser) would produce
//! from the text form: numbers for `int2`/`int4`/`oid`/floats, a `BigInt` for every
//! `int8`, strings for `numeric` and most other types, `Date`s for timestamps, a
//! `Buffer` for `bytea`, arrays for arrays. Malformed bytes never panic: a value
//! that cannot be decoded is written as a string (its text if it is clean UTF-8,
//! otherwise `\x` and hex).

mod array;
mod bytes;
mod cell;
mod datetime;
mod dispatch;
mod geometry;
mod network;
mod range;
mod scalar;

use std::error::Error;

use dumbo_rows::{JsonRowWriter, JsonRows};
use postgres_types::FromSql;
use tokio_postgres::types::Type;
use tokio_postgres::{Column, Row};

use cell::write_decoded;
use dispatch::decode;

/// How rows are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// `json`/`jsonb` text is embedded as-is (the default serializer); otherwise it is
    /// passed as `SpecialValue::Json` for the pool's serializer to deserialize.
    pub raw_json: bool,
}

/// Writes one cell (`raw` is the binary value, `None` for NULL).
pub fn write_cell(w: &mut JsonRowWriter, ty: &Type, raw: Option<&[u8]>, opts: &DecodeOptions) {
    let Some(raw) = raw else {
        return w.null();
    };
    // Fast paths that borrow the bytes instead of building a `Cell`.
    match *ty {
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            if let Ok(s) = std::str::from_utf8(raw) {
                return w.text(s);
            }
        }
        Type::JSON if opts.raw_json => {
            if let Ok(s) = std::str::from_utf8(raw) {
                return w.raw_json(s);
            }
        }
        Type::JSONB if opts.raw_json => {
            if let Some((1, text)) = raw.split_first() {
                if let Ok(s) = std::str::from_utf8(text) {
                    return w.raw_json(s);
                }
            }
        }
        _ => {}
    }
    write_decoded(w, decode(ty, raw, opts));
}

/// All rows of one statement result, columns in order.
pub fn rows_to_json(columns: &[Column], rows: &[Row], opts: &DecodeOptions) -> JsonRows {
    let names: Vec<&str> = columns.iter().map(Column::name).collect();
    let mut w = JsonRowWriter::new(&names);
    for row in rows {
        w.begin_row();
        for (i, column) in columns.iter().enumerate() {
            match row.try_get::<_, RawCell<'_>>(i) {
                Ok(RawCell(raw)) => write_cell(&mut w, column.type_(), raw, opts),
                Err(_) => w.null(),
            }
        }
        w.end_row();
    }
    w.finish()
}

/// Rows from the simple query protocol (text values; multi-statement strings).
pub fn text_rows_to_json(columns: &[String], rows: &[Vec<Option<String>>]) -> JsonRows {
    let mut w = JsonRowWriter::new(columns);
    for row in rows {
        w.begin_row();
        for i in 0..columns.len() {
            match row.get(i) {
                Some(Some(text)) => w.text(text),
                _ => w.null(),
            }
        }
        w.end_row();
    }
    w.finish()
}

/// The undecoded bytes of one cell, for any column type.
struct RawCell<'a>(Option<&'a [u8]>);

impl<'a> FromSql<'a> for RawCell<'a> {
    fn from_sql(_ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn Error + Sync + Send>> {
        Ok(RawCell(Some(raw)))
    }

    fn from_sql_null(_ty: &Type) -> Result<Self, Box<dyn Error + Sync + Send>> {
        Ok(RawCell(None))
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}

#[cfg(test)]
mod tests;
