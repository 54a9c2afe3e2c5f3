//! Free functions of the PostgreSQL entry points.

use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, Result};

use super::exec;
use super::pool::millis;
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

/// `checkConnection`: connects, runs `SELECT 1`, closes. Never rejects; resolves
/// `{ successful, errorType?, code?, error? }`.
#[napi_derive::napi(js_name = "checkPgConnection", catch_unwind)]
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
            let out = js::create_object(env)?;
            let check = match result {
                Ok(c) => c,
                Err(e) => dumbo_pg::client::CheckResult {
                    successful: false,
                    error_type: Some("Unknown"),
                    code: None,
                    error: Some(e),
                },
            };
            js::set(
                env,
                out,
                c"successful",
                js::create_bool(env, check.successful)?,
            )?;
            if let Some(t) = check.error_type {
                js::set(env, out, c"errorType", js::create_string(env, t)?)?;
            }
            if let Some(code) = &check.code {
                js::set(env, out, c"code", js::create_string(env, code)?)?;
            }
            if let Some(e) = &check.error {
                js::set(env, out, c"error", errors::error_object(env, e, None)?)?;
            }
            Ok(out)
        },
    )
}

/// `endAllPgPools`: closes every shared pool.
#[napi_derive::napi(js_name = "endAllPgPools", catch_unwind)]
pub fn end_all_pg_pools() {
    dumbo_pg::pool::close_all_shared();
}

/// Test hook: a promise whose work panics on the runtime, the way a bug in the
/// driver's async code would. It rejects with a `DumboError` (see
/// `exec::spawn`), and the addon goes on working.
#[napi_derive::napi(js_name = "__provokePgPanicForTests", catch_unwind)]
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
