//! JavaScript values ⇄ `SqlValue`.

use std::ptr;

use dumbo_core::{Error as CoreError, SqlValue};
use napi::sys::{self, ValueType as VT};
use napi::Result;

use crate::errors;
use crate::js::{self, Env, Value};

const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Reads parameter values; plain objects are serialized with `serializer`
/// (a JS `(value) => string`), or `JSON.stringify` when none is given.
pub struct ValueReader {
    pub env: Env,
    pub serializer: Option<Value>,
}

impl ValueReader {
    pub fn read(&self, v: Value) -> Result<SqlValue> {
        let env = self.env;
        match js::type_of(env, v)? {
            VT::napi_undefined | VT::napi_null => Ok(SqlValue::Null),
            VT::napi_boolean => Ok(SqlValue::Bool(js::boolean(env, v)?)),
            VT::napi_number => {
                let n = js::number(env, v)?;
                if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
                    Ok(SqlValue::Integer(n as i64))
                } else {
                    Ok(SqlValue::Float(n))
                }
            }
            VT::napi_string => Ok(SqlValue::Text(js::string(env, v)?)),
            VT::napi_bigint => self.bigint(v),
            VT::napi_object => self.object(v),
            other => Err(errors::to_napi(
                env,
                CoreError::data(format!(
                    "Cannot bind a value of type {} as a SQL parameter",
                    type_name(other)
                )),
            )),
        }
    }

    fn bigint(&self, v: Value) -> Result<SqlValue> {
        let env = self.env;
        let mut sign = 0;
        let mut count = 0usize;
        // Node-API only reports the word count when both `sign` and `words` are null
        // (a non-null `sign` with null `words` is rejected with napi_invalid_arg).
        js::check(env, unsafe {
            sys::napi_get_value_bigint_words(env, v, ptr::null_mut(), &mut count, ptr::null_mut())
        })?;
        if count > 2 {
            return Err(errors::to_napi(
                env,
                CoreError::data("BigInt parameter is out of the supported 128-bit range"),
            ));
        }
        let mut words = [0u64; 2];
        js::check(env, unsafe {
            sys::napi_get_value_bigint_words(env, v, &mut sign, &mut count, words.as_mut_ptr())
        })?;
        let magnitude = (words[0] as u128) | ((words[1] as u128) << 64);
        let value = if magnitude > i128::MAX as u128 {
            return Err(errors::to_napi(
                env,
                CoreError::data("BigInt parameter is out of the supported 128-bit range"),
            ));
        } else if sign == 1 {
            -(magnitude as i128)
        } else {
            magnitude as i128
        };
        Ok(SqlValue::BigInt(value))
    }

    fn object(&self, v: Value) -> Result<SqlValue> {
        let env = self.env;
        if js::is_array(env, v)? {
            let n = js::array_len(env, v)?;
            let mut out = Vec::with_capacity(n as usize);
            for i in 0..n {
                out.push(self.read(js::get_element(env, v, i)?)?);
            }
            return Ok(SqlValue::Array(out));
        }
        let mut is = false;
        js::check(env, unsafe { sys::napi_is_date(env, v, &mut is) })?;
        if is {
            let mut ms = 0.0;
            js::check(env, unsafe { sys::napi_get_date_value(env, v, &mut ms) })?;
            return Ok(SqlValue::Date(ms));
        }
        js::check(env, unsafe { sys::napi_is_typedarray(env, v, &mut is) })?;
        if is {
            return Ok(SqlValue::Blob(typed_array_bytes(env, v)?));
        }
        js::check(env, unsafe { sys::napi_is_arraybuffer(env, v, &mut is) })?;
        if is {
            let mut data = ptr::null_mut();
            let mut len = 0usize;
            js::check(env, unsafe {
                sys::napi_get_arraybuffer_info(env, v, &mut data, &mut len)
            })?;
            return Ok(SqlValue::Blob(copy_bytes(data as *const u8, len)));
        }
        let text = self.serialize(v)?;
        Ok(SqlValue::Json(text))
    }

    fn serialize(&self, v: Value) -> Result<String> {
        let env = self.env;
        let out = match self.serializer {
            Some(f) => js::call(env, js::undefined(env)?, f, &[v])?,
            None => {
                let json = js::get(env, js::global(env)?, c"JSON")?;
                js::call_method(env, json, c"stringify", &[v])?
            }
        };
        if js::type_of(env, out)? != VT::napi_string {
            return Err(errors::to_napi(
                env,
                CoreError::data("The serializer did not return a string for an object parameter"),
            ));
        }
        js::string(env, out)
    }
}

fn typed_array_bytes(env: Env, v: Value) -> Result<Vec<u8>> {
    let mut kind = 0;
    let mut length = 0usize;
    let mut data = ptr::null_mut();
    let mut arraybuffer = ptr::null_mut();
    let mut offset = 0usize;
    js::check(env, unsafe {
        sys::napi_get_typedarray_info(
            env,
            v,
            &mut kind,
            &mut length,
            &mut data,
            &mut arraybuffer,
            &mut offset,
        )
    })?;
    let element = match kind {
        sys::TypedarrayType::int8_array
        | sys::TypedarrayType::uint8_array
        | sys::TypedarrayType::uint8_clamped_array => 1,
        sys::TypedarrayType::int16_array | sys::TypedarrayType::uint16_array => 2,
        sys::TypedarrayType::int32_array
        | sys::TypedarrayType::uint32_array
        | sys::TypedarrayType::float32_array => 4,
        _ => 8,
    };
    Ok(copy_bytes(data as *const u8, length * element))
}

fn copy_bytes(data: *const u8, len: usize) -> Vec<u8> {
    if data.is_null() || len == 0 {
        return Vec::new();
    }
    // SAFETY: Node-API reported `len` readable bytes at `data` for this call's scope.
    unsafe { std::slice::from_raw_parts(data, len) }.to_vec()
}

fn type_name(t: sys::napi_valuetype) -> &'static str {
    match t {
        VT::napi_symbol => "symbol",
        VT::napi_function => "function",
        VT::napi_external => "external",
        _ => "unknown",
    }
}

/// A `SqlValue` as a JS value (used for `SQL.format` output params).
pub fn to_js(env: Env, v: &SqlValue) -> Result<Value> {
    match v {
        SqlValue::Null => js::null(env),
        SqlValue::Bool(b) => js::create_bool(env, *b),
        SqlValue::Integer(i) => js::create_number(env, *i as f64),
        SqlValue::Float(f) => js::create_number(env, *f),
        SqlValue::BigInt(b) => match i64::try_from(*b) {
            Ok(i) => js::create_bigint_i64(env, i),
            Err(_) => js::create_string(env, &b.to_string()),
        },
        SqlValue::Text(s) | SqlValue::Json(s) => js::create_string(env, s),
        SqlValue::Blob(b) => js::create_buffer(env, b),
        SqlValue::Date(ms) => js::create_date(env, *ms),
        SqlValue::Array(items) => {
            let arr = js::create_array(env, items.len())?;
            for (i, item) in items.iter().enumerate() {
                js::set_element(env, arr, i as u32, to_js(env, item)?)?;
            }
            Ok(arr)
        }
    }
}
