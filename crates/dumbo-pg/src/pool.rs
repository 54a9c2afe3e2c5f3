//! Connection pools over deadpool, and the process-wide shared pools.

mod fifo;
mod inflight;
mod lanes;
mod live;
#[cfg(unix)]
mod on_loop;
mod shared;
#[cfg(unix)]
mod task_shell;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{
    Hook, HookError, Manager, ManagerConfig, PoolError, RecyclingMethod, Runtime, TimeoutType,
};
use dumbo_core::{Error, ErrorKind, Result};

use crate::client::PgClient;
use crate::config::PgConnectOptions;
use crate::{errors, session_attrs, tls};

pub use fifo::Ticket;
pub(crate) use inflight::Tracked;
pub use shared::{acquire_shared, close_all_shared, close_shared_where, release_shared};

use fifo::Fifo;
use inflight::InFlight;
use lanes::Lanes;
use live::Live;

/// How long [`PgPool::terminated`] waits for connections still checked out: one the
/// application never releases must not hold a closing pool (or the process) forever.
pub const TERMINATE_WAIT: Duration = Duration::from_secs(5);

/// Fast recycling does no I/O; this only bounds a misbehaving recycle.
const RECYCLE_TIMEOUT: Duration = Duration::from_secs(5);

/// Pool sizing and timeouts (`None` or zero: wait forever).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolOptions {
    pub max_size: usize,
    /// How long `acquire` waits for a free connection.
    pub wait_timeout: Option<Duration>,
    /// How long opening a new connection may take.
    pub connect_timeout: Option<Duration>,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            max_size: 10,
            wait_timeout: Some(Duration::from_secs(30)),
            connect_timeout: Some(Duration::from_secs(30)),
        }
    }
}

/// Connection counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStatus {
    /// Open connections.
    pub size: usize,
    /// Idle connections.
    pub available: usize,
    /// Callers waiting for a connection.
    pub waiting: usize,
    pub max_size: usize,
}

/// A pool of connections to one database.
pub struct PgPool {
    pool: deadpool_postgres::Pool,
    opts: PgConnectOptions,
    settings: PoolOptions,
    tls: tls::Tls,
    /// Serves waiting callers in call order (see `fifo.rs`).
    fifo: Fifo,
    /// Checked-out connections, for [`abort`](Self::abort).
    inflight: Arc<InFlight>,
    /// Connections running the pool's own statements, for pipelining (`lanes.rs`).
    lanes: Arc<Lanes>,
    /// Callers waiting for a connection of their own ([`acquire`](Self::acquire)).
    exclusive_waiters: std::sync::atomic::AtomicUsize,
    /// Set when connections do their I/O on a JS thread's event loop (see
    /// `on_loop.rs`): their cancel requests go to the configured hosts.
    cancel_hosts: Option<Arc<tokio_postgres::Config>>,
    /// Connections whose driver runs on the event loop (none on the threaded path).
    live: Arc<Live>,
}

impl PgPool {
    /// Creates the pool; connections are opened on demand, on the runtime's threads.
    pub fn new(opts: PgConnectOptions, settings: PoolOptions) -> Result<PgPool> {
        Self::build(opts, settings, None)
    }

    /// Creates a pool whose connections do their I/O on `event_loop` (the calling JS
    /// thread's loop): use it from that thread only. `runtime` looks host names up
    /// and keeps the timers.
    #[cfg(unix)]
    pub fn on_loop(
        opts: PgConnectOptions,
        settings: PoolOptions,
        event_loop: dumbo_uv::EventLoop,
        runtime: tokio::runtime::Handle,
    ) -> Result<PgPool> {
        Self::build(opts, settings, Some((event_loop, runtime)))
    }

    #[cfg(not(unix))]
    fn build(
        opts: PgConnectOptions,
        settings: PoolOptions,
        _on_loop: Option<std::convert::Infallible>,
    ) -> Result<PgPool> {
        Self::build_with(opts, settings, |config, tls, manager_config, recovery| {
            Self::threaded_manager(config, tls, manager_config, recovery)
        })
    }

