//! Cancelling the statement running on a connection.

use std::sync::Arc;

use dumbo_core::Result;
use tokio_postgres::config::Host;
use tokio_postgres::tls::MakeTlsConnect;
use tokio_postgres::{CancelToken, Config};

use super::PgClient;
use crate::{errors, session_attrs, tls};

/// Sends cancel requests for the statement running on one connection.
#[derive(Clone)]
pub struct Canceller {
    token: CancelToken,
    tls: tls::Tls,
    endpoint: Arc<str>,
    /// Set when the token cannot open its own socket (see `PgClient::pooled`).
    hosts: Option<Arc<Config>>,
}

impl Canceller {
    /// Asks the server to cancel the running statement, which then fails with
    /// SQLSTATE 57014 (`QueryCanceled`). A no-op when nothing runs.
    pub async fn cancel(&self) -> Result<()> {
        let Some(config) = &self.hosts else {
            return self
                .token
                .cancel_query(self.tls.clone())
                .await
                .map_err(|e| errors::from_pg_error(&e, &self.endpoint));
        };
        // Every configured host gets the request: the server holding the session
        // cancels its statement; any other ignores a key it does not know.
        let mut outcome = Ok(());
        for host in session_attrs::single_hosts(config) {
            if let Err(e) = self.cancel_on(&host).await {
                outcome = Err(e);
            } else {
                return Ok(());
            }
        }
        outcome
    }

    async fn cancel_on(&self, host: &Config) -> Result<()> {
        let port = host.get_ports().first().copied().unwrap_or(5432);
        let fail = |e: std::io::Error| {
            errors::from_pg_error(&crate::io_error::io_error(e), &self.endpoint)
        };
        let name = match host.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            _ => String::new(),
        };
        let mut tls = self.tls.clone();
        let outcome = match (host.get_hostaddrs().first(), host.get_hosts().first()) {
            (Some(addr), _) => {
                let stream = tokio::net::TcpStream::connect((*addr, port))
                    .await
                    .map_err(fail)?;
                let tls =
                    MakeTlsConnect::<tokio::net::TcpStream>::make_tls_connect(&mut tls, &name)
                        .map_err(|e| fail(std::io::Error::other(e)))?;
                self.token.cancel_query_raw(stream, tls).await
            }
            (None, Some(Host::Tcp(name))) => {
                let stream = tokio::net::TcpStream::connect((name.as_str(), port))
                    .await
                    .map_err(fail)?;
                let tls = MakeTlsConnect::<tokio::net::TcpStream>::make_tls_connect(&mut tls, name)
                    .map_err(|e| fail(std::io::Error::other(e)))?;
                self.token.cancel_query_raw(stream, tls).await
            }
            #[cfg(unix)]
            (None, Some(Host::Unix(dir))) => {
                let stream = tokio::net::UnixStream::connect(dir.join(format!(".s.PGSQL.{port}")))
                    .await
                    .map_err(fail)?;
                let tls = MakeTlsConnect::<tokio::net::UnixStream>::make_tls_connect(&mut tls, "")
                    .map_err(|e| fail(std::io::Error::other(e)))?;
                self.token.cancel_query_raw(stream, tls).await
            }
            _ => return Err(fail(std::io::Error::from(std::io::ErrorKind::InvalidInput))),
        };
        outcome.map_err(|e| errors::from_pg_error(&e, &self.endpoint))
    }
}

impl PgClient {
    /// A handle that cancels this connection's running statement. After a cancel,
    /// callers should [`discard`](Self::discard) the client: a late cancel request
    /// could otherwise hit the next statement of whoever gets the connection.
    pub fn canceller(&self) -> Canceller {
        Canceller {
            token: self.cancel.clone(),
            tls: self.tls.clone(),
            endpoint: self.endpoint.clone(),
            hosts: self.cancel_hosts.clone(),
        }
    }
}
