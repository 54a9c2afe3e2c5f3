//! Turns `dumbo_core::Error` into the matching JavaScript `DumboError` subclass.
//!
//! The JS layer registers one factory per JS thread (`setErrorFactory`), which takes
//! `{ code: errorType, message, driverError?, innerError?, statementIndex? }` and
//! returns the error object (lib/errors.cjs `fromNative`). Errors therefore cross
//! the boundary as a code plus fields, never as JSON inside a message.

use std::cell::RefCell;

use dumbo_core::Error as CoreError;
use napi::bindgen_prelude::Unknown;
use napi::{Env, Error, Result};

use crate::js::{self, JsRef, Value};

thread_local! {
    // One JS thread = one env (main thread or a worker). The reference is leaked on
    // thread exit on purpose: deleting it after the env is gone would be unsound.
    static FACTORY: RefCell<Option<std::mem::ManuallyDrop<JsRef>>> = const { RefCell::new(None) };
}

/// Registers the JS function that builds `DumboError`s for this JS thread.
#[napi_derive::napi(
    js_name = "setErrorFactory",
    catch_unwind,
    ts_args_type = "factory: (spec: { code: string; message: string; driverError?: Record<string, unknown>; innerError?: unknown; statementIndex?: number }) => Error"
)]
pub fn set_error_factory(env: &Env, factory: Unknown<'_>) -> Result<()> {
    let raw_env = env.raw();
    // SAFETY: `factory` is a live value of this call.
    let v = unsafe { napi::bindgen_prelude::ToNapiValue::to_napi_value(raw_env, factory) }?;
    if !js::is_function(raw_env, v)? {
        return Err(js::type_error(
            raw_env,
            "setErrorFactory expects a function",
        ));
    }
    let r = JsRef::new(raw_env, v)?;
    FACTORY.with(|f| {
        if let Some(old) = f.borrow_mut().replace(std::mem::ManuallyDrop::new(r)) {
            drop(std::mem::ManuallyDrop::into_inner(old));
        }
    });
    Ok(())
}

/// Builds the JS error object for `err` (a `DumboError` subclass when the factory is set).
pub fn error_object(env: js::Env, err: &CoreError, inner: Option<Value>) -> Result<Value> {
    let spec = js::create_object(env)?;
    js::set(
        env,
        spec,
        c"code",
        js::create_string(env, err.kind.error_type())?,
    )?;
    js::set(env, spec, c"message", js::create_string(env, &err.message)?)?;
    if let Some(d) = &err.driver {
        let de = js::create_object(env)?;
        js::set(env, de, c"code", js::create_string(env, &d.code)?)?;
        if let Some(errno) = d.errno {
            js::set(env, de, c"errno", js::create_number(env, errno as f64)?)?;
        }
        for (k, v) in &d.fields {
            if *k == "statementIndex" {
                if let Ok(n) = v.parse::<f64>() {
                    js::set(env, spec, c"statementIndex", js::create_number(env, n)?)?;
                    continue;
                }
            }
            js::set_dyn(env, de, k, js::create_string(env, v)?)?;
        }
        js::set(env, spec, c"driverError", de)?;
    }
    if let Some(inner) = inner {
        js::set(env, spec, c"innerError", inner)?;
    }
    let factory = FACTORY.with(|f| f.borrow().as_ref().map(|r| r.get()));
    match factory {
        Some(f) => {
            let f = f?;
            let undefined = js::undefined(env)?;
            js::call(env, undefined, f, &[spec])
        }
        None => {
            // No JS layer loaded (direct use of the binding): a plain Error with `code`.
            let e = js::error_value(
                env,
                Error::new(napi::Status::GenericFailure, err.message.clone()),
            )?;
            js::set(
                env,
                e,
                c"code",
                js::create_string(env, err.kind.error_type())?,
            )?;
            Ok(e)
        }
    }
}

/// The napi error to return from a `#[napi]` function for a core error.
pub fn to_napi(env: js::Env, err: CoreError) -> Error {
    match error_object(env, &err, None) {
        Ok(v) => js::error_from_value(env, v),
        Err(e) => e,
    }
}

/// Same, with the original JS error kept as `innerError`/`cause`.
pub fn to_napi_with_cause(env: js::Env, err: CoreError, cause: Value) -> Error {
    match error_object(env, &err, Some(cause)) {
        Ok(v) => js::error_from_value(env, v),
        Err(e) => e,
    }
}

/// The `DumboError` for a panic napi-rs caught in a synchronous call (it reaches JS
/// as a plain `Error` with code `GenericFailure` and the panic's message), with that
/// error as its cause: the same error an asynchronous panic rejects with.
#[napi_derive::napi(js_name = "nativePanicError", catch_unwind)]
pub fn native_panic_error<'env>(
    env: &'env napi::Env,
    message: String,
    cause: napi::bindgen_prelude::Unknown<'env>,
) -> Result<napi::bindgen_prelude::Unknown<'env>> {
    let raw = env.raw();
    let error = error_object(
        raw,
        &CoreError::native_panic(&message),
        Some(napi::JsValue::raw(&cause)),
    )?;
    Ok(js::unknown(raw, error))
}

/// Provokes a Rust panic, to prove it surfaces as a JS error and never aborts Node.
#[napi_derive::napi(js_name = "__provokePanicForTests", catch_unwind)]
pub fn provoke_panic_for_tests() -> Result<()> {
    #[allow(clippy::panic)]
    {
        panic!("provoked panic (test hook)")
    }
}
