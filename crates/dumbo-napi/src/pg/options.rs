//! The options object lib/pg/options.cjs builds for `PgPool.open` and
//! `PgConnection.connectDirect` (the `native` part of `resolvePgOptions`), already
//! checked there; the checks here keep a direct caller of the binding honest.

use std::time::Duration;

use dumbo_pg::pool::PoolOptions;
use napi::bindgen_prelude::{Function, Unknown};
use napi::{JsValue, Result};

use super::exec::Serialization;
use super::settings::{PgSslOptions, Settings};
use crate::js;

/// How a pool (or a direct connection) connects and (de)serializes.
#[napi_derive::napi(object)]
#[derive(Default)]
pub struct PgNativeOptions<'a> {
    /// The database to use instead of the connection string's.
    pub database: Option<String>,
    /// The most connections the pool opens (at least 1; pools only).
    pub max: Option<f64>,
    /// How long a statement waits for a pool connection; 0 waits forever (pools only).
    pub connection_timeout_millis: Option<f64>,
    /// How long opening a connection may take; 0 means no limit.
    pub connect_timeout_millis: Option<f64>,
    /// Whether statements are prepared (named) on the server.
    pub prepare: Option<bool>,
    pub ssl: Option<PgSslOptions>,
    /// True when the serializer is plain `JSON.parse`, so json/jsonb text is
    /// embedded in the rows as is.
    pub raw_json: Option<bool>,
    /// The pool's `serializer.serialize`, when it is not the default one.
    pub serialize: Option<Function<'a, Unknown<'static>, String>>,
}

impl PgNativeOptions<'_> {
    /// The pool's size and timeouts, over deadpool's defaults.
    pub(super) fn pool_options(&self, env: js::Env) -> Result<PoolOptions> {
        let defaults = PoolOptions::default();
        let max = non_negative(env, "max", self.max)?;
        if max == Some(0.0) {
            return Err(js::type_error(
                env,
                "PostgreSQL option 'max' must be at least 1",
            ));
        }
        Ok(PoolOptions {
            max_size: max.map(|n| n as usize).unwrap_or(defaults.max_size),
            wait_timeout: millis(
                non_negative(
                    env,
                    "connectionTimeoutMillis",
                    self.connection_timeout_millis,
                )?,
                defaults.wait_timeout,
            ),
            connect_timeout: self.connect_timeout(env)?,
        })
    }

    /// How long opening one connection may take.
    pub(super) fn connect_timeout(&self, env: js::Env) -> Result<Option<Duration>> {
        Ok(millis(
            non_negative(env, "connectTimeoutMillis", self.connect_timeout_millis)?,
            PoolOptions::default().connect_timeout,
        ))
    }

    pub(super) fn serialization(&self, env: js::Env) -> Result<Serialization> {
        let serialize = self.serialize.as_ref().map(|f| f.raw());
        // napi-rs takes any value as a `Function`; calling a non-function would
        // fail later, per statement, with a less clear error.
        if let Some(f) = serialize {
            if !js::is_function(env, f)? {
                return Err(js::type_error(
                    env,
                    "PostgreSQL option 'serialize' must be a function",
                ));
            }
        }
        Serialization::new(env, serialize, self.raw_json)
    }

    pub(super) fn settings(&self) -> Settings {
        Settings::new(self.prepare, self.ssl.as_ref())
    }
}

fn non_negative(env: js::Env, name: &str, value: Option<f64>) -> Result<Option<f64>> {
    match value {
        Some(n) if !n.is_finite() || n < 0.0 => Err(js::type_error(
            env,
            &format!("PostgreSQL option '{name}' must be a non-negative number, got {n}"),
        )),
        _ => Ok(value),
    }
}

/// A millisecond option as a duration: absent takes `default`, and 0 means "no
/// limit", as in node-postgres.
pub(super) fn millis(n: Option<f64>, default: Option<Duration>) -> Option<Duration> {
    match n {
        Some(0.0) => None,
        Some(ms) => Some(Duration::from_millis(ms.ceil() as u64)),
        None => default,
    }
}
