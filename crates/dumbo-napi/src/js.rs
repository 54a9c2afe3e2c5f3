//! Small, checked wrappers over raw Node-API calls used on hot paths (reading SQL
//! tokens, converting values, forwarding calls). Every function returns
//! `napi::Result`; a JavaScript exception raised by user code (a serializer, a
//! plugin's `canHandle`) is taken off the environment and returned as the error,
//! so it is rethrown to the caller unchanged.

use std::ffi::{c_char, CStr, CString};
use std::ptr;

use napi::bindgen_prelude::Unknown;
use napi::sys::{self, napi_env, napi_value, ValueType as VT};
use napi::{Error, Result, Status};

pub type Env = napi_env;
pub type Value = napi_value;

/// Turns a status into a result; a pending JS exception becomes the error itself.
pub fn check(env: Env, status: sys::napi_status) -> Result<()> {
    if status == sys::Status::napi_ok {
        return Ok(());
    }
    if status == sys::Status::napi_pending_exception {
        let mut exc = ptr::null_mut();
        // SAFETY: called on the JS thread with a live env.
        if unsafe { sys::napi_get_and_clear_last_exception(env, &mut exc) } == sys::Status::napi_ok
            && !exc.is_null()
        {
            return Err(error_from_value(env, exc));
        }
    }
    Err(Error::new(
        Status::from(status),
        "Node-API call failed".to_owned(),
    ))
}

/// Wraps a JS value (usually an Error object) so napi-rs throws it as is.
pub fn error_from_value(env: Env, value: Value) -> Error {
    // SAFETY: `value` belongs to `env` and is alive in the current scope.
    Error::from(unsafe { Unknown::from_raw_unchecked(env, value) })
}

pub fn type_of(env: Env, v: Value) -> Result<sys::napi_valuetype> {
    let mut t = 0;
    check(env, unsafe { sys::napi_typeof(env, v, &mut t) })?;
    Ok(t)
}

pub fn is_nullish(env: Env, v: Value) -> Result<bool> {
    let t = type_of(env, v)?;
    Ok(t == VT::napi_null || t == VT::napi_undefined)
}

pub fn is_function(env: Env, v: Value) -> Result<bool> {
    Ok(type_of(env, v)? == VT::napi_function)
}

pub fn is_object(env: Env, v: Value) -> Result<bool> {
    Ok(type_of(env, v)? == VT::napi_object)
}

// Property names are C-string literals (`c"name"`): no allocation on the hot path.

pub fn get(env: Env, obj: Value, name: &CStr) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe {
        sys::napi_get_named_property(env, obj, name.as_ptr(), &mut out)
    })?;
    Ok(out)
}

pub fn set(env: Env, obj: Value, name: &CStr, value: Value) -> Result<()> {
    check(env, unsafe {
        sys::napi_set_named_property(env, obj, name.as_ptr(), value)
    })
}

/// `set` for a name only known at run time (driver error fields).
pub fn set_dyn(env: Env, obj: Value, name: &str, value: Value) -> Result<()> {
    let key =
        CString::new(name).map_err(|_| Error::new(Status::InvalidArg, "property name has NUL"))?;
    set(env, obj, &key, value)
}

pub fn get_element(env: Env, arr: Value, i: u32) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_get_element(env, arr, i, &mut out) })?;
    Ok(out)
}

pub fn set_element(env: Env, arr: Value, i: u32, v: Value) -> Result<()> {
    check(env, unsafe { sys::napi_set_element(env, arr, i, v) })
}

pub fn is_array(env: Env, v: Value) -> Result<bool> {
    let mut b = false;
    check(env, unsafe { sys::napi_is_array(env, v, &mut b) })?;
    Ok(b)
}

pub fn array_len(env: Env, arr: Value) -> Result<u32> {
    let mut n = 0;
    check(env, unsafe { sys::napi_get_array_length(env, arr, &mut n) })?;
    Ok(n)
}

/// Strings up to this many UTF-8 bytes are read in one pass, through a stack buffer.
const ONE_PASS_BYTES: usize = 1024;

pub fn string(env: Env, v: Value) -> Result<String> {
    let mut small = [0u8; ONE_PASS_BYTES];
    let mut written = 0;
    check(env, unsafe {
        sys::napi_get_value_string_utf8(
            env,
            v,
            small.as_mut_ptr() as *mut c_char,
            ONE_PASS_BYTES,
            &mut written,
        )
    })?;
    // Node stops before a character that does not fit (up to 4 bytes) and keeps one
    // byte for the terminator: anything shorter than that was read whole.
    if written + 5 <= ONE_PASS_BYTES {
        return utf8(small[..written].to_vec());
    }
    let mut len = 0;
    check(env, unsafe {
        sys::napi_get_value_string_utf8(env, v, ptr::null_mut(), 0, &mut len)
    })?;
    let mut buf: Vec<u8> = Vec::with_capacity(len + 1);
    check(env, unsafe {
        sys::napi_get_value_string_utf8(
            env,
            v,
            buf.as_mut_ptr() as *mut c_char,
            len + 1,
            &mut written,
        )
    })?;
    // SAFETY: Node wrote `written` bytes (at most `len`) into the buffer.
    unsafe { buf.set_len(written) };
    utf8(buf)
}

/// Node writes valid UTF-8 (it replaces lone surrogates); checked all the same.
fn utf8(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|_| Error::new(Status::InvalidArg, "invalid UTF-8 string"))
}

/// The string value of `obj[name]`, or `None` when it is not a string.
pub fn get_string_opt(env: Env, obj: Value, name: &CStr) -> Result<Option<String>> {
    let v = get(env, obj, name)?;
    if type_of(env, v)? == VT::napi_string {
        Ok(Some(string(env, v)?))
    } else {
        Ok(None)
    }
}

