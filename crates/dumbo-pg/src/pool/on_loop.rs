//! Connections whose socket lives on the JS thread's libuv loop (`dumbo_uv`).
//!
//! tokio-postgres' `connect` opens tokio sockets, driven by the runtime's threads. Here
//! the connection is opened on the loop as a [`UvStream`] (a host name is looked up on
//! the runtime, where a blocking lookup may wait), and the protocol starts over it with
//! `connect_raw`: TLS, authentication and every statement after run on the JS thread.
//! What `connect` would have done around `connect_raw` is done here: trying each
//! host, socket options, and `target_session_attrs`.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::Connect;
use dumbo_uv::{EventLoop, UvStream};
use socket2::{SockRef, TcpKeepalive};
use tokio::runtime::Handle;
use tokio::task::JoinHandle;
use tokio_postgres::config::{Host, LoadBalanceHosts, TargetSessionAttrs};
use tokio_postgres::tls::MakeTlsConnect;
use tokio_postgres::{Client, Config, SimpleQueryMessage};

use crate::io_error::io_error;
use crate::session_attrs::{self, Recovery};
use crate::tls::Tls;

use super::live::Live;
use super::task_shell;

type Opened = (Client, JoinHandle<()>);
type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// deadpool's connector for a pool on an event loop.
pub struct LoopConnect {
    pub tls: Tls,
    pub recovery: Option<Recovery>,
    pub event_loop: EventLoop,
    pub runtime: Handle,
    pub(super) live: Arc<Live>,
}

impl Connect for LoopConnect {
    fn connect(&self, config: &Config) -> BoxFuture<'_, Result<Opened, tokio_postgres::Error>> {
        let config = config.clone();
        Box::pin(async move { self.open(&config).await })
    }
}

impl LoopConnect {
    /// The first host that accepts the connection and fits `target_session_attrs`
    /// (`prefer-standby` falls back to the first that answered).
    async fn open(&self, config: &Config) -> Result<Opened, tokio_postgres::Error> {
        let mut hosts = session_attrs::single_hosts(config);
        if config.get_load_balance_hosts() == LoadBalanceHosts::Random {
            session_attrs::shuffle(&mut hosts);
        }
        let attrs = config.get_target_session_attrs();
        let mut fallback: Option<Opened> = None;
        let mut last_error = None;
        for host in &hosts {
            let opened = match self.open_host(host).await {
                Ok(opened) => opened,
                Err(e) => {
                    last_error = Some(e);
                    continue;
                }
            };
            match self.fits(&opened.0, attrs).await {
                Ok(Fit::Yes) => return Ok(opened),
                Ok(Fit::Fallback) => {
                    if fallback.is_none() {
                        fallback = Some(opened);
                    }
                }
                Ok(Fit::No(reason)) => last_error = Some(io_error(reason)),
                Err(e) => last_error = Some(e),
            }
        }
        match (fallback, last_error) {
            (Some(opened), _) => Ok(opened),
            (None, Some(e)) => Err(e),
            (None, None) => Err(io_error(io::Error::new(
                io::ErrorKind::InvalidInput,
                "no host to connect to",
            ))),
        }
    }

