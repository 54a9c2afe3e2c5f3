//! `PgPool`: a deadpool pool shared per connection string and database (upstream
//! `getPgPool`/`endPgPool`: one pool per key, counted, closed with its last user).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use dumbo_pg::pool::{self as pg_pool, PoolOptions};
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, Result};

use super::connection::PgConnection;
use super::event_loop::{self, Loop};
use super::exec::{self, Serialization};
use super::options::PgNativeOptions;
use crate::errors;

#[napi_derive::napi]
pub struct PgPool {
    pool: Arc<pg_pool::PgPool>,
    /// The JS thread's loop when the pool does its I/O there (see `event_loop.rs`).
    event_loop: Option<Loop>,
    key: String,
    released: Cell<bool>,
    serialization: Rc<Serialization>,
}

#[cfg(unix)]
fn new_pool(
    opts: dumbo_pg::config::PgConnectOptions,
    options: PoolOptions,
    event_loop: Option<&Loop>,
) -> dumbo_core::Result<pg_pool::PgPool> {
    let runtime = event_loop.and_then(|_| {
        std::panic::catch_unwind(|| {
            napi::bindgen_prelude::within_runtime_if_available(|| {
                tokio::runtime::Handle::try_current().ok()
            })
        })
        .ok()
        .flatten()
    });
    match (event_loop, runtime) {
        (Some(event_loop), Some(runtime)) => {
            pg_pool::PgPool::on_loop(opts, options, event_loop.clone(), runtime)
        }
        _ => pg_pool::PgPool::new(opts, options),
    }
}

#[cfg(not(unix))]
fn new_pool(
    opts: dumbo_pg::config::PgConnectOptions,
    options: PoolOptions,
    _event_loop: Option<&Loop>,
) -> dumbo_core::Result<pg_pool::PgPool> {
    pg_pool::PgPool::new(opts, options)
}

#[napi_derive::napi]
impl PgPool {
    /// Opens (or joins) the shared pool for `connectionString` + `database`.
    /// No I/O happens until the first query.
    #[napi(factory, catch_unwind)]
    pub fn open(
        env: &Env,
        connection_string: String,
        options: Option<PgNativeOptions<'_>>,
    ) -> Result<Self> {
        let raw = env.raw();
        let options = options.unwrap_or_default();
        let pool_options = options.pool_options(raw)?;
        let serialization = Rc::new(options.serialization(raw)?);
        let database = options.database.clone();
        let db_key = database
            .clone()
            .or_else(|| dumbo_pg::config::parse_database_name(&connection_string))
            .unwrap_or_else(|| dumbo_pg::config::DEFAULT_DATABASE.to_owned());
        let settings = options.settings();
        let (event_loop, loop_tag) = event_loop::current(raw)?;
        let key = format!("{connection_string}|{db_key}{}{loop_tag}", settings.key());
        let pool = pg_pool::acquire_shared(&key, || {
            let mut opts = dumbo_pg::config::parse(&connection_string, database.as_deref())?;
            settings.apply(&mut opts);
            new_pool(opts, pool_options, event_loop.as_ref())
        })
        .map_err(|e| errors::to_napi(raw, e))?;
        Ok(PgPool {
            pool,
            event_loop,
            key,
            released: Cell::new(false),
            serialization,
        })
    }

    /// Runs one statement on a connection borrowed for just that statement
    /// (the arguments as `PgConnection.execute`'s).
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
        let st = exec::statement(raw, &self.serialization, sql, options, values, false)?;
        let serialization = self.serialization.clone();
        let pool = self.pool.clone();
        // The place in the pool's queue is taken now, on the JS thread, so calls
        // get connections in the order they were made (dumbo_pg pool/fifo.rs).
        let ticket = pool.ticket();
        exec::spawn_on(
            env,
            self.event_loop.as_ref(),
            async move { pool.execute(ticket, &st.sql, &st.params, &st.options).await },
            move |env, outcome| exec::outcome_to_js(env, &serialization, outcome),
        )
    }

    /// Checks a connection out of the pool (resolves to a `PgConnection`).
    #[napi(catch_unwind, ts_return_type = "Promise<PgConnection>")]
    pub fn connect<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let pool = self.pool.clone();
        let serialization = self.serialization.clone();
        let ticket = pool.ticket();
        let event_loop = self.event_loop.clone();
        exec::spawn_on(
            env,
            self.event_loop.as_ref(),
            async move { pool.acquire_after(ticket).await },
            move |env, client| {
                exec::instance(env, PgConnection::new(client, serialization, event_loop))
            },
        )
    }

    /// Gives up this handle's share of the pool; the pool closes with its last
    /// user (or at once with `force`). Returns whether the pool was closed.
    #[napi(catch_unwind)]
    /// With `force`, the work of checked-out connections is aborted too: their
    /// running statements get a cancel request and they refuse further ones
    /// (dumbo_pg pool/inflight.rs).
    pub fn close(&self, force: Option<bool>) -> bool {
        let force = force == Some(true);
        let closed = if self.released.replace(true) {
            if force {
                self.pool.close();
            }
            self.pool.is_closed()
        } else {
            pg_pool::release_shared(&self.key, force)
        };
        if force {
            napi::bindgen_prelude::spawn(self.pool.abort());
        }
        closed
    }

    /// Resolves once the pool's connections on the event loop have sent `Terminate`
    /// and shut their sockets, or after a bound (dumbo_pg's `TERMINATE_WAIT`) if one is
    /// still checked out: `close()` waits for it after closing the pool, so the
    /// goodbyes go out within the call rather than on a later turn of the loop.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn terminated<'env>(&self, env: &'env Env) -> Result<PromiseRaw<'env, Unknown<'env>>> {
        let ended = self.pool.terminated();
        exec::spawn_on(
            env,
            self.event_loop.as_ref(),
            async move {
                ended.await;
                Ok(())
            },
            |env, ()| crate::js::undefined(env),
        )
    }

    /// Where the pool's connections do their I/O: `'event-loop'` (the JS thread's
    /// libuv loop) or `'threads'` (napi's tokio runtime), see `event_loop.rs`.
    #[napi(getter, ts_return_type = "'event-loop' | 'threads'")]
    pub fn io_path(&self) -> &'static str {
        if self.event_loop.is_some() {
            "event-loop"
        } else {
            "threads"
        }
    }

    /// How many connections are checked out right now (statements running or
    /// connections held by callers).
    #[napi(getter)]
    pub fn checked_out(&self) -> u32 {
        u32::try_from(self.pool.checked_out()).unwrap_or(u32::MAX)
    }

    /// How many connections the native pool has, idle and waited for.
    #[napi(catch_unwind)]
    pub fn status(&self) -> PgPoolStatus {
        let s = self.pool.status();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        PgPoolStatus {
            size: count(s.size),
            available: count(s.available),
            waiting: count(s.waiting),
            max: count(s.max_size),
        }
    }
}

/// A snapshot of a pool's connections.
#[napi_derive::napi(object)]
pub struct PgPoolStatus {
    /// Connections open now (idle or checked out).
    pub size: u32,
    /// Idle connections.
    pub available: u32,
    /// Callers waiting for a connection.
    pub waiting: u32,
    /// The most connections the pool opens.
    pub max: u32,
}
