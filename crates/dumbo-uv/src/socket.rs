//! The socket under a [`crate::UvStream`]: TCP or Unix, non-blocking, read into
//! memory that need not be initialized.

use std::io::{self, Write};
use std::mem::MaybeUninit;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;

/// A TCP or Unix socket: connected, or connecting while `UvStream::connect_tcp` or
/// `connect_unix` waits for it.
pub enum Socket {
    Tcp(std::net::TcpStream),
    Unix(UnixStream),
}

impl Socket {
    pub(crate) fn fd(&self) -> RawFd {
        match self {
            Socket::Tcp(s) => s.as_raw_fd(),
            Socket::Unix(s) => s.as_raw_fd(),
        }
    }

    pub(crate) fn set_nonblocking(&self) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => s.set_nonblocking(true),
            Socket::Unix(s) => s.set_nonblocking(true),
        }
    }

    /// Reads into memory that need not be initialized: `read(2)` only writes, so the
    /// caller's buffer is not zeroed first (a `&mut [u8]` read would need that, for
    /// the whole free space of the connection's read buffer, on every read).
    pub(crate) fn read_uninit(&self, buf: &mut [MaybeUninit<u8>]) -> io::Result<usize> {
        // SAFETY: `buf` is valid for writes of `buf.len()` bytes; the descriptor is
        // owned by `self` and open.
        let n = unsafe { libc::read(self.fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(n as usize)
        }
    }

    pub(crate) fn write(&self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Socket::Tcp(s) => (&*s).write(buf),
            Socket::Unix(s) => (&*s).write(buf),
        }
    }

    pub(crate) fn shutdown(&self) -> io::Result<()> {
        let r = match self {
            Socket::Tcp(s) => s.shutdown(std::net::Shutdown::Write),
            Socket::Unix(s) => s.shutdown(std::net::Shutdown::Write),
        };
        match r {
            Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(()),
            other => other,
        }
    }
}