    /// Whether the session fits: tokio-postgres' `read-write`/`read-only` (checked in
    /// its `connect`, not in `connect_raw`) and this crate's recovery roles.
    async fn fits(
        &self,
        client: &Client,
        attrs: TargetSessionAttrs,
    ) -> Result<Fit, tokio_postgres::Error> {
        if attrs != TargetSessionAttrs::Any {
            let read_only = show_read_only(client).await?;
            let wants_write = attrs == TargetSessionAttrs::ReadWrite;
            if read_only == wants_write {
                return Ok(Fit::No(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    if wants_write {
                        "database does not allow writes"
                    } else {
                        "database is not read only"
                    },
                )));
            }
        }
        match self.recovery {
            None => Ok(Fit::Yes),
            Some(wanted) => {
                let in_recovery = session_attrs::in_recovery(client).await?;
                // A role that does not fit is refused by the pool's hook
                // (`session_attrs::check`) unless it is `prefer-standby`'s fallback.
                Ok(if wanted.accepts(in_recovery) {
                    Fit::Yes
                } else {
                    Fit::Fallback
                })
            }
        }
    }

    /// Connects on the loop (a host name is looked up on the runtime, where a blocking
    /// lookup may wait) and starts the protocol there.
    async fn open_host(&self, host: &Config) -> Result<Opened, tokio_postgres::Error> {
        let port = host.get_ports().first().copied().unwrap_or(5432);
        let connect_timeout = host.get_connect_timeout().copied();
        let (stream, hostname) = match (host.get_hostaddrs().first(), host.get_hosts().first()) {
            (Some(addr), name) => {
                let name = match name {
                    Some(Host::Tcp(name)) => Some(name.clone()),
                    _ => None,
                };
                let stream = self.tcp(vec![(*addr, port).into()], host, connect_timeout);
                (stream.await?, name)
            }
            (None, Some(Host::Tcp(name))) => {
                let addrs = self.resolve(name, port).await?;
                (
                    self.tcp(addrs, host, connect_timeout).await?,
                    Some(name.clone()),
                )
            }
            (None, Some(Host::Unix(dir))) => {
                let path = dir.join(format!(".s.PGSQL.{port}"));
                let connecting = UvStream::connect_unix(&self.event_loop, &path);
                let stream = within(connect_timeout, connecting).await;
                (stream.map_err(io_error)?, None)
            }
            (None, None) => {
                return Err(io_error(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "both host and hostaddr are missing",
                )))
            }
        };
        let mut tls = self.tls.clone();
        let tls = MakeTlsConnect::<UvStream>::make_tls_connect(
            &mut tls,
            hostname.as_deref().unwrap_or(""),
        )
        .map_err(|e| io_error(io::Error::other(e)))?;
        let (client, connection) = host.connect_raw(stream, tls).await?;
        // deadpool wants a tokio task for the connection: one that waits for the loop's.
        let (done, finished) = tokio::sync::oneshot::channel::<()>();
        let running = self.live.start();
        self.event_loop.spawn(
            async move {
                // Errors surface on the client as "connection closed".
                let _ = connection.await;
                drop(done);
                drop(running);
            },
            false,
        );
        let task = if self.event_loop.is_current() {
            task_shell::handle(finished)
        } else {
            Err(finished)
        };
        let task = task.unwrap_or_else(|finished| {
            self.runtime.spawn(async move {
                let _ = finished.await;
            })
        });
        Ok((client, task))
    }

    /// The addresses of `name`: an IP address as it is, a name looked up on the runtime.
    async fn resolve(
        &self,
        name: &str,
        port: u16,
    ) -> Result<Vec<std::net::SocketAddr>, tokio_postgres::Error> {
        if let Ok(ip) = name.parse::<std::net::IpAddr>() {
            return Ok(vec![(ip, port).into()]);
        }
        let name = name.to_owned();
        let addrs = self
            .runtime
            .spawn(async move {
                let addrs = tokio::net::lookup_host((name.as_str(), port)).await?;
                Ok::<_, io::Error>(addrs.collect::<Vec<_>>())
            })
            .await
            .map_err(|e| io_error(io::Error::other(e)))?
            .map_err(io_error)?;
        Ok(addrs)
    }

    /// The first of `addrs` that accepts a connection, each tried within `limit`.
    async fn tcp(
        &self,
        addrs: Vec<std::net::SocketAddr>,
        host: &Config,
        limit: Option<Duration>,
    ) -> Result<UvStream, tokio_postgres::Error> {
        let mut last = None;
        for addr in addrs {
            let connecting =
                UvStream::connect_tcp(&self.event_loop, addr, |stream| tcp_options(stream, host));
            match within(limit, connecting).await {
                Ok(stream) => return Ok(stream),
                Err(e) => last = Some(e),
            }
        }
        Err(io_error(last.unwrap_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "could not resolve any addresses",
            )
        })))
    }
}

enum Fit {
    Yes,
    /// Usable only if no host fits (`prefer-standby`, or refused later by the hook).
    Fallback,
    No(io::Error),
}

async fn within<T>(
    limit: Option<Duration>,
    connect: impl Future<Output = io::Result<T>>,
) -> io::Result<T> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, connect)
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "connection timed out"))?,
        None => connect.await,
    }
}

/// The socket options tokio-postgres' `connect` sets.
fn tcp_options(stream: &std::net::TcpStream, host: &Config) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let socket = SockRef::from(stream);
    #[cfg(target_os = "linux")]
    if let Some(timeout) = host.get_tcp_user_timeout() {
        socket.set_tcp_user_timeout(Some(*timeout))?;
    }
    if host.get_keepalives() {
        let mut keepalive = TcpKeepalive::new().with_time(host.get_keepalives_idle());
        #[cfg(not(any(target_os = "openbsd", target_os = "redox", target_os = "solaris")))]
        if let Some(interval) = host.get_keepalives_interval() {
            keepalive = keepalive.with_interval(interval);
        }
        #[cfg(not(any(
            target_os = "openbsd",
            target_os = "redox",
            target_os = "solaris",
            target_os = "windows"
        )))]
        if let Some(retries) = host.get_keepalives_retries() {
            keepalive = keepalive.with_retries(retries);
        }
        socket.set_tcp_keepalive(&keepalive)?;
    }
    Ok(())
}

async fn show_read_only(client: &Client) -> Result<bool, tokio_postgres::Error> {
    let messages = client.simple_query("SHOW transaction_read_only").await?;
    Ok(messages
        .iter()
        .any(|m| matches!(m, SimpleQueryMessage::Row(row) if row.get(0) == Some("on"))))
}
