//! One PostgreSQL connection (pooled or direct): statements, cancellation, checks.

mod cache;
mod simple;

use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use dumbo_core::{Error, ErrorKind, JsonRowWriter, JsonRows, Result, SqlValue};
use futures_util::TryStreamExt;
use tokio::task::JoinHandle;
use tokio_postgres::{CancelToken, Client, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::config::PgConnectOptions;
use crate::decode::{self, DecodeOptions};
use crate::pool::Tracked;
use crate::{encode, errors, tls};

use cache::{StatementCache, MAX_CACHED_STATEMENTS};

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
#[derive(Debug, Clone, Default)]
pub struct QueryOutcome {
    /// Rows affected, or returned for `SELECT` (pg's `rowCount`).
    pub row_count: u64,
    pub rows: JsonRows,
    /// The statement returns columns (a `SELECT` with no rows still does).
    pub has_columns: bool,
}

/// Outcome of [`check_connection`] (upstream `checkConnection`).
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub successful: bool,
    /// `"ConnectionRefused"`, `"Authentication"` or `"Unknown"`.
    pub error_type: Option<&'static str>,
    pub code: Option<String>,
    pub error: Option<Error>,
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
    tls: MakeRustlsConnect,
    endpoint: Arc<str>,
    /// A pooled connection's entry in its pool's checked-out list.
    tracked: Option<Tracked>,
    /// The runtime a pooled connection was checked out on, to end it there.
    runtime: Option<tokio::runtime::Handle>,
    /// The session may be inside a transaction (or otherwise not fit for the next
    /// user): a pooled connection is then closed, not returned, when dropped.
    unclean: AtomicBool,
}

impl Drop for PgClient {
    fn drop(&mut self) {
        if !*self.unclean.get_mut() {
            return; // a pooled connection goes back to its pool
        }
        let Conn::Pooled(object) = &mut self.conn else {
            return; // a direct connection closes with its client
        };
        let Some(object) = object.take() else { return };
        match &self.runtime {
            // A live session keeps its pool slot until the server has ended it,
            // so the server never sees more sessions than the pool's max (a
            // replacement would otherwise open while this one is still closing).
            Some(runtime) if !object.is_closed() => {
                runtime.spawn(end_session(object));
            }
            // Dropping the client closes the session; the server rolls back
            // whatever it had open.
            _ => drop(deadpool_postgres::Object::take(object)),
        }
    }
}

/// How long a discarded session may hold its pool slot while it is being ended.
const END_SESSION_LIMIT: Duration = Duration::from_secs(2);

/// Ends a pooled session that must not be reused: the server terminates it (which
/// rolls back anything open), then it leaves the pool for good.
async fn end_session(object: deadpool_postgres::Object) {
    let ending = async {
        // Simple protocol: works in an aborted transaction too; the backend ends
        // itself, so this fails with 57P01 and the socket closes.
        let _ = object
            .batch_execute("ROLLBACK; SELECT pg_terminate_backend(pg_backend_pid())")
            .await;
        while !object.is_closed() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    };
    let _ = tokio::time::timeout(END_SESSION_LIMIT, ending).await;
    drop(deadpool_postgres::Object::take(object));
}

/// Sends cancel requests for the statement running on one connection.
#[derive(Clone)]
pub struct Canceller {
    token: CancelToken,
    tls: MakeRustlsConnect,
    endpoint: Arc<str>,
}

impl Canceller {
    /// Asks the server to cancel the running statement, which then fails with
    /// SQLSTATE 57014 (`QueryCanceled`). A no-op when nothing runs.
    pub async fn cancel(&self) -> Result<()> {
        self.token
            .cancel_query(self.tls.clone())
            .await
            .map_err(|e| errors::from_pg_error(&e, &self.endpoint))
    }
}

impl PgClient {
    /// Opens a direct (unpooled) connection.
    pub async fn connect(
        opts: &PgConnectOptions,
        connect_timeout: Option<Duration>,
    ) -> Result<PgClient> {
        let tls = tls::make_tls(opts.ssl_mode);
        let connecting = opts.config.connect(tls.clone());
        let connected = match connect_timeout.filter(|t| !t.is_zero()) {
            Some(limit) => tokio::time::timeout(limit, connecting)
                .await
                .map_err(|_| errors::connect_timeout(&opts.endpoint, Some(limit)))?,
            None => connecting.await,
        };
        let (client, connection) =
            connected.map_err(|e| errors::connect_error(&e, &opts.endpoint))?;
        let task = tokio::spawn(async move {
            // Errors surface on the client as "connection closed".
            let _ = connection.await;
        });
        Ok(PgClient {
            cancel: client.cancel_token(),
            conn: Conn::Direct {
                client,
                cache: StatementCache::default(),
                _task: task,
            },
            tls,
            endpoint: opts.endpoint.as_str().into(),
            tracked: None,
            runtime: None,
            unclean: AtomicBool::new(false),
        })
    }