    #[cfg(unix)]
    fn build(
        opts: PgConnectOptions,
        settings: PoolOptions,
        on_loop: Option<(dumbo_uv::EventLoop, tokio::runtime::Handle)>,
    ) -> Result<PgPool> {
        let on_loop_pool = on_loop.is_some();
        let live = Arc::new(Live::default());
        let drivers = live.clone();
        let mut pool = Self::build_with(
            opts,
            settings,
            |config, tls, manager_config, recovery| match on_loop {
                Some((event_loop, runtime)) => Manager::from_connect(
                    config,
                    on_loop::LoopConnect {
                        tls,
                        recovery,
                        event_loop,
                        runtime,
                        live: drivers,
                    },
                    manager_config,
                ),
                None => Self::threaded_manager(config, tls, manager_config, recovery),
            },
        )?;
        if on_loop_pool {
            pool.cancel_hosts = Some(Arc::new(pool.opts.config.clone()));
        }
        pool.live = live;
        Ok(pool)
    }

    fn threaded_manager(
        config: tokio_postgres::Config,
        tls: tls::Tls,
        manager_config: ManagerConfig,
        recovery: Option<session_attrs::Recovery>,
    ) -> Manager {
        match recovery {
            None => Manager::from_config(config, tls, manager_config),
            Some(wanted) => Manager::from_connect(
                config,
                session_attrs::RecoveryConnect { tls, wanted },
                manager_config,
            ),
        }
    }

    fn build_with(
        opts: PgConnectOptions,
        settings: PoolOptions,
        manager: impl FnOnce(
            tokio_postgres::Config,
            tls::Tls,
            ManagerConfig,
            Option<session_attrs::Recovery>,
        ) -> Manager,
    ) -> Result<PgPool> {
        if settings.max_size == 0 {
            return Err(Error::invalid_operation(
                "Connection pool size must be at least 1",
            ));
        }
        let settings = PoolOptions {
            wait_timeout: settings.wait_timeout.filter(|t| !t.is_zero()),
            connect_timeout: opts.attempt_limit(settings.connect_timeout),
            ..settings
        };
        let tls = tls::make_tls(&opts.tls)?;
        let manager_config = ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = manager(
            opts.config.clone(),
            tls.clone(),
            manager_config,
            opts.recovery,
        );
        let mut builder = deadpool_postgres::Pool::builder(manager);
        if let Some(wanted) = opts.recovery {
            let endpoint: Arc<str> = opts.endpoint.as_str().into();
            builder = builder.post_create(Hook::async_fn(move |client, _| {
                let endpoint = endpoint.clone();
                Box::pin(async move {
                    session_attrs::check(client, wanted, &endpoint)
                        .await
                        .map_err(|e| HookError::Message(e.message.into()))
                })
            }));
        }
        let pool = builder
            .max_size(settings.max_size)
            .wait_timeout(settings.wait_timeout)
            .create_timeout(settings.connect_timeout)
            .recycle_timeout(Some(RECYCLE_TIMEOUT))
            .runtime(Runtime::Tokio1)
            .build()
            .map_err(|e| Error::new(ErrorKind::Dumbo, format!("Cannot create pool: {e}")))?;
        Ok(PgPool {
            pool,
            opts,
            settings,
            tls,
            fifo: Fifo::default(),
            inflight: Arc::default(),
            lanes: Arc::default(),
            exclusive_waiters: Default::default(),
            cancel_hosts: None,
            live: Arc::default(),
        })
    }

    /// A connection, waiting at most `wait_timeout` for a free one.
    pub async fn acquire(&self) -> Result<PgClient> {
        self.acquire_after(self.ticket()).await
    }

    /// A place in the queue for a free connection, taken now: callers that take
    /// their tickets in some order get connections in that order (see `fifo.rs`).
    /// Pass it to [`acquire_after`](Self::acquire_after).
    pub fn ticket(&self) -> Ticket {
        self.fifo.ticket()
    }

