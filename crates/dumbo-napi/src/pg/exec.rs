//! What `PgPool` and `PgConnection` share: reading a call's SQL and options,
//! spawning the statement on the runtime, and turning its outcome into JS.

use std::future::Future;
use std::time::Duration;

use dumbo_core::{Error as CoreError, SqlValue};
use dumbo_pg::client::{ExecOptions, QueryOutcome};
use dumbo_pg::decode::DecodeOptions;
use dumbo_sql::{Dialect, Processors};
use napi::bindgen_prelude::{PromiseRaw, ToNapiValue, Unknown};
use napi::{Env, JsValue, Result};

use super::event_loop::Loop;
use super::rows::Shapes;
#[cfg(unix)]
use super::settle;
use crate::errors;
use crate::js::{self, JsRef};
use crate::sql_input::read_tokenized;
use crate::values::ValueReader;

/// How a pool or connection turns values into JSON and back, and rows into JS.
pub struct Serialization {
    /// The pool's `serializer.serialize` bound as a function, if custom.
    pub serialize: Option<JsRef>,
    /// True when results' json/jsonb text can be embedded as is (the default
    /// serializer is plain `JSON.parse`); otherwise JS deserializes each value.
    pub raw_json: bool,
    /// The JS shapes of result rows (see `rows.rs`).
    pub shapes: Shapes,
}

impl Serialization {
    /// `serialize`: the custom serializer's function, if any; `raw_json`: true
    /// unless said otherwise.
    pub fn new(
        env: js::Env,
        serialize: Option<js::Value>,
        raw_json: Option<bool>,
    ) -> Result<Serialization> {
        Ok(Serialization {
            serialize: serialize.map(|f| JsRef::new(env, f)).transpose()?,
            raw_json: raw_json.unwrap_or(true),
            shapes: Shapes::new(env)?,
        })
    }
}

/// One statement ready to run off the JS thread.
pub struct Statement {
    pub sql: String,
    pub params: Vec<SqlValue>,
    pub options: ExecOptions,
}

/// Formats `sql` (a `TokenizedSQL`) for PostgreSQL and reads `{ timeoutMs? }`.
/// When `sql` is a string it is query text formatted once per call site
/// (lib/sql/templates.cjs) and `values` holds its parameters.
pub fn statement(
    env: js::Env,
    serialization: &Serialization,
    sql: Unknown<'_>,
    options: Option<Unknown<'_>>,
    values: Option<Unknown<'_>>,
    in_transaction: bool,
) -> Result<Statement> {
    let serializer = match &serialization.serialize {
        Some(s) => Some(s.get()?),
        None => None,
    };
    let reader = ValueReader { env, serializer };
    let (query, params) = match (js::type_of(env, sql.raw())?, values) {
        (napi::sys::ValueType::napi_string, Some(values)) => {
            let array = values.raw();
            let n = js::array_len(env, array)?;
            let mut params = Vec::with_capacity(n as usize);
            for i in 0..n {
                params.push(reader.read(js::get_element(env, array, i)?)?);
            }
            (js::string(env, sql.raw())?, params)
        }
        _ => {
            let tokenized = read_tokenized(&reader, sql.raw())?;
            let p = dumbo_sql::format(&tokenized, Dialect::PostgreSQL, Processors::Dialect)
                .map_err(|e| errors::to_napi(env, e))?;
            (p.query, p.params)
        }
    };
    Ok(Statement {
        sql: query,
        params,
        options: ExecOptions {
            timeout: read_timeout(env, options)?,
            in_transaction,
            decode: DecodeOptions {
                raw_json: serialization.raw_json,
            },
        },
    })
}

fn read_timeout(env: js::Env, options: Option<Unknown<'_>>) -> Result<Option<Duration>> {
    let Some(o) = options else { return Ok(None) };
    let o = o.raw();
    if !js::is_object(env, o)? {
        return Ok(None);
    }
    let t = js::get(env, o, c"timeoutMs")?;
    match js::type_of(env, t)? {
        napi::sys::ValueType::napi_undefined | napi::sys::ValueType::napi_null => Ok(None),
        napi::sys::ValueType::napi_number => {
            let ms = js::number(env, t)?;
            if !ms.is_finite() || ms < 0.0 {
                return Err(js::type_error(
                    env,
                    &format!("timeoutMs must be a non-negative number, got {ms}"),
                ));
            }
            Ok(Some(Duration::from_millis(ms.ceil() as u64)))
        }
        _ => Err(js::type_error(env, "timeoutMs must be a number")),
    }
}

