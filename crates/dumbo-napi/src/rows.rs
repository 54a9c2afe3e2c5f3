//! Result rows to JS values, in the row format whose layout `dumbo_rows` documents:
//! the JSON text alone, or a [`RowsPayload`] with the patches for special cells.

use dumbo_rows::{JsonRows, SpecialValue};
use napi::bindgen_prelude::{ArrayBuffer, Either, ToNapiValue, Unknown};
use napi::{Env, JsValue, Result};

use crate::js::{self, Value};

/// Rows with special cells (see `dumbo_rows` for each field).
#[napi_derive::napi(object)]
pub struct RowsPayload<'a> {
    pub json: String,
    /// `[row, columnName, value, ...]` triples.
    pub specials: Vec<Unknown<'a>>,
    /// `[row u32, column u32, epoch ms f64]` little-endian records, copied into
    /// a plain ArrayBuffer: for the few dates of a typical result, a Node Buffer
    /// (external or copied) costs several µs more to create.
    #[napi(ts_type = "ArrayBuffer")]
    pub dates: Option<Unknown<'a>>,
    pub columns: Option<Vec<String>>,
    pub json_cells: Option<Vec<u32>>,
}

/// What a query returns to JS: `JSON.parse`-able text, or text plus patches.
fn payload<'a>(env: &'a Env, mut rows: JsonRows) -> Result<Either<String, RowsPayload<'a>>> {
    let json = std::mem::take(&mut rows.json);
    let columns = std::mem::take(&mut rows.columns);
    let Some(packed) = dumbo_rows::pack(&rows) else {
        return Ok(Either::A(json));
    };
    let raw = env.raw();
    // Column names are created once per result, not once per cell.
    let mut names: Vec<Option<Unknown<'a>>> = vec![None; columns.len()];
    let mut specials = Vec::with_capacity(packed.cells.len() * 3);
    for cell in &packed.cells {
        let column = cell.column as usize;
        let name = match names.get(column) {
            Some(Some(v)) => *v,
            _ => {
                let label = columns.get(column).map_or("", String::as_str);
                let v = env.create_string(label)?.to_unknown();
                if let Some(slot) = names.get_mut(column) {
                    *slot = Some(v);
                }
                v
            }
        };
        specials.push((cell.row as f64).into_unknown(env)?);
        specials.push(name);
        specials.push(js::unknown(raw, special_to_js(raw, &cell.value)?));
    }
    let has_dates = !packed.dates.is_empty();
    let dates = if has_dates {
        Some(ArrayBuffer::copy_from(env, &packed.dates)?.to_unknown())
    } else {
        None
    };
    Ok(Either::B(RowsPayload {
        dates,
        columns: has_dates.then_some(columns),
        json_cells: (!packed.json_cells.is_empty()).then_some(packed.json_cells),
        specials,
        json,
    }))
}

/// A query's rows as their JS value ([`payload`]); the rows move into it.
pub fn to_js(env: js::Env, rows: JsonRows) -> Result<Value> {
    let env = Env::from_raw(env);
    Ok(payload(&env, rows)?.into_unknown(&env)?.raw())
}

fn special_to_js(env: js::Env, value: &SpecialValue) -> Result<Value> {
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
fn local_date(env: js::Env, wall_ms: f64) -> Result<Value> {
    let offset_minutes = |date: Value| -> Result<f64> {
        let f = js::get(env, date, c"getTimezoneOffset")?;
        js::number(env, js::call(env, date, f, &[])?)
    };
    let first = offset_minutes(js::create_date(env, wall_ms)?)?;
    let guess = wall_ms + first * 60_000.0;
    let second = offset_minutes(js::create_date(env, guess)?)?;
    js::create_date(env, wall_ms + second * 60_000.0)
}
