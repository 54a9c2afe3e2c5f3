//! Free functions of the PostgreSQL entry points.

use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, Result};

use super::exec;
use super::options::millis;
use crate::errors;
use crate::js;

/// `PostgreSQLConnectionString`: throws InvalidOperationError unless the string
/// starts with `postgresql://` or `postgres://` (the password is never echoed).
#[napi_derive::napi(js_name = "validatePgConnectionString", catch_unwind)]
pub fn validate_pg_connection_string(env: &Env, connection_string: String) -> Result<()> {
    dumbo_pg::config::validate(&connection_string).map_err(|e| errors::to_napi(env.raw(), e))
}

/// `parseDatabaseName`: the database a connection string names, or null.
#[napi_derive::napi(js_name = "parsePgDatabaseName", catch_unwind)]
pub fn parse_pg_database_name(connection_string: String) -> Option<String> {
    dumbo_pg::config::parse_database_name(&connection_string)
}

/// `checkConnection`: connects, runs `SELECT 1`, closes. Never rejects.
#[napi_derive::napi(
    js_name = "checkPgConnection",
    catch_unwind,
    ts_return_type = "Promise<PgConnectionCheck>"
)]
pub fn check_pg_connection<'env>(
    env: &'env Env,
    connection_string: String,
    timeout_ms: Option<f64>,
) -> Result<PromiseRaw<'env, Unknown<'env>>> {
    let opts = dumbo_pg::config::parse(&connection_string, None);
    let timeout = millis(
        timeout_ms,
        dumbo_pg::pool::PoolOptions::default().connect_timeout,
    );
    exec::spawn(
        env,
        async move {
            Ok(match opts {
                Ok(o) => Ok(dumbo_pg::client::check_connection(&o, timeout).await),
                Err(e) => Err(e),
            })
        },
        |env, result| {
            let check = match result {
                Ok(c) => c,
                Err(e) => dumbo_pg::client::CheckResult {
                    successful: false,
                    error_type: Some("Unknown"),
                    code: None,
                    error: Some(e),
                },
            };
            let error = match &check.error {
                Some(e) => Some(js::unknown(env, errors::error_object(env, e, None)?)),
                None => None,
            };
            exec::instance(
                env,
                PgConnectionCheck {
                    successful: check.successful,
                    error_type: check.error_type.map(str::to_owned),
                    code: check.code,
                    error,
                },
            )
        },
    )
}

/// What `checkPgConnection` found: `successful`, or why not.
#[napi_derive::napi(object)]
pub struct PgConnectionCheck<'a> {
    pub successful: bool,
    #[napi(ts_type = "'ConnectionRefused' | 'Authentication' | 'Unknown'")]
    pub error_type: Option<String>,
    /// The SQLSTATE or system error code, when there is one.
    pub code: Option<String>,
    /// The `DumboError` the connection failed with.
    #[napi(ts_type = "Error")]
    pub error: Option<Unknown<'a>>,
}

/// `endAllPgPools`: closes every shared pool.
#[napi_derive::napi(js_name = "endAllPgPools", catch_unwind)]
pub fn end_all_pg_pools() {
    dumbo_pg::pool::close_all_shared();
}

/// Test hook: a promise whose work panics on the runtime, the way a bug in the
/// driver's async code would. It rejects with a `DumboError` (see
/// `exec::spawn`), and the addon goes on working.
#[napi_derive::napi(
    js_name = "__provokePgPanicForTests",
    catch_unwind,
    ts_return_type = "Promise<void>"
)]
pub fn provoke_pg_panic_for_tests(env: &Env) -> Result<PromiseRaw<'_, Unknown<'_>>> {
    exec::spawn(
        env,
        async {
            #[allow(clippy::panic)]
            {
                panic!("provoked panic in async PostgreSQL work (test hook)")
            }
            #[allow(unreachable_code)]
            Ok(())
        },
        |env, ()| js::undefined(env),
    )
}

/// The pool options the PostgreSQL driver knows (lib/pg/options.cjs refuses others).
#[napi_derive::napi(js_name = "pgPoolOptionNames")]
pub fn pg_pool_option_names() -> Vec<&'static str> {
    dumbo_pg::config::POOL_OPTIONS.to_vec()
}
