//! One PostgreSQL connection (pooled or direct): statements, cancellation, checks.

mod cache;
mod cancel;
mod check;
mod execute;
mod repeats;
mod session;
mod simple;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dumbo_core::{Error, ErrorKind, Result};
use dumbo_rows::JsonRows;
use tokio::task::JoinHandle;
use tokio_postgres::{CancelToken, Client};

use crate::config::PgConnectOptions;
use crate::decode::DecodeOptions;
use crate::pool::Tracked;
use crate::rows::ResultRows;
use crate::{errors, session_attrs, tls};

use cache::StatementCache;
use repeats::Repeats;

pub use cancel::Canceller;
pub use check::{check_connection, CheckResult};

/// Per-statement options.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExecOptions {
    /// `statement_timeout` for this statement only (`None` or zero: no timeout).
    pub timeout: Option<Duration>,
    /// The connection is inside `BEGIN`: a failed statement cannot be retried.
    pub in_transaction: bool,
    pub decode: DecodeOptions,
}

/// A statement's result.
#[derive(Debug, Default)]
pub struct QueryOutcome {
    /// Rows affected, or returned for `SELECT` (pg's `rowCount`).
    pub row_count: u64,
    /// The rows, undecoded.
    pub rows: ResultRows,
    /// How the rows' cells are to be decoded.
    pub decode: DecodeOptions,
    /// The statement returns columns (a `SELECT` with no rows still does, except
    /// on the unnamed-statement path, which only learns columns from a row).
    pub has_columns: bool,
}

impl QueryOutcome {
    /// The rows in the JSON row format.
    pub fn json(&self) -> JsonRows {
        self.rows.to_json(&self.decode)
    }
}

enum Conn {
    /// `None` only once the client is being dropped (see `Drop for PgClient`).
    Pooled(Option<deadpool_postgres::Object>),
    Direct {
        client: Client,
        cache: StatementCache,
        /// Drives the socket; ends by itself once `client` is dropped.
        _task: JoinHandle<()>,
    },
}

/// A connection. Dropping a pooled one returns it to its pool; dropping a direct
/// one closes it.
pub struct PgClient {
    conn: Conn,
    cancel: CancelToken,
    cancel_hosts: Option<Arc<tokio_postgres::Config>>,
    tls: tls::Tls,
    endpoint: Arc<str>,
    /// Cache named prepared statements (else the unnamed statement, see `execute.rs`).
    prepare: bool,
    /// A pooled connection's entry in its pool's checked-out list.
    tracked: Option<Tracked>,
    /// The runtime a pooled connection was checked out on, to end it there.
    runtime: Option<tokio::runtime::Handle>,
    /// The session may be inside a transaction (or otherwise not fit for the next
    /// user): a pooled connection is then closed, not returned, when dropped.
    unclean: AtomicBool,
    /// Statements prepared for this transaction (see `repeats.rs`).
    repeats: Repeats,
}

impl PgClient {
    /// Opens a direct (unpooled) connection.
    pub async fn connect(
        opts: &PgConnectOptions,
        connect_timeout: Option<Duration>,
    ) -> Result<PgClient> {
        let tls = tls::make_tls(&opts.tls)?;
        let connecting = async {
            match opts.recovery {
                Some(wanted) => session_attrs::open(&opts.config, &tls, wanted).await,
                None => {
                    let (client, connection) = opts.config.connect(tls.clone()).await?;
                    let task = tokio::spawn(async move {
                        // Errors surface on the client as "connection closed".
                        let _ = connection.await;
                    });
                    Ok((client, task))
                }
            }
        };
        let connected = match opts.attempt_limit(connect_timeout) {
            Some(limit) => tokio::time::timeout(limit, connecting)
                .await
                .map_err(|_| errors::connect_timeout(&opts.endpoint, Some(limit)))?,
            None => connecting.await,
        };
        let (client, task) = connected.map_err(|e| errors::connect_error(&e, &opts.endpoint))?;
        if let Some(wanted) = opts.recovery {
            session_attrs::check(&client, wanted, &opts.endpoint).await?;
        }
        Ok(PgClient {
            cancel: client.cancel_token(),
            cancel_hosts: None,
            conn: Conn::Direct {
                client,
                cache: StatementCache::default(),
                _task: task,
            },
            tls,
            endpoint: opts.endpoint.as_str().into(),
            prepare: opts.prepare,
            tracked: None,
            runtime: None,
            unclean: AtomicBool::new(false),
            repeats: Repeats::default(),
        })
    }