    /// Wraps a connection taken from a pool.
    pub(crate) fn pooled(
        object: deadpool_postgres::Object,
        tls: MakeRustlsConnect,
        endpoint: &str,
    ) -> PgClient {
        PgClient {
            cancel: object.cancel_token(),
            conn: Conn::Pooled(Some(object)),
            tls,
            endpoint: endpoint.into(),
            tracked: None,
            runtime: tokio::runtime::Handle::try_current().ok(),
            unclean: AtomicBool::new(false),
        }
    }

    /// Tells the client whether its session is inside a transaction: set before
    /// `BEGIN` is sent, cleared once `COMMIT`/`ROLLBACK` succeeded. A pooled client
    /// dropped while set is closed instead of going back to its pool.
    ///
    /// Before, a connection dropped without COMMIT or ROLLBACK (its JS object
    /// finalized, e.g. when a worker thread exits mid-transaction) went back to the
    /// shared pool still inside the transaction: the next user saw its uncommitted
    /// rows, and that user's own writes joined a transaction nobody would commit
    /// (found by the reliability tests; pg-pool's "poison pool" rule).
    pub fn set_in_transaction(&self, in_transaction: bool) {
        self.unclean.store(in_transaction, Ordering::SeqCst);
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
        // The protocol sends SQL text as a C string: a NUL used to fail inside
        // tokio-postgres as "error encoding message to server", which was reported
        // as a ConnectionError. It is the caller's input (e.g. a NUL in
        // SQL.literal or SQL.identifier), with the same error as the SQLite driver.
        if sql.contains('\0') {
            return Err(Error::invalid_operation(
                "SQL text contains a NUL character",
            ));
        }
        Ok(())
    }