/// The JS value of a statement's outcome: its changed-row count when it returns no
/// columns, else its rows' cells (rowCount is then the number of rows).
pub fn outcome_to_js(
    env: js::Env,
    serialization: &Serialization,
    outcome: QueryOutcome,
) -> Result<js::Value> {
    if outcome.has_columns {
        serialization
            .shapes
            .rows_to_js(env, &outcome.rows, &outcome.decode)
    } else {
        js::create_number(env, outcome.row_count as f64)
    }
}

/// Runs `fut` on the runtime; the promise settles on the JS thread with `done`'s
/// value, or rejects with the `DumboError` for a core error.
pub fn spawn<'env, T, F, D>(
    env: &'env Env,
    fut: F,
    done: D,
) -> Result<PromiseRaw<'env, Unknown<'env>>>
where
    T: Send + 'static,
    F: Future<Output = std::result::Result<T, CoreError>> + Send + 'static,
    D: FnOnce(js::Env, T) -> Result<js::Value> + 'static,
{
    spawn_on(env, None, fut, done)
}

/// [`spawn`] on the JS thread's event loop when given one (see `event_loop.rs`): the
/// future is polled on this thread, and the promise settles from the loop's callback
/// without a threadsafe-function hop.
pub fn spawn_on<'env, T, F, D>(
    env: &'env Env,
    event_loop: Option<&Loop>,
    fut: F,
    done: D,
) -> Result<PromiseRaw<'env, Unknown<'env>>>
where
    T: Send + 'static,
    F: Future<Output = std::result::Result<T, CoreError>> + Send + 'static,
    D: FnOnce(js::Env, T) -> Result<js::Value> + 'static,
{
    #[cfg(unix)]
    if let Some(event_loop) = event_loop {
        return settle::on_loop(env, event_loop, catch_panic(fut), done);
    }
    #[cfg(not(unix))]
    let _ = event_loop;
    env.spawn_future_with_callback(catch_panic(fut), move |env, result| {
        let raw = env.raw();
        match result {
            Ok(value) => Ok(js::unknown(raw, done(raw, value)?)),
            Err(e) => Err(errors::to_napi(raw, e)),
        }
    })
}

/// Runs `fut`, turning a panic into a core error (a `DumboError` in JS). napi-rs
/// would otherwise reject with a plain `Error('Panic in async function')`, which
/// no `instanceof DumboError` check recognises; the runtime and the pool go on
/// either way.
///
/// `fut` is boxed here, before the wrappers that carry it to the loop or the
/// runtime move it: a statement's future is several KiB, and every move of it
/// unboxed is a copy of the whole state.
pub(super) fn catch_panic<T, F>(
    fut: F,
) -> impl Future<Output = Result<std::result::Result<T, CoreError>>> + Send + 'static
where
    T: Send + 'static,
    F: Future<Output = std::result::Result<T, CoreError>> + Send + 'static,
{
    let mut fut = Box::pin(fut);
    async move {
        let outcome = std::future::poll_fn(|cx| {
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
                Ok(poll) => poll,
                Err(payload) => std::task::Poll::Ready(Err(panic_error(payload.as_ref()))),
            }
        })
        .await;
        Ok(outcome)
    }
}

/// The `DumboError` for a panic's payload.
pub fn panic_error(payload: &(dyn std::any::Any + Send)) -> CoreError {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    CoreError::native_panic(&what)
}

/// A class instance (`PgConnection`) as a raw value, for `spawn`'s `done`.
pub fn instance<T: ToNapiValue>(env: js::Env, value: T) -> Result<js::Value> {
    // SAFETY: called on the JS thread inside a napi callback scope.
    unsafe { T::to_napi_value(env, value) }
}
