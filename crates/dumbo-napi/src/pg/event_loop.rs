//! Which I/O path a PostgreSQL pool takes, and the JS thread's event loop for it.
//!
//! Under Node on Unix, pools do their socket I/O on the JS thread's own libuv loop
//! (`dumbo_uv`): a statement is one write and one wake of this thread. Elsewhere (Bun,
//! whose `uv_*` symbols abort; Deno, whose `uv_poll` is partial; Windows) and with
//! `DUMBO_PG_IO=threads`, they run on napi's tokio runtime as before.

use std::cell::RefCell;

use dumbo_core::Error as CoreError;
use napi::Result;

use crate::errors;
use crate::js;

/// The environment variable that picks the I/O path.
const IO_VARIABLE: &str = "DUMBO_PG_IO";

#[cfg(unix)]
pub type Loop = dumbo_uv::EventLoop;
/// No event-loop I/O off Unix.
#[cfg(not(unix))]
#[derive(Clone)]
pub enum Loop {}

/// This thread's decision and loop (one JS environment per thread).
struct Current {
    event_loop: Option<Loop>,
    /// Tags the shared-pool keys of this loop's pools.
    tag: String,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// The event loop PostgreSQL pools opened now should use (`None`: the threaded path),
/// and the suffix for their shared-pool key.
pub fn current(env: js::Env) -> Result<(Option<Loop>, String)> {
    if let Some(found) = CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|c| (c.event_loop.clone(), c.tag.clone()))
    }) {
        return Ok(found);
    }
    let wanted = match std::env::var(IO_VARIABLE) {
        Err(_) => true,
        Ok(v) if v.is_empty() || v == "event-loop" => true,
        Ok(v) if v == "threads" => false,
        Ok(v) => {
            return Err(errors::to_napi(
                env,
                CoreError::invalid_operation(format!(
                    "{IO_VARIABLE} must be 'event-loop' or 'threads', got '{v}'"
                )),
            ))
        }
    };
    let event_loop = if wanted && !foreign_runtime(env)? {
        open(env)
    } else {
        None
    };
    let tag = match &event_loop {
        Some(_) => format!("|loop:{:?}", std::thread::current().id()),
        None => String::new(),
    };
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Current {
            event_loop: event_loop.clone(),
            tag: tag.clone(),
        })
    });
    Ok((event_loop, tag))
}

/// Bun and Deno load Node-API addons but have no real libuv loop.
fn foreign_runtime(env: js::Env) -> Result<bool> {
    let global = js::global(env)?;
    for name in [c"Bun", c"Deno"] {
        if !js::is_nullish(env, js::get(env, global, name)?)? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(not(unix))]
fn open(_env: js::Env) -> Option<Loop> {
    None
}

#[cfg(unix)]
fn open(env: js::Env) -> Option<Loop> {
    use napi::sys;
    use std::ptr;

    let mut uv_loop = ptr::null_mut();
    // SAFETY: on the JS thread, in a napi call.
    let status = unsafe { sys::napi_get_uv_event_loop(env, &mut uv_loop) };
    if status != sys::Status::napi_ok || uv_loop.is_null() {
        return None;
    }
    let mut context = ptr::null_mut();
    // SAFETY: as above; a null resource makes Node create one.
    let status = unsafe {
        let name = js::create_string(env, "dumbo:pg").ok()?;
        sys::napi_async_init(env, ptr::null_mut(), name, &mut context)
    };
    if status != sys::Status::napi_ok {
        return None;
    }
    let env_ptr = env as usize;
    let context_ptr = context as usize;
    // A run started by libuv (a socket became readable, a wake from another thread)
    // happens outside any JS call: it needs a handle scope for the values it makes,
    // and a callback scope so the promises it settles run their reactions (the
    // microtask queue is drained when the callback scope closes).
    let hook: dumbo_uv::RunHook = Box::new(move |run: &mut dyn FnMut()| {
        let env = env_ptr as sys::napi_env;
        let context = context_ptr as sys::napi_async_context;
        // SAFETY: runs on the JS thread (the loop's), between JS calls.
        unsafe {
            let mut handles = ptr::null_mut();
            if sys::napi_open_handle_scope(env, &mut handles) != sys::Status::napi_ok {
                return;
            }
            let mut resource = ptr::null_mut();
            let mut scope = ptr::null_mut();
            let opened = sys::napi_create_object(env, &mut resource) == sys::Status::napi_ok
                && sys::napi_open_callback_scope(env, resource, context, &mut scope)
                    == sys::Status::napi_ok;
            run();
            if opened {
                sys::napi_close_callback_scope(env, scope);
            }
            sys::napi_close_handle_scope(env, handles);
        }
    });
    let runtime = std::panic::catch_unwind(|| {
        napi::bindgen_prelude::within_runtime_if_available(|| {
            tokio::runtime::Handle::try_current().ok()
        })
    })
    .ok()
    .flatten()?;
    // SAFETY: `uv_loop` is this thread's running loop; `close` runs in this
    // environment's cleanup hook, before Node closes the loop.
    let event_loop = unsafe { Loop::new(uv_loop.cast(), hook, Some(runtime)) }.ok()?;
    let closing = Box::new(event_loop.clone());
    // SAFETY: the hook's argument is the boxed loop, freed by the hook.
    let status =
        unsafe { sys::napi_add_env_cleanup_hook(env, Some(close), Box::into_raw(closing).cast()) };
    if status != sys::Status::napi_ok {
        event_loop.close();
        return None;
    }
    Some(event_loop)
}

/// The environment is going away: its pools close, and so do the loop's handles
/// (Node refuses to close a loop with open handles).
#[cfg(unix)]
unsafe extern "C" fn close(arg: *mut std::ffi::c_void) {
    let event_loop = Box::from_raw(arg.cast::<Loop>());
    let tag = CURRENT.with(|c| c.borrow_mut().take().map(|c| c.tag));
    if let Some(tag) = tag.filter(|t| !t.is_empty()) {
        dumbo_pg::pool::close_shared_where(|key| key.ends_with(&tag));
    }
    event_loop.close();
}
