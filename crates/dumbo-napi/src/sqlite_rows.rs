//! SQLite result rows as JS values, built cell by cell as SQLite hands them over:
//! a flat array `[columns, cell, cell, ...]`, row after row in column order, read
//! by `lib/core/rows.cjs` `rowsFromCells`. `columns` is the array of column names,
//! or `undefined` when the caller already holds them for this statement (see
//! [`KnownColumns`]). Every SQLite value has an exact JS value (INTEGER past the
//! safe range → BigInt, BLOB → Buffer), so nothing goes through JSON text.

use dumbo_sqlite::{Cell, ColumnNames, RowSink};
use napi::Result;

use crate::js::{self, Env, Value};

const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// The column names JS last received for one registered statement; names are sent
/// again only when they change (a cached statement re-prepared after a schema change).
#[derive(Default)]
pub struct KnownColumns {
    names: Vec<String>,
}

/// Room for the columns slot and a small result without growing.
const CELLS_CAPACITY: usize = 32;

/// How many values one `push` call appends.
const PUSH_CHUNK: usize = 1024;

/// `Array.prototype.push`, called with many values at once: one call that appends
/// them natively costs less than a Node-API `napi_set_element` per value (each a
/// generic keyed store that walks the prototype chain).
pub fn array_push(env: Env) -> Result<js::JsRef> {
    let array = js::get(env, js::global(env)?, c"Array")?;
    let prototype = js::get(env, array, c"prototype")?;
    js::JsRef::new(env, js::get(env, prototype, c"push")?)
}

/// A new JS array holding `values`.
pub fn array_of(env: Env, push: Value, values: &[Value]) -> Result<Value> {
    let array = js::create_array(env, 0)?;
    for chunk in values.chunks(PUSH_CHUNK) {
        js::call(env, array, push, chunk)?;
    }
    Ok(array)
}

/// A [`RowSink`] creating the JS cells. Node-API failures are kept and reported by
/// [`JsCells::finish`] (the driver's sink methods cannot fail).
pub struct JsCells<'k> {
    env: Env,
    push: Value,
    cells: Vec<Value>,
    null: Value,
    known: Option<&'k mut KnownColumns>,
    sent_names: bool,
    error: Option<napi::Error>,
}

impl<'k> JsCells<'k> {
    /// `known`: the names JS holds for this statement, or `None` to always send them.
    pub fn new(env: Env, push: &js::JsRef, known: Option<&'k mut KnownColumns>) -> Result<Self> {
        let mut cells = Vec::with_capacity(CELLS_CAPACITY);
        cells.push(js::undefined(env)?);
        Ok(JsCells {
            env,
            push: push.get()?,
            cells,
            null: js::null(env)?,
            known,
            sent_names: false,
            error: None,
        })
    }

    /// The flat array, or the first Node-API failure.
    pub fn finish(self) -> Result<Value> {
        if let Some(e) = self.error {
            return Err(e);
        }
        array_of(self.env, self.push, &self.cells)
    }

    fn keep(&mut self, v: Result<Value>) {
        match v {
            Ok(v) => self.cells.push(v),
            Err(e) => {
                self.error.get_or_insert(e);
                self.cells.push(self.null);
            }
        }
    }

    fn names_array(&self, names: &[&str]) -> Result<Value> {
        let array = js::create_array(self.env, names.len())?;
        for (i, name) in names.iter().enumerate() {
            js::set_element(
                self.env,
                array,
                i as u32,
                js::create_string(self.env, name)?,
            )?;
        }
        Ok(array)
    }
}

impl RowSink for JsCells<'_> {
    fn restart(&mut self) {
        self.cells.truncate(1);
        if let Ok(undefined) = js::undefined(self.env) {
            self.cells[0] = undefined;
        }
        // Names sent for a discarded statement never reach JS.
        if self.sent_names {
            if let Some(known) = self.known.as_deref_mut() {
                known.names.clear();
            }
            self.sent_names = false;
        }
    }

    fn columns(&mut self, names: &ColumnNames<'_, '_>) -> dumbo_core::Result<()> {
        if let Some(known) = self.known.as_deref() {
            if known.names.len() == names.len()
                && known
                    .names
                    .iter()
                    .enumerate()
                    .all(|(i, k)| names.get(i).is_ok_and(|n| n == k))
            {
                return Ok(());
            }
        }
        let names = (0..names.len())
            .map(|i| names.get(i))
            .collect::<dumbo_core::Result<Vec<_>>>()?;
        match self.names_array(&names) {
            Ok(array) => self.cells[0] = array,
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        if let Some(known) = self.known.as_deref_mut() {
            known.names = names.iter().map(|n| (*n).to_owned()).collect();
        }
        self.sent_names = true;
        Ok(())
    }

    fn cell(&mut self, cell: Cell<'_>) {
        let env = self.env;
        let value = match cell {
            Cell::Null => Ok(self.null),
            Cell::Integer(v) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) => {
                js::create_number(env, v as f64)
            }
            Cell::Integer(v) => js::create_bigint_i64(env, v),
            Cell::Real(v) => js::create_number(env, v),
            // Node replaces invalid UTF-8 sequences with U+FFFD.
            Cell::Text(bytes) => js::create_string_utf8(env, bytes),
            Cell::Blob(bytes) => js::create_buffer(env, bytes),
        };
        self.keep(value);
    }

    fn end_row(&mut self) {}
}
