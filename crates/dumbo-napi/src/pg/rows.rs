//! PostgreSQL result rows as JS values, decoded cell by cell on the JS thread into
//! the flat layout SQLite's rows use: `[shape, cell, cell, ...]`, row after row in
//! column order, read by `lib/core/rows.cjs` `rowsFromCells`.
//!
//! `shape` is the array of column names. It also carries, as own properties, the
//! indexes of the columns whose cells JS finishes (see `dumbo_pg::decode::ColumnKind`):
//! `dates` (epoch milliseconds that become `Date`s) and `json` (JSON text that the
//! pool's serializer reads). A shape is made once per column list and kept by the
//! pool ([`Shapes`]), so JS finds the row builder it made for it by identity.

use std::cell::RefCell;

use dumbo_pg::decode::{self, Cell, CellValue, ColumnKind, DecodeOptions};
use dumbo_pg::rows::ResultRows;
use dumbo_rows::SpecialValue;
use napi::Result;

use crate::js::{self, Env, JsRef, Value};
use crate::sqlite_rows::{array_of, array_push};

/// How many shapes a pool keeps (past that, it starts over).
const SHAPES_KEPT: usize = 64;

/// One kept column list and its JS shape.
struct Shape {
    columns: Vec<(String, ColumnKind)>,
    array: JsRef,
}

/// The JS shapes of the column lists a pool's results had, and `Array.prototype.push`
/// to fill cell arrays with.
pub struct Shapes {
    push: JsRef,
    kept: RefCell<Vec<Shape>>,
}

impl Shapes {
    pub fn new(env: Env) -> Result<Shapes> {
        Ok(Shapes {
            push: array_push(env)?,
            kept: RefCell::new(Vec::new()),
        })
    }

    /// The shape for `columns` (name and kind of each), made on first use.
    fn shape(&self, env: Env, columns: &[(&str, ColumnKind)]) -> Result<Value> {
        let same = |shape: &Shape| {
            shape.columns.len() == columns.len()
                && shape
                    .columns
                    .iter()
                    .zip(columns)
                    .all(|((name, kind), (n, k))| name == n && kind == k)
        };
        if let Some(shape) = self.kept.borrow().iter().find(|s| same(s)) {
            return shape.array.get();
        }
        let array = new_shape(env, columns)?;
        let mut kept = self.kept.borrow_mut();
        if kept.len() >= SHAPES_KEPT {
            kept.clear();
        }
        kept.push(Shape {
            columns: columns.iter().map(|(n, k)| ((*n).to_owned(), *k)).collect(),
            array: JsRef::new(env, array)?,
        });
        Ok(array)
    }

    /// A statement's rows as `[shape, cell, ...]` (`[undefined]` for no rows).
    pub fn rows_to_js(&self, env: Env, rows: &ResultRows, opts: &DecodeOptions) -> Result<Value> {
        let mut cells = Vec::with_capacity(1 + row_cells(rows));
        match rows {
            ResultRows::Binary(rows) => {
                let Some(first) = rows.first() else {
                    return empty(env, &self.push);
                };
                let types = first.columns();
                let columns: Vec<(&str, ColumnKind)> = types
                    .iter()
                    .map(|c| (c.name(), decode::column_kind(c.type_())))
                    .collect();
                cells.push(self.shape(env, &columns)?);
                let null = js::null(env)?;
                for row in rows {
                    for (i, (column, (_, kind))) in types.iter().zip(&columns).enumerate() {
                        let raw = decode::cell_bytes(row, i);
                        let value = decode::decode_cell(column.type_(), raw, opts);
                        cells.push(match (value, kind) {
                            (CellValue::Null, _) => null,
                            (CellValue::Text(s), _) | (CellValue::Json(s), _) => {
                                js::create_string(env, s)?
                            }
                            (
                                CellValue::Decoded(Cell::Special(SpecialValue::Date(ms))),
                                ColumnKind::Date,
                            ) => js::create_number(env, ms)?,
                            (CellValue::Decoded(cell), _) => cell_to_js(env, cell)?,
                        });
                    }
                }
            }
            ResultRows::Text { columns, rows } => {
                if rows.is_empty() {
                    return empty(env, &self.push);
                }
                let plain: Vec<(&str, ColumnKind)> = columns
                    .iter()
                    .map(|c| (c.as_str(), ColumnKind::Plain))
                    .collect();
                cells.push(self.shape(env, &plain)?);
                let null = js::null(env)?;
                for row in rows {
                    for i in 0..columns.len() {
                        cells.push(match row.get(i) {
                            Some(Some(text)) => js::create_string(env, text)?,
                            _ => null,
                        });
                    }
                }
            }
        }
        array_of(env, self.push.get()?, &cells)
    }
}

