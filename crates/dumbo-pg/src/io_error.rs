//! Making a `tokio_postgres::Error` from an `io::Error`, for connection steps this
//! crate does itself (its constructors are private).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_postgres::Config;

/// A `tokio_postgres::Error` carrying `e` (its constructors are private): the error
/// `connect_raw` gives over a stream that fails at once with `e`. The message
/// mapping (`errors::connect_error`) reads the `io::Error` in its source chain.
pub fn io_error(e: io::Error) -> tokio_postgres::Error {
    let failing = Failing(Some(e));
    let mut config = Config::new();
    config.user("dumbo");
    let mut connecting = std::pin::pin!(config.connect_raw(failing, tokio_postgres::NoTls));
    match connecting
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Err(e)) => e,
        // The first write fails, so the attempt ends at its first poll.
        Poll::Ready(Ok(_)) | Poll::Pending => unreachable!("a failing stream cannot connect"),
    }
}

struct Failing(Option<io::Error>);

impl Failing {
    fn fail<T>(&mut self) -> Poll<io::Result<T>> {
        Poll::Ready(Err(self
            .0
            .take()
            .unwrap_or_else(|| io::Error::from(io::ErrorKind::BrokenPipe))))
    }
}

impl AsyncRead for Failing {
    fn poll_read(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        _: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.get_mut().fail()
    }
}

impl AsyncWrite for Failing {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, _: &[u8]) -> Poll<io::Result<usize>> {
        self.get_mut().fail()
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().fail()
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().fail()
    }
}

#[cfg(test)]
mod tests {
    use super::io_error;

    #[test]
    fn io_errors_keep_their_kind_in_the_source_chain() {
        let e = io_error(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        let io = std::error::Error::source(&e)
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .expect("an io::Error source");
        assert_eq!(io.kind(), std::io::ErrorKind::ConnectionRefused);
    }
}
