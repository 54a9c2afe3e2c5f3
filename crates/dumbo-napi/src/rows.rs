//! Result rows to JS: the JSON text alone when every cell is JSON-exact (the common
//! case, parsed with `JSON.parse` in lib/rows.cjs), otherwise an object that also
//! lists the special cells as a flat `[row, columnName, value, ...]` array.

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
    let specials = js::create_array(env, rows.specials.len() * 3)?;
    for (i, cell) in rows.specials.iter().enumerate() {
        let base = (i * 3) as u32;
        js::set_element(
            env,
            specials,
            base,
            js::create_number(env, cell.row as f64)?,
        )?;
        let column = rows
            .columns
            .get(cell.column as usize)
            .map(String::as_str)
            .unwrap_or("");
        js::set_element(env, specials, base + 1, js::create_string(env, column)?)?;
        let value = match &cell.value {
            SpecialValue::BigInt(n) => js::create_bigint_i64(env, *n)?,
            SpecialValue::Blob(b) => js::create_buffer(env, b)?,
            SpecialValue::Float(f) => js::create_number(env, *f)?,
            SpecialValue::Date(ms) => js::create_date(env, *ms)?,
        };
        js::set_element(env, specials, base + 2, value)?;
    }
    js::set(env, out, c"specials", specials)?;
    Ok(out)
}
