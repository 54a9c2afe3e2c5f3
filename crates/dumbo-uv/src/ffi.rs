//! The few libuv functions this crate calls. Node exports libuv's symbols from its
//! own binary; handles are allocated here with `uv_handle_size`, so no struct layout
//! is assumed beyond the documented `void* data` first field.

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

extern "C" {
    pub fn uv_handle_size(kind: c_int) -> usize;
    pub fn uv_handle_get_data(handle: *const uv_handle_t) -> *mut c_void;
    pub fn uv_handle_set_data(handle: *mut uv_handle_t, data: *mut c_void);
    pub fn uv_close(handle: *mut uv_handle_t, cb: uv_close_cb);
    pub fn uv_ref(handle: *mut uv_handle_t);
    pub fn uv_unref(handle: *mut uv_handle_t);
    pub fn uv_poll_init(lp: *mut uv_loop_t, handle: *mut uv_handle_t, fd: c_int) -> c_int;
    pub fn uv_poll_start(handle: *mut uv_handle_t, events: c_int, cb: uv_poll_cb) -> c_int;
    pub fn uv_poll_stop(handle: *mut uv_handle_t) -> c_int;
    pub fn uv_async_init(lp: *mut uv_loop_t, handle: *mut uv_handle_t, cb: uv_async_cb) -> c_int;
    pub fn uv_async_send(handle: *mut uv_handle_t) -> c_int;
}

/// Handle memory: generously sized words (libuv's handles are a few hundred bytes at
/// most), freed in the handle's close callback.
const HANDLE_WORDS: usize = 128;

/// Allocates memory for a handle of `kind`, or `None` if libuv's size exceeds it.
pub fn alloc_handle(kind: c_int) -> Option<*mut uv_handle_t> {
    // SAFETY: uv_handle_size only reads a table.
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
