//! The few libuv functions this crate calls, found in the process at run time (Node
//! exports libuv's symbols from its own binary). Handles are allocated here with
//! `uv_handle_size`, so no struct layout is assumed; their data pointer is reached
//! through `uv_handle_get_data`/`uv_handle_set_data`.

#![allow(non_camel_case_types)]

use std::os::raw::{c_int, c_void};

#[repr(C)]
pub struct uv_loop_t {
    _private: [u8; 0],
}
#[repr(C)]
pub struct uv_handle_t {
    _private: [u8; 0],
}

pub type uv_poll_cb = extern "C" fn(handle: *mut uv_handle_t, status: c_int, events: c_int);
pub type uv_async_cb = extern "C" fn(handle: *mut uv_handle_t);
pub type uv_close_cb = extern "C" fn(handle: *mut uv_handle_t);

pub const UV_ASYNC: c_int = 1;
pub const UV_POLL: c_int = 8;
pub const UV_READABLE: c_int = 1;
pub const UV_WRITABLE: c_int = 2;

/// libuv's functions, looked up at run time in the process (Node exports them) rather
/// than linked: a binary without libuv (a Rust test, Bun) still loads, and the binding
/// falls back to the threaded path when [`available`] says no.
struct Api {
    handle_size: unsafe extern "C" fn(c_int) -> usize,
    handle_get_data: unsafe extern "C" fn(*const uv_handle_t) -> *mut c_void,
    handle_set_data: unsafe extern "C" fn(*mut uv_handle_t, *mut c_void),
    close: unsafe extern "C" fn(*mut uv_handle_t, uv_close_cb),
    ref_: unsafe extern "C" fn(*mut uv_handle_t),
    unref: unsafe extern "C" fn(*mut uv_handle_t),
    poll_init: unsafe extern "C" fn(*mut uv_loop_t, *mut uv_handle_t, c_int) -> c_int,
    poll_start: unsafe extern "C" fn(*mut uv_handle_t, c_int, uv_poll_cb) -> c_int,
    poll_stop: unsafe extern "C" fn(*mut uv_handle_t) -> c_int,
    async_init: unsafe extern "C" fn(*mut uv_loop_t, *mut uv_handle_t, uv_async_cb) -> c_int,
    async_send: unsafe extern "C" fn(*mut uv_handle_t) -> c_int,
}

// glibc before 2.34 keeps dlsym in libdl (the prebuilt Linux binaries target an old glibc).
#[cfg_attr(all(target_os = "linux", target_env = "gnu"), link(name = "dl"))]
extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const std::os::raw::c_char) -> *mut c_void;
}

/// `RTLD_DEFAULT`: the global symbol scope of the process.
#[cfg(target_os = "macos")]
const RTLD_DEFAULT: *mut c_void = -2isize as *mut c_void;
#[cfg(not(target_os = "macos"))]
const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();

fn api() -> Option<&'static Api> {
    static API: std::sync::OnceLock<Option<Api>> = std::sync::OnceLock::new();
    API.get_or_init(|| {
        // SAFETY: dlsym only looks names up; each symbol found has the signature of
        // libuv's public API (uv.h), which the transmutes below name.
        unsafe {
            macro_rules! find {
                ($name:literal as $ty:ty) => {{
                    let p = dlsym(RTLD_DEFAULT, $name.as_ptr());
                    if p.is_null() {
                        return None;
                    }
                    std::mem::transmute::<*mut c_void, $ty>(p)
                }};
            }
            Some(Api {
                handle_size: find!(c"uv_handle_size" as unsafe extern "C" fn(c_int) -> usize),
                handle_get_data: find!(
                    c"uv_handle_get_data"
                        as unsafe extern "C" fn(*const uv_handle_t) -> *mut c_void
                ),
                handle_set_data: find!(
                    c"uv_handle_set_data" as unsafe extern "C" fn(*mut uv_handle_t, *mut c_void)
                ),
                close: find!(c"uv_close" as unsafe extern "C" fn(*mut uv_handle_t, uv_close_cb)),
                ref_: find!(c"uv_ref" as unsafe extern "C" fn(*mut uv_handle_t)),
                unref: find!(c"uv_unref" as unsafe extern "C" fn(*mut uv_handle_t)),
                poll_init: find!(
                    c"uv_poll_init"
                        as unsafe extern "C" fn(*mut uv_loop_t, *mut uv_handle_t, c_int) -> c_int
                ),
                poll_start: find!(
                    c"uv_poll_start"
                        as unsafe extern "C" fn(*mut uv_handle_t, c_int, uv_poll_cb) -> c_int
                ),
                poll_stop: find!(
                    c"uv_poll_stop" as unsafe extern "C" fn(*mut uv_handle_t) -> c_int
                ),
                async_init: find!(
                    c"uv_async_init"
                        as unsafe extern "C" fn(
                            *mut uv_loop_t,
                            *mut uv_handle_t,
                            uv_async_cb,
                        ) -> c_int
                ),
                async_send: find!(
                    c"uv_async_send" as unsafe extern "C" fn(*mut uv_handle_t) -> c_int
                ),
            })
        }
    })
    .as_ref()
}

