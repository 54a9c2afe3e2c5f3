//! Socket I/O and futures on the JS thread's own libuv loop.
//!
//! A statement run through a tokio worker wakes three threads per round trip (the
//! worker, the socket's readiness, the JS thread through a threadsafe function). Here
//! the socket is registered with the loop the JS thread already sleeps in
//! (`uv_poll`), and the futures that use it run on that thread: a statement costs one
//! write and one wake.
//!
//! - [`EventLoop`]: the task queue of one loop. Futures spawned on it are polled only
//!   on the loop's thread; a waker called from another thread (a tokio timer, a client
//!   dropped elsewhere) queues the task and wakes the loop with `uv_async_send`.
//! - [`UvStream`]: a non-blocking TCP or Unix socket whose readiness comes from
//!   `uv_poll` (its connect included); it implements tokio's `AsyncRead`/`AsyncWrite`,
//!   so TLS and the PostgreSQL protocol run over it unchanged.
//!
//! Only Node.js gives a real libuv loop: Bun's `uv_*` symbols abort the process and
//! Deno's `uv_poll` is partial, so the binding uses this only under Node on Unix.

#[cfg(unix)]
mod executor;
#[cfg(unix)]
mod ffi;
#[cfg(unix)]
mod socket;
#[cfg(unix)]
mod stream;

#[cfg(unix)]
pub use executor::{EventLoop, RunHook};
#[cfg(unix)]
pub use ffi::uv_loop_t;
#[cfg(unix)]
pub use socket::Socket;
#[cfg(unix)]
pub use stream::UvStream;