    /// Wraps a connection taken from a pool.
    pub(crate) fn pooled(
        object: deadpool_postgres::Object,
        tls: tls::Tls,
        opts: &PgConnectOptions,
        cancel_hosts: Option<Arc<tokio_postgres::Config>>,
    ) -> PgClient {
        PgClient {
            cancel: object.cancel_token(),
            // A connection opened with `connect_raw` (on an event loop) has a cancel
            // token that does not know its server: cancels go to the configured hosts.
            cancel_hosts,
            conn: Conn::Pooled(Some(object)),
            tls,
            endpoint: opts.endpoint.as_str().into(),
            prepare: opts.prepare,
            tracked: None,
            runtime: tokio::runtime::Handle::try_current().ok(),
            unclean: AtomicBool::new(false),
            repeats: Repeats::default(),
        }
    }

    pub(crate) fn tracked(mut self, tracked: Tracked) -> PgClient {
        self.tracked = Some(tracked);
        self
    }

    /// Refuses work once the pool was closed with `force` (see `pool/inflight.rs`),
    /// and SQL text PostgreSQL cannot take.
    fn check(&self, sql: &str) -> Result<()> {
        if self.tracked.as_ref().is_some_and(Tracked::is_aborted) {
            return Err(errors::pool_closed());
        }
        // The protocol sends SQL text as a C string: a NUL would fail inside
        // tokio-postgres as "error encoding message to server", which reads like a
        // transport failure. It is the caller's input (e.g. a NUL in SQL.literal or
        // SQL.identifier), so it gets the same error as in the SQLite driver.
        if sql.contains('\0') {
            return Err(Error::invalid_operation(
                "SQL text contains a NUL character",
            ));
        }
        Ok(())
    }

    /// Runs SQL with the simple protocol, ignoring rows (`BEGIN`, `COMMIT`, ...).
    pub async fn batch_execute(&self, sql: &str) -> Result<()> {
        self.check(sql)?;
        self.client()
            .batch_execute(sql)
            .await
            .map_err(|e| self.error(&e))
    }

    /// Whether more statements may run on this connection: it is open and its
    /// session is clean (see `unclean`).
    pub(crate) fn is_reusable(&self) -> bool {
        !self.unclean.load(Ordering::SeqCst)
            && !self.is_closed()
            && !self.tracked.as_ref().is_some_and(Tracked::is_aborted)
    }

    /// Whether the connection is gone (server closed it or a network error).
    pub fn is_closed(&self) -> bool {
        self.client().is_closed()
    }

    /// Where the connection goes (`host:port`), for messages.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn client(&self) -> &Client {
        match &self.conn {
            Conn::Pooled(Some(object)) => object,
            Conn::Pooled(None) => unreachable!("a pooled client is emptied only when dropped"),
            Conn::Direct { client, .. } => client,
        }
    }

    fn error(&self, e: &tokio_postgres::Error) -> Error {
        let mut error = errors::from_pg_error(e, &self.endpoint);
        // A session the server ended (FATAL, e.g. 57P01 from pg_terminate_backend
        // or a shutdown) or whose socket failed is never pooled again: deadpool's
        // `is_closed()` check can run before the connection task has seen the socket
        // close, and the next caller would get a session that fails with
        // "connection closed".
        let fatal = e
            .as_db_error()
            .is_some_and(|db| matches!(db.severity(), "FATAL" | "PANIC"));
        if fatal || matches!(error.kind, ErrorKind::Connection | ErrorKind::AdminShutdown) {
            self.unclean.store(true, Ordering::SeqCst);
        }
        if error.kind == ErrorKind::QueryCanceled
            && self.tracked.as_ref().is_some_and(Tracked::is_aborted)
        {
            error.message =
                "Statement canceled: the connection pool was closed with force".to_owned();
        }
        error
    }
}