/// Whether the process has libuv's functions (it does under Node).
pub fn available() -> bool {
    api().is_some()
}

macro_rules! forward {
    ($(pub unsafe fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty = $field:ident, $missing:expr;)*) => {$(
        /// libuv's function of the same name (a no-op when libuv is missing, which
        /// [`available`] rules out before any handle exists).
        ///
        /// # Safety
        /// As libuv's: valid handles, on the loop's thread (`uv_async_send`: any thread).
        #[allow(clippy::unused_unit)]
        pub unsafe fn $name($($arg: $ty),*) -> $ret {
            match api() {
                Some(api) => (api.$field)($($arg),*),
                None => $missing,
            }
        }
    )*};
}

forward! {
    pub unsafe fn uv_handle_size(kind: c_int) -> usize = handle_size, 0;
    pub unsafe fn uv_handle_get_data(handle: *const uv_handle_t) -> *mut c_void = handle_get_data, std::ptr::null_mut();
    pub unsafe fn uv_handle_set_data(handle: *mut uv_handle_t, data: *mut c_void) -> () = handle_set_data, ();
    pub unsafe fn uv_close(handle: *mut uv_handle_t, cb: uv_close_cb) -> () = close, ();
    pub unsafe fn uv_ref(handle: *mut uv_handle_t) -> () = ref_, ();
    pub unsafe fn uv_unref(handle: *mut uv_handle_t) -> () = unref, ();
    pub unsafe fn uv_poll_init(lp: *mut uv_loop_t, handle: *mut uv_handle_t, fd: c_int) -> c_int = poll_init, -1;
    pub unsafe fn uv_poll_start(handle: *mut uv_handle_t, events: c_int, cb: uv_poll_cb) -> c_int = poll_start, -1;
    pub unsafe fn uv_poll_stop(handle: *mut uv_handle_t) -> c_int = poll_stop, -1;
    pub unsafe fn uv_async_init(lp: *mut uv_loop_t, handle: *mut uv_handle_t, cb: uv_async_cb) -> c_int = async_init, -1;
    pub unsafe fn uv_async_send(handle: *mut uv_handle_t) -> c_int = async_send, -1;
}

/// Handle memory: generously sized words (libuv's handles are a few hundred bytes at
/// most), freed in the handle's close callback.
const HANDLE_WORDS: usize = 128;

/// Allocates memory for a handle of `kind`, or `None` if libuv's size exceeds it.
pub fn alloc_handle(kind: c_int) -> Option<*mut uv_handle_t> {
    // SAFETY: uv_handle_size only reads a table (0 without libuv).
    let size = unsafe { uv_handle_size(kind) };
    if size == 0 || size > HANDLE_WORDS * 8 {
        return None;
    }
    Some(Box::into_raw(Box::new([0u64; HANDLE_WORDS])).cast())
}

/// Frees memory from [`alloc_handle`]: in a close callback, or for a handle whose
/// init failed.
///
/// # Safety
/// `handle` came from `alloc_handle` and libuv no longer uses it.
pub unsafe fn free_handle(handle: *mut uv_handle_t) {
    drop(Box::from_raw(handle.cast::<[u64; HANDLE_WORDS]>()));
}
