//! `DeferredPool`: what `dumbo()` returns while the connector's plugin is not loaded.

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_core::deferred::{Close, Deferred};
use napi::bindgen_prelude::{ToNapiValue, Unknown};
use napi::{Env, JsValue, Result};

use super::executor::DeferredExecutor;
use super::source::{args, closed_error, forward_async, PoolCore, Source, TxCore};
use super::transaction::DeferredTransaction;
use crate::js::{self, JsRef, Value};
use crate::registry::Shared;

#[napi_derive::napi]
pub struct DeferredPool {
    core: Rc<PoolCore>,
}

/// Builds a deferred pool object with its `execute` property.
pub fn create_deferred_pool(
    env: js::Env,
    registry: Shared,
    connector: String,
    options: Value,
) -> Result<Value> {
    let core = Rc::new(PoolCore {
        connector,
        options: JsRef::new(env, options)?,
        registry,
        state: RefCell::new(Deferred::Idle),
        owner: RefCell::new(None),
    });
    let executor = DeferredExecutor {
        source: Source::Pool(core.clone()),
    };
    // SAFETY: class instances are created on the JS thread of `env`.
    let pool = unsafe { ToNapiValue::to_napi_value(env, DeferredPool { core: core.clone() }) }?;
    let exec = unsafe { ToNapiValue::to_napi_value(env, executor) }?;
    js::set(env, pool, c"execute", exec)?;
    *core.owner.borrow_mut() = Some(JsRef::weak(env, pool)?);
    Ok(pool)
}

impl DeferredPool {
    fn source(&self) -> Source {
        Source::Pool(self.core.clone())
    }

    fn forward<'a>(
        &self,
        env: &'a Env,
        method: &'static std::ffi::CStr,
        given: &[Option<Value>],
    ) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let a = args(raw, given)?;
        Ok(js::unknown(
            raw,
            forward_async(raw, &self.source(), None, method, &a)?,
        ))
    }
}

#[napi_derive::napi]
impl DeferredPool {
    #[napi(getter)]
    pub fn driver_type(&self) -> String {
        self.core.connector.clone()
    }

    /// Whether the real pool has been created (for diagnostics and tests).
    #[napi(getter)]
    pub fn is_loaded(&self) -> bool {
        matches!(self.core.ready(), Ok(Some(_)))
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn connection<'a>(
        &self,
        env: &'a Env,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.forward(env, c"connection", &[options.map(|o| o.raw())])
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn with_connection<'a>(
        &self,
        env: &'a Env,
        handle: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.forward(
            env,
            c"withConnection",
            &[Some(handle.raw()), options.map(|o| o.raw())],
        )
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn with_transaction<'a>(
        &self,
        env: &'a Env,
        handle: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.forward(
            env,
            c"withTransaction",
            &[Some(handle.raw()), options.map(|o| o.raw())],
        )
    }

    /// Synchronous, as upstream: the real transaction when the pool is loaded,
    /// otherwise a deferred one whose methods wait for it.
    #[napi(catch_unwind)]
    pub fn transaction<'a>(
        &self,
        env: &'a Env,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        let raw = env.raw();
        if self.core.state.borrow().is_closed() {
            return Err(js::error_from_value(raw, closed_error(raw)?));
        }
        let opts = options.map(|o| o.raw());
        if let Some(pool) = self.core.ready()? {
            let a = args(raw, &[opts])?;
            return Ok(js::unknown(
                raw,
                js::call_method(raw, pool, c"transaction", &a)?,
            ));
        }
        let options = match opts {
            Some(o) => Some(JsRef::new(raw, o)?),
            None => None,
        };
        let tx = Rc::new(TxCore {
            pool: self.core.clone(),
            options,
            real: RefCell::new(None),
            pending: RefCell::new(None),
        });
        let source = Source::Transaction(tx);
        let exec = DeferredExecutor {
            source: source.clone(),
        };
        // SAFETY: created on this env's JS thread.
        let tx_obj = unsafe { ToNapiValue::to_napi_value(raw, DeferredTransaction { source }) }?;
        let exec_obj = unsafe { ToNapiValue::to_napi_value(raw, exec) }?;
        js::set(raw, tx_obj, c"execute", exec_obj)?;
        Ok(js::unknown(raw, tx_obj))
    }

    /// Closes the real pool if one was created; before first use nothing is loaded.
    /// Idempotent; later calls reject with InvalidOperationError.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn close<'a>(&self, env: &'a Env, options: Option<Unknown<'a>>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let a = args(raw, &[options.map(|o| o.raw())])?;
        let action = self.core.state.borrow_mut().close();
        if matches!(action, Close::Value(_)) {
            self.core.restore_executor(raw)?;
        }
        let out = match action {
            Close::Nothing => js::promise_settled(raw, js::undefined(raw)?, true)?,
            Close::Value(pool) => {
                let p = pool.get()?;
                match js::call_method(raw, p, c"close", &a) {
                    Ok(v) => v,
                    Err(e) => js::reject_with(raw, e)?,
                }
            }
            Close::AfterLoad(waiting) => {
                let kept: Vec<JsRef> = a
                    .iter()
                    .map(|v| JsRef::new(raw, *v))
                    .collect::<Result<_>>()?;
                let closed = js::then(raw, waiting.get()?, move |env, pool| {
                    let a: Vec<Value> = kept.iter().map(JsRef::get).collect::<Result<_>>()?;
                    js::call_method(env, pool, c"close", &a)
                })?;
                // A load that failed has nothing to close.
                js::catch(raw, closed, |env, _| js::undefined(env))?
            }
        };
        Ok(js::unknown(raw, out))
    }
}
