//! Result cells: binary values decoded ([`decode_cell`]), and written as `JsonRows`.
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
use postgres_types::{FromSql, Kind};
use tokio_postgres::types::Type;
use tokio_postgres::{Column, Row};

use cell::write_decoded;
pub use cell::Cell;
use dispatch::decode;

/// How rows are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// `json`/`jsonb` text is embedded as-is (the default serializer); otherwise it is
    /// passed as `SpecialValue::Json` for the pool's serializer to deserialize.
    pub raw_json: bool,
}

/// One cell, decoded: the common text cases borrow the row's bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue<'a> {
    Null,
    Text(&'a str),
    /// `json`/`jsonb` text to embed as is (the default serializer).
    Json(&'a str),
    Decoded(Cell),
}

/// What JS does with a column's cells once it holds them. Cells reach JS as the
/// values [`decode_cell`] gives, except for these two kinds of column, whose last
/// step is cheaper in JS than through Node-API, one value at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Cells are final.
    Plain,
    /// `timestamptz`: a cell that decodes to a `Date` is sent as its epoch
    /// milliseconds, which JS makes the `Date` of (an infinite timestamp stays
    /// ±`Infinity`, as node-postgres gives it).
    Date,
    /// `json`/`jsonb` or arrays of them: cells are JSON text (or arrays of it) that
    /// JS reads with the pool's serializer.
    Json,
}

/// The [`ColumnKind`] of a column of type `ty`.
pub fn column_kind(ty: &Type) -> ColumnKind {
    match *ty {
        Type::TIMESTAMPTZ => ColumnKind::Date,
        Type::JSON | Type::JSONB => ColumnKind::Json,
        _ => match ty.kind() {
            Kind::Domain(base) => column_kind(base),
            Kind::Array(element) if holds_json(element) => ColumnKind::Json,
            _ => ColumnKind::Plain,
        },
    }
}

fn holds_json(ty: &Type) -> bool {
    match *ty {
        Type::JSON | Type::JSONB => true,
        _ => match ty.kind() {
            Kind::Domain(base) | Kind::Array(base) => holds_json(base),
            _ => false,
        },
    }
}

/// Decodes one cell (`raw` is the binary value, `None` for NULL).
pub fn decode_cell<'a>(ty: &Type, raw: Option<&'a [u8]>, opts: &DecodeOptions) -> CellValue<'a> {
    let Some(raw) = raw else {
        return CellValue::Null;
    };
    match *ty {
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            if let Ok(s) = std::str::from_utf8(raw) {
                return CellValue::Text(s);
            }
        }
        Type::JSON if opts.raw_json => {
            if let Ok(s) = std::str::from_utf8(raw) {
                return CellValue::Json(s);
            }
        }
        Type::JSONB if opts.raw_json => {
            if let Some((1, text)) = raw.split_first() {
                if let Ok(s) = std::str::from_utf8(text) {
                    return CellValue::Json(s);
                }
            }
        }
        _ => {}
    }
    CellValue::Decoded(decode(ty, raw, opts))
}

/// The binary value of column `i` of `row` (`None` for NULL or no such column).
pub fn cell_bytes(row: &Row, i: usize) -> Option<&[u8]> {
    match row.try_get::<_, RawCell<'_>>(i) {
        Ok(RawCell(raw)) => raw,
        Err(_) => None,
    }
}

/// Writes one cell as JSON (`raw` is the binary value, `None` for NULL).
pub fn write_cell(w: &mut JsonRowWriter, ty: &Type, raw: Option<&[u8]>, opts: &DecodeOptions) {
    match decode_cell(ty, raw, opts) {
        CellValue::Null => w.null(),
        CellValue::Text(s) => w.text(s),
        CellValue::Json(s) => w.raw_json(s),
        CellValue::Decoded(cell) => write_decoded(w, cell),
    }
}

/// All rows of one statement result, columns in order.
pub fn rows_to_json(columns: &[Column], rows: &[Row], opts: &DecodeOptions) -> JsonRows {
    let names: Vec<&str> = columns.iter().map(Column::name).collect();
    let mut w = JsonRowWriter::new(&names);
    for row in rows {
        w.begin_row();
        for (i, column) in columns.iter().enumerate() {
            write_cell(&mut w, column.type_(), cell_bytes(row, i), opts);
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
