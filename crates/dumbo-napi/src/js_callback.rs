//! Plain Node-API callbacks (no `#[napi]` glue): defining them, reading their
//! arguments, throwing from them. Used where the glue's per-call work measurably
//! costs (sqlite_calls.rs).

use std::ffi::CStr;
use std::ptr;

use napi::sys::{self, ValueType as VT};
use napi::{Error, Result};

use crate::js::{check, number, set, type_error, type_of, Env, Value};

/// The arguments of a plain Node-API callback: up to `INLINE_ARGS` on the stack.
pub struct CallArgs {
    inline: [Value; INLINE_ARGS],
    heap: Vec<Value>,
    len: usize,
}

const INLINE_ARGS: usize = 16;

impl CallArgs {
    pub fn read(env: Env, info: sys::napi_callback_info) -> Result<CallArgs> {
        let mut args = CallArgs {
            inline: [ptr::null_mut(); INLINE_ARGS],
            heap: Vec::new(),
            len: INLINE_ARGS,
        };
        check(env, unsafe {
            sys::napi_get_cb_info(
                env,
                info,
                &mut args.len,
                args.inline.as_mut_ptr(),
                ptr::null_mut(),
                ptr::null_mut(),
            )
        })?;
        if args.len > INLINE_ARGS {
            args.heap = vec![ptr::null_mut(); args.len];
            check(env, unsafe {
                sys::napi_get_cb_info(
                    env,
                    info,
                    &mut args.len,
                    args.heap.as_mut_ptr(),
                    ptr::null_mut(),
                    ptr::null_mut(),
                )
            })?;
        }
        Ok(args)
    }

    pub fn as_slice(&self) -> &[Value] {
        if self.len > INLINE_ARGS {
            &self.heap[..self.len]
        } else {
            &self.inline[..self.len]
        }
    }
}

/// Defines `exports[name]` as a plain Node-API callback.
pub fn define_function(
    env: Env,
    exports: Value,
    name: &CStr,
    callback: sys::napi_callback,
) -> Result<()> {
    let mut f = ptr::null_mut();
    check(env, unsafe {
        sys::napi_create_function(
            env,
            name.as_ptr(),
            name.to_bytes().len() as isize,
            callback,
            ptr::null_mut(),
            &mut f,
        )
    })?;
    set(env, exports, name, f)
}

/// Throws `err` (its original JS value when it has one) from a plain callback.
pub fn throw(env: Env, err: Error) {
    // SAFETY: on the JS thread, inside the callback of `env`.
    unsafe { napi::JsError::from(err).throw_into(env) }
}

/// A non-negative integer index (a handle, a statement id).
pub fn index(env: Env, v: Value) -> Result<u32> {
    let n = if type_of(env, v)? == VT::napi_number {
        number(env, v)?
    } else {
        f64::NAN
    };
    if n >= 0.0 && n <= f64::from(u32::MAX) && n.fract() == 0.0 {
        Ok(n as u32)
    } else {
        Err(type_error(
            env,
            "a SQLite handle or statement id must be a non-negative integer",
        ))
    }
}
