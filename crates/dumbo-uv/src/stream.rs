//! A non-blocking socket whose readiness comes from `uv_poll` on the JS thread's loop.

use std::future::poll_fn;
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::os::raw::{c_int, c_void};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::executor::{lock, EventLoop, Shared};
use crate::ffi::{self, uv_handle_t, UV_READABLE, UV_WRITABLE};
use crate::socket::Socket;

/// A socket registered with one [`EventLoop`]: reads and writes happen on the loop's
/// thread (elsewhere they fail); dropping it closes the poll handle, then the socket.
pub struct UvStream {
    inner: Arc<StreamInner>,
}

pub(crate) struct StreamInner {
    socket: Socket,
    owner: Arc<Shared>,
    io: Mutex<Io>,
    /// The socket may have bytes to read. Cleared when a read finds it empty (or
    /// empties it: a short read), set when the poll handle reports it readable: a read
    /// that would only find `EAGAIN` is not tried.
    readable: AtomicBool,
}

struct Io {
    /// The poll handle; null once closed.
    handle: *mut uv_handle_t,
    /// The events the handle is started for.
    events: c_int,
    read: Option<Waker>,
    write: Option<Waker>,
}

// SAFETY: the handle pointer is used only on the loop's thread (checked before every
// libuv call); everything else is synchronized.
unsafe impl Send for Io {}

impl UvStream {
    /// Registers `socket` with `event_loop`; call on the loop's thread. The handle does
    /// not keep the loop alive (an idle pooled connection lets the process exit).
    pub fn new(event_loop: &EventLoop, socket: Socket) -> io::Result<UvStream> {
        let shared = &event_loop.shared;
        if !event_loop.is_current() {
            return Err(off_thread());
        }
        socket.set_nonblocking()?;
        let handle = ffi::alloc_handle(ffi::UV_POLL)
            .ok_or_else(|| io::Error::other("libuv's poll handle is larger than expected"))?;
        // SAFETY: on the loop thread, with a fresh handle.
        let rc = unsafe { ffi::uv_poll_init(shared.lp, handle, socket.fd()) };
        if rc != 0 {
            // SAFETY: init failed, libuv never saw the handle.
            unsafe { ffi::free_handle(handle) };
            return Err(io::Error::other(format!("uv_poll_init failed ({rc})")));
        }
        let inner = Arc::new(StreamInner {
            socket,
            owner: shared.clone(),
            io: Mutex::new(Io {
                handle,
                events: 0,
                read: None,
                write: None,
            }),
            readable: AtomicBool::new(true),
        });
        // SAFETY: the handle is initialized; it holds a reference to `inner` until its
        // close callback, so the poll callback always finds it alive.
        unsafe {
            ffi::uv_unref(handle);
            ffi::uv_handle_set_data(handle, Arc::into_raw(inner.clone()) as *mut c_void);
        }
        let mut streams = lock(&shared.streams);
        streams.retain(|s| s.strong_count() > 0);
        streams.push(Arc::downgrade(&inner));
        Ok(UvStream { inner })
    }

    /// Opens a TCP connection to `addr` without leaving the loop's thread: the connect
    /// starts non-blocking and completes when the socket turns writable. `configure`
    /// sets socket options first. Call on the loop's thread.
    pub async fn connect_tcp(
        event_loop: &EventLoop,
        addr: SocketAddr,
        configure: impl FnOnce(&TcpStream) -> io::Result<()>,
    ) -> io::Result<UvStream> {
        let socket = socket2::Socket::new(
            socket2::Domain::for_address(addr),
            socket2::Type::STREAM,
            Some(socket2::Protocol::TCP),
        )?;
        socket.set_nonblocking(true)?;
        match socket.connect(&addr.into()) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {}
            Err(e) => return Err(e),
        }
        let tcp = TcpStream::from(socket);
        configure(&tcp)?;
        let stream = UvStream::new(event_loop, Socket::Tcp(tcp))?;
        poll_fn(|cx| stream.inner.poll_connected(cx)).await?;
        Ok(stream)
    }

    /// Opens a Unix-socket connection to `path` without leaving the loop's thread. As
    /// with tokio's, a full listen queue is an error (`WouldBlock`), not a wait. Call on
    /// the loop's thread.
    pub async fn connect_unix(event_loop: &EventLoop, path: &Path) -> io::Result<UvStream> {
        let socket = socket2::Socket::new(socket2::Domain::UNIX, socket2::Type::STREAM, None)?;
        socket.set_nonblocking(true)?;
        match socket.connect(&socket2::SockAddr::unix(path)?) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {}
            Err(e) => return Err(e),
        }
        let stream = UvStream::new(event_loop, Socket::Unix(UnixStream::from(socket)))?;
        poll_fn(|cx| stream.inner.poll_connected(cx)).await?;
        Ok(stream)
    }
}

impl StreamInner {
    fn on_thread(&self) -> io::Result<()> {
        if thread::current().id() == self.owner.thread {
            Ok(())
        } else {
            Err(off_thread())
        }
    }

