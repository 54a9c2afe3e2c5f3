//! Connection pools over deadpool, and the process-wide shared pools.

mod shared;

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, PoolError, RecyclingMethod, Runtime, TimeoutType};
use dumbo_core::{Error, ErrorKind, Result};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::client::PgClient;
use crate::config::PgConnectOptions;
use crate::{errors, tls};

pub use shared::{acquire_shared, close_all_shared, release_shared};

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
    tls: MakeRustlsConnect,
}

impl PgPool {
    /// Creates the pool; connections are opened on demand.
    pub fn new(opts: PgConnectOptions, settings: PoolOptions) -> Result<PgPool> {
        if settings.max_size == 0 {
            return Err(Error::invalid_operation(
                "Connection pool size must be at least 1",
            ));
        }
        let settings = PoolOptions {
            wait_timeout: settings.wait_timeout.filter(|t| !t.is_zero()),
            connect_timeout: settings.connect_timeout.filter(|t| !t.is_zero()),
            ..settings
        };
        let tls = tls::make_tls(opts.ssl_mode);
        let manager = Manager::from_config(
            opts.config.clone(),
            tls.clone(),
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
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
        })
    }

    /// A connection, waiting at most `wait_timeout` for a free one.
    pub async fn acquire(&self) -> Result<PgClient> {
        match self.pool.get().await {
            Ok(object) => Ok(PgClient::pooled(
                object,
                self.tls.clone(),
                &self.opts.endpoint,
            )),
            Err(e) => Err(self.pool_error(e)),
        }
    }

    /// Closes idle connections and refuses new acquisitions; connections in use
    /// are closed when released.
    pub fn close(&self) {
        self.pool.close();
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
            PoolError::NoRuntimeSpecified | PoolError::PostCreateHook(_) => Error::new(
                ErrorKind::Connection,
                format!("Failed to connect to PostgreSQL at {endpoint}: {e}"),
            ),
        }
    }
}