    /// Runs one statement with parameters (see [`ExecOptions`]).
    ///
    /// Statements are prepared once per connection and cached. A parameterless
    /// string with several statements runs through the simple protocol and
    /// returns the last statement's result, values as text.
    ///
    /// With a timeout, `statement_timeout` is SET before and RESET after. A caller
    /// that drops this future midway should [`discard`](Self::discard) the client,
    /// as the RESET may not have run.
    pub async fn execute(
        &self,
        sql: &str,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome> {
        self.check(sql)?;
        let timeout_ms = opts
            .timeout
            .filter(|t| !t.is_zero())
            .map(|t| t.as_millis().max(1));
        let Some(ms) = timeout_ms else {
            return self.run(sql, params, opts).await;
        };
        self.batch_execute(&format!("SET statement_timeout = {ms}"))
            .await?;
        let result = self.run(sql, params, opts).await;
        // A failure is ignored: it only happens in an aborted transaction, and the
        // ROLLBACK (or ROLLBACK TO SAVEPOINT) that must follow also undoes the SET,
        // because SET made inside a transaction is transactional.
        let _ = self.client().batch_execute("RESET statement_timeout").await;
        result
    }

    /// Runs SQL with the simple protocol, ignoring rows (`BEGIN`, `COMMIT`, ...).
    pub async fn batch_execute(&self, sql: &str) -> Result<()> {
        self.check(sql)?;
        self.client()
            .batch_execute(sql)
            .await
            .map_err(|e| self.error(&e))
    }

    /// A handle that cancels this connection's running statement. After a cancel,
    /// callers should [`discard`](Self::discard) the client: a late cancel request
    /// could otherwise hit the next statement of whoever gets the connection.
    pub fn canceller(&self) -> Canceller {
        Canceller {
            token: self.cancel.clone(),
            tls: self.tls.clone(),
            endpoint: self.endpoint.clone(),
        }
    }

    /// Whether the connection is gone (server closed it or a network error).
    pub fn is_closed(&self) -> bool {
        self.client().is_closed()
    }

    /// Closes the connection instead of returning it to its pool.
    pub fn discard(self) {
        self.unclean.store(true, Ordering::SeqCst);
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
        // or a shutdown) or whose socket failed is never pooled again. Before, it
        // went back to the pool, and when deadpool's `is_closed()` check ran before
        // the connection task had seen the socket close, the next caller got it and
        // failed with "connection closed" (found by the reliability tests).
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

    async fn run(
        &self,
        sql: &str,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome> {
        if params.is_empty() && simple::has_multiple_statements(sql) {
            return self.run_simple(sql).await;
        }
        let statement = match self.prepare(sql).await {
            Ok(statement) => statement,
            Err(e) if params.is_empty() && !opts.in_transaction && is_multi_command(&e) => {
                return self.run_simple(sql).await;
            }
            Err(e) => return Err(self.error(&e)),
        };
        match self.query(&statement, params, opts).await {
            Err(e) if is_stale_statement(&e) => {
                self.forget(sql);
                if opts.in_transaction {
                    return Err(self.error(&e));
                }
                let statement = self.prepare(sql).await.map_err(|e| self.error(&e))?;
                self.query(&statement, params, opts)
                    .await
                    .map_err(|e| self.error(&e))
            }
            result => result.map_err(|e| self.error(&e)),
        }
    }

    async fn prepare(&self, sql: &str) -> Result<Statement, tokio_postgres::Error> {
        match &self.conn {
            Conn::Pooled(None) => unreachable!("a pooled client is emptied only when dropped"),
            Conn::Pooled(Some(object)) => {
                if object.statement_cache.size() >= MAX_CACHED_STATEMENTS {
                    object.statement_cache.clear();
                }
                object.prepare_cached(sql).await
            }
            Conn::Direct { client, cache, .. } => cache.prepare(client, sql).await,
        }
    }

    fn forget(&self, sql: &str) {
        match &self.conn {
            Conn::Pooled(None) => {}
            Conn::Pooled(Some(object)) => {
                object.statement_cache.remove(sql, &[]);
            }
            Conn::Direct { cache, .. } => cache.remove(sql),
        }
    }

    async fn query(
        &self,
        statement: &Statement,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome, tokio_postgres::Error> {
        let stream = self
            .client()
            .query_raw(statement, encode::params(params))
            .await?;
        let mut stream = pin!(stream);
        let mut rows = Vec::new();
        while let Some(row) = stream.try_next().await? {
            rows.push(row);
        }
        let row_count = stream.rows_affected().unwrap_or(rows.len() as u64);
        let columns = statement.columns();
        Ok(QueryOutcome {
            row_count,
            has_columns: !columns.is_empty(),
            rows: if columns.is_empty() {
                no_rows()
            } else {
                decode::rows_to_json(columns, &rows, &opts.decode)
            },
        })
    }

    async fn run_simple(&self, sql: &str) -> Result<QueryOutcome> {
        let outcome = simple::run(self.client(), sql)
            .await
            .map_err(|e| self.error(&e))?;
        Ok(match outcome.rows {
            Some((columns, rows)) => QueryOutcome {
                row_count: outcome.row_count,
                rows: decode::text_rows_to_json(&columns, &rows),
                has_columns: true,
            },
            None => QueryOutcome {
                row_count: outcome.row_count,
                rows: no_rows(),
                has_columns: false,
            },
        })
    }
}

/// Connects, runs `SELECT 1` and closes (upstream `checkConnection`).
pub async fn check_connection(opts: &PgConnectOptions, timeout: Option<Duration>) -> CheckResult {
    let checked = async {
        let client = PgClient::connect(opts, timeout).await?;
        client.batch_execute("SELECT 1").await
    };
    match checked.await {
        Ok(()) => CheckResult {
            successful: true,
            error_type: None,
            code: None,
            error: None,
        },
        Err(error) => {
            let code = error.driver.as_ref().map(|d| d.code.clone());
            let error_type = match code.as_deref() {
                Some("ECONNREFUSED") => "ConnectionRefused",
                Some("28P01") => "Authentication",
                _ => "Unknown",
            };
            CheckResult {
                successful: false,
                error_type: Some(error_type),
                code,
                error: Some(error),
            }
        }
    }
}

fn no_rows() -> JsonRows {
    JsonRowWriter::new::<&str>(&[]).finish()
}

/// Preparing failed because the string holds several statements.
fn is_multi_command(e: &tokio_postgres::Error) -> bool {
    e.as_db_error()
        .is_some_and(|db| db.code().code() == "42601" && db.message().contains("multiple commands"))
}

/// A cached statement no longer matches the schema (or no longer exists).
fn is_stale_statement(e: &tokio_postgres::Error) -> bool {
    e.as_db_error().is_some_and(|db| {
        let code = db.code().code();
        code == "26000"
            || (code == "0A000"
                && db
                    .message()
                    .contains("cached plan must not change result type"))
    })
}