    /// Whether a connect started non-blocking has finished: its error if it failed.
    fn poll_connected(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.on_thread()?;
        let (error, peer) = match &self.socket {
            Socket::Tcp(s) => (s.take_error(), s.peer_addr().map(drop)),
            Socket::Unix(s) => (s.take_error(), s.peer_addr().map(drop)),
        };
        if let Some(e) = error? {
            return Poll::Ready(Err(e));
        }
        match peer {
            Ok(()) => Poll::Ready(Ok(())),
            Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                self.register(UV_WRITABLE, cx.waker())?;
                Poll::Pending
            }
            Err(e) => Poll::Ready(Err(e)),
        }
    }

    /// Remembers `waker` for `event` and makes sure the handle polls for it.
    fn register(&self, event: c_int, waker: &Waker) -> io::Result<()> {
        let mut io = lock(&self.io);
        if io.handle.is_null() {
            return Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the event loop this connection belongs to has closed",
            ));
        }
        let slot = if event == UV_READABLE {
            &mut io.read
        } else {
            &mut io.write
        };
        match slot {
            Some(w) if w.will_wake(waker) => {}
            _ => *slot = Some(waker.clone()),
        }
        let wanted = io.events | event;
        if wanted != io.events {
            // SAFETY: on the loop thread (callers check), handle open.
            let rc = unsafe { ffi::uv_poll_start(io.handle, wanted, on_poll) };
            if rc != 0 {
                return Err(io::Error::other(format!("uv_poll_start failed ({rc})")));
            }
            io.events = wanted;
        }
        Ok(())
    }

    /// Stops polling for events nobody waits for (level-triggered readiness would
    /// otherwise call back again and again).
    fn reconcile(&self) {
        let mut io = lock(&self.io);
        if io.handle.is_null() {
            return;
        }
        let wanted = (if io.read.is_some() { UV_READABLE } else { 0 })
            | (if io.write.is_some() { UV_WRITABLE } else { 0 });
        if wanted == io.events {
            return;
        }
        // SAFETY: called from the poll callback, on the loop thread; handle open.
        unsafe {
            if wanted == 0 {
                ffi::uv_poll_stop(io.handle);
            } else {
                ffi::uv_poll_start(io.handle, wanted, on_poll);
            }
        }
        io.events = wanted;
    }

    /// Closes the poll handle (on the loop thread); the socket closes when the last
    /// reference goes, after libuv has let go of the descriptor.
    pub(crate) fn close_handle(&self) {
        let (handle, read, write) = {
            let mut io = lock(&self.io);
            let handle = std::mem::replace(&mut io.handle, std::ptr::null_mut());
            (handle, io.read.take(), io.write.take())
        };
        if !handle.is_null() {
            // SAFETY: on the loop thread (callers check); closed once (nulled above).
            unsafe { ffi::uv_close(handle, on_closed) };
        }
        // Whoever waited learns of the close at their next poll.
        for waker in [read, write].into_iter().flatten() {
            waker.wake();
        }
    }
}

impl Drop for UvStream {
    fn drop(&mut self) {
        if self.inner.on_thread().is_ok() {
            self.inner.close_handle();
            return;
        }
        // Dropped elsewhere: close on the loop's thread.
        let inner = self.inner.clone();
        EventLoop {
            shared: inner.owner.clone(),
        }
        .spawn(async move { inner.close_handle() }, false);
    }
}

extern "C" fn on_poll(handle: *mut uv_handle_t, status: c_int, events: c_int) {
    // SAFETY: the handle's data is the StreamInner it holds a reference to.
    let inner = unsafe { &*(ffi::uv_handle_get_data(handle) as *const StreamInner) };
    let failed = status < 0;
    if failed {
        // libuv stops a handle whose descriptor reports an error before calling back:
        // whoever registers next must start it again.
        lock(&inner.io).events = 0;
    }
    if failed || events & UV_READABLE != 0 {
        inner.readable.store(true, Ordering::Release);
    }
    inner.owner.dispatch(|| {
        let (read, write) = {
            let mut io = lock(&inner.io);
            let read = if failed || events & UV_READABLE != 0 {
                io.read.take()
            } else {
                None
            };
            let write = if failed || events & UV_WRITABLE != 0 {
                io.write.take()
            } else {
                None
            };
            (read, write)
        };
        for waker in [read, write].into_iter().flatten() {
            waker.wake();
        }
    });
    inner.reconcile();
}

extern "C" fn on_closed(handle: *mut uv_handle_t) {
    // SAFETY: the reference taken in `new`, released once; then the memory.
    unsafe {
        drop(Arc::from_raw(
            ffi::uv_handle_get_data(handle) as *const StreamInner
        ));
        ffi::free_handle(handle);
    }
}

fn off_thread() -> io::Error {
    io::Error::other("a PostgreSQL socket was used off its event loop's thread")
}

impl AsyncRead for UvStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let inner = &self.inner;
        inner.on_thread()?;
        if !inner.readable.load(Ordering::Acquire) {
            inner.register(UV_READABLE, cx.waker())?;
            return Poll::Pending;
        }
        loop {
            let wanted = buf.remaining();
            // SAFETY: `read_uninit` never de-initializes bytes; the `n` it reports
            // are initialized before they are marked so.
            match inner.socket.read_uninit(unsafe { buf.unfilled_mut() }) {
                Ok(n) => {
                    // A stream socket fills less than asked only when it has nothing
                    // more (as tokio assumes on epoll).
                    if n > 0 && n < wanted {
                        inner.readable.store(false, Ordering::Release);
                    }
                    unsafe { buf.assume_init(n) };
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    inner.readable.store(false, Ordering::Release);
                    inner.register(UV_READABLE, cx.waker())?;
                    return Poll::Pending;
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl AsyncWrite for UvStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let inner = &self.inner;
        inner.on_thread()?;
        loop {
            match inner.socket.write(buf) {
                Ok(n) => return Poll::Ready(Ok(n)),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    inner.register(UV_WRITABLE, cx.waker())?;
                    return Poll::Pending;
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.inner.socket.shutdown())
    }
}
