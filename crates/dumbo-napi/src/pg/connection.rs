//! `PgConnection`: one client, checked out of a pool or connected directly
//! (`pooled: false`), with the transaction statements of upstream `pgTransaction`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use dumbo_core::Error as CoreError;
use dumbo_pg::client::PgClient;
use dumbo_pg::transaction;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, Result};

use super::event_loop::Loop;
use super::exec::{self, Serialization};
use super::options::PgNativeOptions;
use crate::errors;
use crate::js;

#[napi_derive::napi]
pub struct PgConnection {
    client: RefCell<Option<Arc<PgClient>>>,
    in_transaction: Cell<bool>,
    serialization: Rc<Serialization>,
    /// The pool's event loop, if it does its I/O there (see `event_loop.rs`).
    event_loop: Option<Loop>,
}

impl PgConnection {
    pub(super) fn new(
        client: PgClient,
        serialization: Rc<Serialization>,
        event_loop: Option<Loop>,
    ) -> Self {
        PgConnection {
            client: RefCell::new(Some(Arc::new(client))),
            in_transaction: Cell::new(false),
            serialization,
            event_loop,
        }
    }

    fn client(&self, env: js::Env) -> Result<Arc<PgClient>> {
        self.client.borrow().clone().ok_or_else(|| {
            errors::to_napi(
                env,
                CoreError::invalid_operation("Connection has been released"),
            )
        })
    }

    fn run_sql<'env>(
        &self,
        env: &'env Env,
        sql: String,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        self.run_sql_then(env, sql, false)
    }

    /// Runs `sql`; with `ends_transaction`, tells the client its session is out of
    /// the transaction once it succeeded (see `PgClient::set_in_transaction`).
    fn run_sql_then<'env>(
        &self,
        env: &'env Env,
        sql: String,
        ends_transaction: bool,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let client = self.client(env.raw())?;
        exec::spawn_on(
            env,
            self.event_loop.as_ref(),
            async move {
                if ends_transaction {
                    client.close_transaction_statements();
                }
                client.batch_execute(&sql).await?;
                if ends_transaction {
                    client.set_in_transaction(false);
                }
                Ok(())
            },
            |env, ()| js::undefined(env),
        )
    }
}

#[napi_derive::napi]
impl PgConnection {
    /// A new, unpooled connection (`pooled: false`); the pool-only options
    /// (`max`, `connectionTimeoutMillis`) do not apply.
    #[napi(catch_unwind, ts_return_type = "Promise<PgConnection>")]
    pub fn connect_direct<'env>(
        env: &'env Env,
        connection_string: String,
        options: Option<PgNativeOptions<'env>>,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let raw = env.raw();
        let options = options.unwrap_or_default();
        let timeout = options.connect_timeout(raw)?;
        let serialization = Rc::new(options.serialization(raw)?);
        let settings = options.settings();
        let database = options.database;
        let mut opts = dumbo_pg::config::parse(&connection_string, database.as_deref())
            .map_err(|e| errors::to_napi(raw, e))?;
        settings.apply(&mut opts);
        exec::spawn(
            env,
            async move { PgClient::connect(&opts, timeout).await },
            // A direct connection runs on the runtime's threads.
            move |env, client| exec::instance(env, PgConnection::new(client, serialization, None)),
        )
    }

    /// Runs one statement: `sql` is a `TokenizedSQL`, or query text with `values`
    /// (formatted once per call site). Resolves to the rows (see rows.rs), or to
    /// the changed-row count when the statement returns no columns.
    #[napi(
        catch_unwind,
        ts_args_type = "sql: object | string, options?: { timeoutMs?: number } | null, values?: Array<unknown>",
        ts_return_type = "Promise<Array<unknown> | number>"
    )]
    pub fn execute<'env>(
        &self,
        env: &'env Env,
        sql: Unknown<'env>,
        options: Option<Unknown<'env>>,
        values: Option<Unknown<'env>>,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let raw = env.raw();
        let client = self.client(raw)?;
        let st = exec::statement(
            raw,
            &self.serialization,
            sql,
            options,
            values,
            self.in_transaction.get(),
        )?;
        let serialization = self.serialization.clone();
        exec::spawn_on(
            env,
            self.event_loop.as_ref(),
            async move { client.execute(&st.sql, &st.params, &st.options).await },
            move |env, outcome| exec::outcome_to_js(env, &serialization, outcome),
        )
    }

    /// `BEGIN [ISOLATION LEVEL …] [READ ONLY]`.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn begin<'env>(
        &self,
        env: &'env Env,
        options: Option<PgTransactionOptions>,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let options = options.unwrap_or_default();
        let sql = transaction::begin_sql(
            options.isolation_level.as_deref(),
            options.readonly == Some(true),
        )
        .map_err(|e| errors::to_napi(env.raw(), e))?;
        // Marked before BEGIN is sent: if this object is dropped from here on
        // without COMMIT/ROLLBACK, the session is closed, not pooled again.
        self.client(env.raw())?.set_in_transaction(true);
        self.in_transaction.set(true);
        self.run_sql(env, sql)
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn commit<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        self.in_transaction.set(false);
        self.run_sql_then(env, transaction::COMMIT_SQL.to_owned(), true)
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn rollback<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        self.in_transaction.set(false);
        self.run_sql_then(env, transaction::ROLLBACK_SQL.to_owned(), true)
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn savepoint<'env>(
        &self,
        env: &'env Env,
        level: u32,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        self.run_sql(env, transaction::savepoint_sql(level))
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn release_savepoint<'env>(
        &self,
        env: &'env Env,
        level: u32,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        self.run_sql(env, transaction::release_sql(level))
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn rollback_to_savepoint<'env>(
        &self,
        env: &'env Env,
        level: u32,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        self.run_sql(env, transaction::rollback_to_sql(level))
    }

    /// Asks the server to cancel the statement running on this connection.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn cancel<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let canceller = self.client(env.raw())?.canceller();
        exec::spawn(env, async move { canceller.cancel().await }, |env, ()| {
            js::undefined(env)
        })
    }

    /// Returns the client to its pool (or closes a direct one). With `discard`, a
    /// pooled client is closed instead of reused (after a cancel or a broken
    /// transaction). Releasing twice is a no-op.
    #[napi(catch_unwind)]
    pub fn release(&self, discard: Option<bool>) {
        self.in_transaction.set(false);
        let taken = self.client.borrow_mut().take();
        if let Some(client) = taken {
            if discard == Some(true) {
                // Statements still in flight hold the other references; the
                // client then goes back when they finish.
                if let Ok(client) = Arc::try_unwrap(client) {
                    client.discard();
                }
            }
        }
    }

    #[napi(getter)]
    pub fn is_released(&self) -> bool {
        self.client.borrow().is_none()
    }
}

/// How `begin` opens a transaction.
#[napi_derive::napi(object)]
#[derive(Default)]
pub struct PgTransactionOptions {
    /// One of `pgIsolationLevels()` (any case); the server's default when absent.
    pub isolation_level: Option<String>,
    pub readonly: Option<bool>,
}