pub fn number(env: Env, v: Value) -> Result<f64> {
    let mut n = 0.0;
    check(env, unsafe { sys::napi_get_value_double(env, v, &mut n) })?;
    Ok(n)
}

pub fn boolean(env: Env, v: Value) -> Result<bool> {
    let mut b = false;
    check(env, unsafe { sys::napi_get_value_bool(env, v, &mut b) })?;
    Ok(b)
}

pub fn truthy(env: Env, v: Value) -> Result<bool> {
    let mut b = ptr::null_mut();
    check(env, unsafe { sys::napi_coerce_to_bool(env, v, &mut b) })?;
    boolean(env, b)
}

pub fn create_string(env: Env, s: &str) -> Result<Value> {
    create_string_utf8(env, s.as_bytes())
}

/// A string from UTF-8 bytes; Node replaces invalid sequences with U+FFFD.
pub fn create_string_utf8(env: Env, bytes: &[u8]) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe {
        sys::napi_create_string_utf8(
            env,
            bytes.as_ptr() as *const c_char,
            bytes.len() as isize,
            &mut out,
        )
    })?;
    Ok(out)
}

pub fn create_number(env: Env, n: f64) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_create_double(env, n, &mut out) })?;
    Ok(out)
}

pub fn create_bool(env: Env, b: bool) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_get_boolean(env, b, &mut out) })?;
    Ok(out)
}

pub fn create_bigint_i64(env: Env, n: i64) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe {
        sys::napi_create_bigint_int64(env, n, &mut out)
    })?;
    Ok(out)
}

pub fn create_buffer(env: Env, bytes: &[u8]) -> Result<Value> {
    let mut out = ptr::null_mut();
    let mut data = ptr::null_mut();
    check(env, unsafe {
        sys::napi_create_buffer_copy(env, bytes.len(), bytes.as_ptr().cast(), &mut data, &mut out)
    })?;
    Ok(out)
}

pub fn create_date(env: Env, ms: f64) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_create_date(env, ms, &mut out) })?;
    Ok(out)
}

pub fn create_object(env: Env) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_create_object(env, &mut out) })?;
    Ok(out)
}

pub fn create_array(env: Env, len: usize) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe {
        sys::napi_create_array_with_length(env, len, &mut out)
    })?;
    Ok(out)
}

pub fn null(env: Env) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_get_null(env, &mut out) })?;
    Ok(out)
}

pub fn undefined(env: Env) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_get_undefined(env, &mut out) })?;
    Ok(out)
}

pub fn global(env: Env) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe { sys::napi_get_global(env, &mut out) })?;
    Ok(out)
}

/// Calls `f` with `this` and `args`.
pub fn call(env: Env, this: Value, f: Value, args: &[Value]) -> Result<Value> {
    let mut out = ptr::null_mut();
    check(env, unsafe {
        sys::napi_call_function(env, this, f, args.len(), args.as_ptr(), &mut out)
    })?;
    Ok(out)
}

/// Calls `obj[method](...args)`; a missing method is a TypeError naming it.
pub fn call_method(env: Env, obj: Value, method: &CStr, args: &[Value]) -> Result<Value> {
    let f = get(env, obj, method)?;
    if !is_function(env, f)? {
        return Err(type_error(
            env,
            &format!("{} is not a function", method.to_string_lossy()),
        ));
    }
    call(env, obj, f, args)
}

/// A JS `TypeError` with `message`, ready to be thrown.
pub fn type_error(env: Env, message: &str) -> Error {
    let build = || -> Result<Value> {
        let msg = create_string(env, message)?;
        let mut out = ptr::null_mut();
        check(env, unsafe {
            sys::napi_create_type_error(env, ptr::null_mut(), msg, &mut out)
        })?;
        Ok(out)
    };
    match build() {
        Ok(v) => error_from_value(env, v),
        Err(e) => e,
    }
}

/// The JS value behind a napi-rs error (the original object when there is one).
pub fn error_value(env: Env, err: Error) -> Result<Value> {
    // SAFETY: creates (or restores) the error object in `env` on the JS thread.
    unsafe { napi::bindgen_prelude::ToNapiValue::to_napi_value(env, napi::JsError::from(err)) }
}

/// A strong reference to a JS value, released when dropped. Only ever used and
/// dropped on the JS thread that created it (class finalizers run there).
pub struct JsRef {
    env: Env,
    raw: sys::napi_ref,
}

impl JsRef {
    pub fn new(env: Env, value: Value) -> Result<JsRef> {
        let mut raw = ptr::null_mut();
        check(env, unsafe {
            sys::napi_create_reference(env, value, 1, &mut raw)
        })?;
        Ok(JsRef { env, raw })
    }

    pub fn get(&self) -> Result<Value> {
        let mut out = ptr::null_mut();
        check(self.env, unsafe {
            sys::napi_get_reference_value(self.env, self.raw, &mut out)
        })?;
        Ok(out)
    }
}

impl Drop for JsRef {
    fn drop(&mut self) {
        // SAFETY: created on this env's thread; dropped there too (see type docs).
        unsafe {
            sys::napi_delete_reference(self.env, self.raw);
        }
    }
}

/// `Unknown` for a raw value, to return from a `#[napi]` function.
pub fn unknown<'a>(env: Env, v: Value) -> Unknown<'a> {
    // SAFETY: `v` is a live value of `env` in the current callback scope.
    unsafe { Unknown::from_raw_unchecked(env, v) }
}
