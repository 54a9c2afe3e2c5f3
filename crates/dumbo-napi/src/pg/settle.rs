//! Promises settled on the JS thread's event loop: the statement's future runs on
//! the loop (`dumbo_uv`), and its outcome resolves a raw deferred directly.

use std::future::Future;
use std::ptr;

use dumbo_core::Error as CoreError;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{sys, Env, Result};

use super::event_loop::Loop;
use crate::errors;
use crate::js;

/// Values that belong to the JS thread, carried by a task that is polled only there
/// (`dumbo_uv::EventLoop` polls its tasks on the loop's thread).
struct OnJsThread<T>(T);
// SAFETY: see the type's comment; the task is created, polled and completed on the
// JS thread.
unsafe impl<T> Send for OnJsThread<T> {}

impl<T> OnJsThread<T> {
    fn into_inner(self) -> T {
        self.0
    }
}

pub fn on_loop<'env, T, F, D>(
    env: &'env Env,
    event_loop: &Loop,
    fut: F,
    done: D,
) -> Result<PromiseRaw<'env, Unknown<'env>>>
where
    T: Send + 'static,
    F: Future<Output = Result<std::result::Result<T, CoreError>>> + Send + 'static,
    D: FnOnce(js::Env, T) -> Result<js::Value> + 'static,
{
    let raw = env.raw();
    let mut deferred = ptr::null_mut();
    let mut promise = ptr::null_mut();
    // SAFETY: on the JS thread, in a napi call.
    js::check(raw, unsafe {
        sys::napi_create_promise(raw, &mut deferred, &mut promise)
    })?;
    let carried = OnJsThread((raw, deferred, done));
    event_loop.spawn(
        async move {
            let outcome = fut.await;
            let (env, deferred, done) = carried.into_inner();
            settle(env, deferred, outcome, done);
        },
        true,
    );
    Ok(PromiseRaw::new(raw, promise))
}

/// Resolves or rejects `deferred` (on the JS thread, inside a handle scope).
fn settle<T, D>(
    env: js::Env,
    deferred: sys::napi_deferred,
    outcome: Result<std::result::Result<T, CoreError>>,
    done: D,
) where
    D: FnOnce(js::Env, T) -> Result<js::Value>,
{
    let value = match outcome {
        Ok(Ok(value)) => done(env, value),
        Ok(Err(e)) => Err(errors::to_napi(env, e)),
        Err(e) => Err(e),
    };
    // SAFETY: the deferred is settled exactly once, here, on its thread.
    unsafe {
        match value {
            Ok(v) => {
                sys::napi_resolve_deferred(env, deferred, v);
            }
            Err(e) => {
                let reason = js::error_value(env, e).unwrap_or(ptr::null_mut());
                sys::napi_reject_deferred(env, deferred, reason);
            }
        }
    }
}