/// How many cells `rows` holds.
fn row_cells(rows: &ResultRows) -> usize {
    match rows {
        ResultRows::Binary(rows) => rows.first().map_or(0, |r| r.len() * rows.len()),
        ResultRows::Text { columns, rows } => columns.len() * rows.len(),
    }
}

fn empty(env: Env, push: &JsRef) -> Result<Value> {
    array_of(env, push.get()?, &[js::undefined(env)?])
}

/// The shape array: the names, and the `dates`/`json` index lists when not empty.
fn new_shape(env: Env, columns: &[(&str, ColumnKind)]) -> Result<Value> {
    let array = js::create_array(env, columns.len())?;
    for (i, (name, _)) in columns.iter().enumerate() {
        js::set_element(env, array, i as u32, js::create_string(env, name)?)?;
    }
    for (kind, property) in [(ColumnKind::Date, c"dates"), (ColumnKind::Json, c"json")] {
        let at: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].1 == kind)
            .collect();
        if at.is_empty() {
            continue;
        }
        let list = js::create_array(env, at.len())?;
        for (n, i) in at.into_iter().enumerate() {
            js::set_element(env, list, n as u32, js::create_number(env, i as f64)?)?;
        }
        js::set(env, array, property, list)?;
    }
    Ok(array)
}

/// The JS value of a decoded cell. JSON text stays text (its column is a `json`
/// one, which JS reads).
fn cell_to_js(env: Env, cell: Cell) -> Result<Value> {
    match cell {
        Cell::Null => js::null(env),
        Cell::Bool(b) => js::create_bool(env, b),
        Cell::Int(i) => js::create_number(env, i as f64),
        Cell::Float(f) => js::create_number(env, f),
        Cell::Text(s) | Cell::Json(s) => js::create_string(env, &s),
        Cell::Special(v) => special_to_js(env, &v),
        Cell::Array(items) => {
            let array = js::create_array(env, items.len())?;
            for (i, item) in items.into_iter().enumerate() {
                js::set_element(env, array, i as u32, cell_to_js(env, item)?)?;
            }
            Ok(array)
        }
    }
}

fn special_to_js(env: Env, value: &SpecialValue) -> Result<Value> {
    match value {
        SpecialValue::BigInt(n) => js::create_bigint_i64(env, *n),
        SpecialValue::Blob(b) => js::create_buffer(env, b),
        SpecialValue::Float(f) => js::create_number(env, *f),
        SpecialValue::Date(ms) => js::create_date(env, *ms),
        SpecialValue::LocalDate(ms) => local_date(env, *ms),
        SpecialValue::Json(text) => js::create_string(env, text),
        SpecialValue::Null => js::null(env),
        SpecialValue::Array(items) => {
            let array = js::create_array(env, items.len())?;
            for (i, item) in items.iter().enumerate() {
                js::set_element(env, array, i as u32, special_to_js(env, item)?)?;
            }
            Ok(array)
        }
    }
}

/// A wall-clock time read in the process's time zone (`new Date(y, m, d, ...)`):
/// shift the UTC reading by the zone offset in force at that instant.
fn local_date(env: Env, wall_ms: f64) -> Result<Value> {
    let offset_minutes = |date: Value| -> Result<f64> {
        let f = js::get(env, date, c"getTimezoneOffset")?;
        js::number(env, js::call(env, date, f, &[])?)
    };
    let first = offset_minutes(js::create_date(env, wall_ms)?)?;
    let guess = wall_ms + first * 60_000.0;
    let second = offset_minutes(js::create_date(env, guess)?)?;
    js::create_date(env, wall_ms + second * 60_000.0)
}