    /// [`acquire`](Self::acquire) at the place of `ticket`. While it waits, the pool's
    /// pipelined statements leave their connections alone (see `lanes.rs`).
    pub async fn acquire_after(&self, ticket: Ticket) -> Result<PgClient> {
        struct Waiting<'a>(&'a std::sync::atomic::AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
        self.exclusive_waiters
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let _waiting = Waiting(&self.exclusive_waiters);
        self.acquire_queued(ticket).await
    }

    async fn acquire_queued(&self, ticket: Ticket) -> Result<PgClient> {
        match ticket.enter(self.pool.get()).await {
            Ok(object) => {
                let client = PgClient::pooled(
                    object,
                    self.tls.clone(),
                    &self.opts,
                    self.cancel_hosts.clone(),
                );
                let tracked = self.inflight.track(client.canceller());
                Ok(client.tracked(tracked))
            }
            Err(e) => Err(self.pool_error(e)),
        }
    }

    /// Closes the pool and aborts the work of its checked-out connections (a
    /// close with `force`): each refuses further statements, and the returned
    /// future sends every one a cancel request for the statement it runs.
    pub fn abort(&self) -> impl Future<Output = ()> + Send + 'static {
        self.pool.close();
        let cancellers = self.inflight.abort();
        async move {
            let mut cancels = tokio::task::JoinSet::new();
            for canceller in cancellers {
                // Best effort: a failed cancel request leaves the statement to end
                // by itself; the connection is closed when it is released anyway.
                cancels.spawn(async move { canceller.cancel().await.ok() });
            }
            while cancels.join_next().await.is_some() {}
        }
    }

    /// How many connections are checked out (by callers, not idle in the pool).
    pub fn checked_out(&self) -> usize {
        self.inflight.len()
    }

    /// Closes idle connections and refuses new acquisitions; connections in use
    /// are closed when released.
    pub fn close(&self) {
        self.pool.close();
    }

    /// Resolves once every connection doing its I/O on the event loop has sent
    /// `Terminate` and shut its socket (after [`close`](Self::close): idle ones at
    /// once, checked-out ones when released), or after [`TERMINATE_WAIT`]. On the
    /// threaded path the runtime's tasks do that by themselves: it resolves at once.
    pub fn terminated(&self) -> impl Future<Output = ()> + Send + 'static {
        let live = self.live.clone();
        // The timer is armed only if the connections have not ended at the first poll.
        async move {
            let _ = tokio::time::timeout(TERMINATE_WAIT, live.all_ended()).await;
        }
    }

    /// Whether [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.pool.is_closed()
    }

    /// Current connection counts.
    pub fn status(&self) -> PoolStatus {
        let status = self.pool.status();
        PoolStatus {
            size: status.size,
            available: status.available,
            waiting: status.waiting,
            max_size: status.max_size,
        }
    }

    /// The parsed connection string this pool connects with.
    pub fn connect_options(&self) -> &PgConnectOptions {
        &self.opts
    }

    fn pool_error(&self, e: PoolError) -> Error {
        let endpoint = &self.opts.endpoint;
        match e {
            PoolError::Timeout(TimeoutType::Wait) => {
                errors::pool_exhausted(self.settings.wait_timeout, self.settings.max_size)
            }
            PoolError::Timeout(TimeoutType::Create) => {
                errors::connect_timeout(endpoint, self.settings.connect_timeout)
            }
            PoolError::Timeout(TimeoutType::Recycle) => Error::new(
                ErrorKind::Connection,
                format!("Connection to PostgreSQL at {endpoint} could not be reused in time"),
            ),
            PoolError::Backend(e) => errors::connect_error(&e, endpoint),
            PoolError::Closed => errors::pool_closed(),
            // The hook's message is complete (session_attrs::check).
            PoolError::PostCreateHook(HookError::Message(message)) => {
                Error::new(ErrorKind::Connection, message.into_owned())
            }
            PoolError::NoRuntimeSpecified | PoolError::PostCreateHook(_) => Error::new(
                ErrorKind::Connection,
                format!("Failed to connect to PostgreSQL at {endpoint}: {e}"),
            ),
        }
    }
}
