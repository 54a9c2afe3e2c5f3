//! Result rows to JS: the JSON text alone when every cell is JSON-exact (the common
//! case, parsed with `JSON.parse` in lib/core/rows.cjs), otherwise an object that also
//! lists the special cells as a flat `[row, columnName, value, ...]` array, with Date
//! cells packed separately (`dates` + `columns`).

use dumbo_core::{JsonRows, SpecialValue};
use napi::Result;

use crate::js::{self, Env, Value};

pub fn to_js(env: Env, rows: &JsonRows) -> Result<Value> {
    let json = js::create_string(env, &rows.json)?;
    if rows.specials.is_empty() {
        return Ok(json);
    }
    let out = js::create_object(env)?;
    js::set(env, out, c"json", json)?;
    // Column names are created once per result, not once per cell.
    let mut names: Vec<Option<Value>> = vec![None; rows.columns.len()];
    let mut name = |column: u32| -> Result<Value> {
        let i = column as usize;
        match names.get(i) {
            Some(Some(v)) => Ok(*v),
            Some(None) => {
                let v = js::create_string(env, &rows.columns[i])?;
                names[i] = Some(v);
                Ok(v)
            }
            None => js::create_string(env, ""),
        }
    };
    // Top-level Date cells (every timestamptz) travel packed in one Buffer of
    // [row u32, column u32, epoch ms f64] records: JS builds the Dates, which costs
    // a fraction of one napi Date, number and string per cell.
    let mut dates: Vec<u8> = Vec::new();
    let others: Vec<&dumbo_core::SpecialCell> = rows
        .specials
        .iter()
        .filter(|cell| match cell.value {
            SpecialValue::Date(ms) => {
                dates.extend_from_slice(&cell.row.to_le_bytes());
                dates.extend_from_slice(&cell.column.to_le_bytes());
                dates.extend_from_slice(&ms.to_le_bytes());
                false
            }
            _ => true,
        })
        .collect();
    let specials = js::create_array(env, others.len() * 3)?;
    let mut json_cells = Vec::new();
    for (i, cell) in others.iter().enumerate() {
        let base = (i * 3) as u32;
        js::set_element(
            env,
            specials,
            base,
            js::create_number(env, cell.row as f64)?,
        )?;
        js::set_element(env, specials, base + 1, name(cell.column)?)?;
        let value = special_to_js(env, &cell.value)?;
        if contains_json(&cell.value) {
            json_cells.push(base + 2);
        }
        js::set_element(env, specials, base + 2, value)?;
    }
    js::set(env, out, c"specials", specials)?;
    if !dates.is_empty() {
        js::set(env, out, c"dates", js::create_buffer(env, &dates)?)?;
        let columns = js::create_array(env, rows.columns.len())?;
        for i in 0..rows.columns.len() {
            js::set_element(env, columns, i as u32, name(i as u32)?)?;
        }
        js::set(env, out, c"columns", columns)?;
    }
    if !json_cells.is_empty() {
        // Positions in `specials` holding JSON text for the pool's serializer.
        let list = js::create_array(env, json_cells.len())?;
        for (i, at) in json_cells.iter().enumerate() {
            js::set_element(env, list, i as u32, js::create_number(env, *at as f64)?)?;
        }
        js::set(env, out, c"jsonCells", list)?;
    }
    Ok(out)
}

fn contains_json(value: &SpecialValue) -> bool {
    match value {
        SpecialValue::Json(_) => true,
        SpecialValue::Array(items) => items.iter().any(contains_json),
        _ => false,
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
