//! `DeferredPool`: what `dumbo()` returns while the connector's plugin is not loaded.

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_core::deferred::{Close, Deferred};
use napi::bindgen_prelude::FromNapiValue;
use napi::bindgen_prelude::{JavaScriptClassExt, Object, PromiseRaw, ToNapiValue, Unknown};
use napi::{Env, JsValue, Result};

use super::executor::DeferredExecutor;
use super::source::{closed_error, forwarding_methods, PoolCore, Source, TxCore};
use super::transaction::DeferredTransaction;
use crate::interop::{self, call_method, Args, Held};
use crate::registry::Shared;

#[napi_derive::napi]
pub struct DeferredPool {
    core: Rc<PoolCore>,
}

impl DeferredPool {
    /// The deferred pool object, with `execute` set to a deferred executor.
    pub(crate) fn create<'a>(
        env: &'a Env,
        registry: Shared,
        connector: String,
        options: &Object<'_>,
    ) -> Result<Unknown<'a>> {
        let core = Rc::new(PoolCore {
            connector,
            options: Held::of(env, options)?,
            registry,
            state: RefCell::new(Deferred::Idle),
            owner: RefCell::new(None),
        });
        let pool = DeferredPool { core: core.clone() }.into_reference(*env)?;
        *core.owner.borrow_mut() = Some(pool.downgrade());
        let mut object = Object::from_unknown(pool.into_unknown(env)?)?;
        object.set(
            "execute",
            DeferredExecutor {
                source: Source::Pool(core),
            },
        )?;
        Ok(object.to_unknown())
    }

    fn source(&self) -> Source {
        Source::Pool(self.core.clone())
    }
}

forwarding_methods! { DeferredPool via None;
    connection => "connection" (; options) "options?: object" -> "Promise<any>";
    with_connection => "withConnection" (handle; options) "handle: (value: any) => unknown, options?: object" -> "Promise<any>";
    with_transaction => "withTransaction" (handle; options) "handle: (value: any) => unknown, options?: object" -> "Promise<any>";
}

#[napi_derive::napi]
impl DeferredPool {
    #[napi(getter)]
    pub fn driver_type(&self) -> String {
        self.core.connector.clone()
    }

    /// Whether the real pool has been created (for diagnostics and tests).
    #[napi(getter)]
    pub fn is_loaded(&self, env: &Env) -> bool {
        matches!(self.core.ready(env), Ok(Some(_)))
    }

    /// Synchronous, as upstream: the real transaction when the pool is loaded,
    /// otherwise a deferred one whose methods wait for it.
    #[napi(
        catch_unwind,
        ts_args_type = "options?: object",
        ts_return_type = "DeferredTransaction"
    )]
    pub fn transaction<'a>(
        &self,
        env: &'a Env,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        if self.core.state.borrow().is_closed() {
            return Err(closed_error(env));
        }
        if let Some(pool) = self.core.ready(env)? {
            return call_method(env, &pool, "transaction", Args::new(env, &[options])?);
        }
        let options = match options {
            Some(o) => Some(Held::new(env, &o)?),
            None => None,
        };
        let source = Source::Transaction(Rc::new(TxCore {
            pool: self.core.clone(),
            options,
            real: RefCell::new(None),
            pending: RefCell::new(None),
        }));
        let execute = DeferredExecutor {
            source: source.clone(),
        };
        let tx = DeferredTransaction { source }.into_instance(env)?;
        let mut object = tx.as_object(env);
        object.set("execute", execute)?;
        Ok(object.to_unknown())
    }

    /// Closes the real pool if one was created; before first use nothing is loaded.
    /// Idempotent; later calls reject with InvalidOperationError.
    #[napi(
        catch_unwind,
        ts_args_type = "options?: object",
        ts_return_type = "Promise<void>"
    )]
    pub fn close<'a>(&self, env: &'a Env, options: Option<Unknown<'a>>) -> Result<Unknown<'a>> {
        let args = Args::new(env, &[options])?;
        let action = self.core.state.borrow_mut().close();
        if matches!(action, Close::Value(_)) {
            self.core.restore_executor(env)?;
        }
        let out = match action {
            Close::Nothing => PromiseRaw::resolve(env, ())?.to_unknown(),
            Close::Value(pool) => {
                let closed = call_method(env, &pool.object(env)?, "close", args);
                match closed {
                    Ok(v) => v,
                    Err(e) => PromiseRaw::<Unknown>::reject(env, e)?.to_unknown(),
                }
            }
            Close::AfterLoad(waiting) => {
                let kept = args.hold(env)?;
                let waiting = PromiseRaw::from_unknown(waiting.get(env)?)?;
                let closed = interop::then(env, &waiting, move |env, pool| {
                    let pool = Object::from_unknown(pool)?;
                    call_method(env, &pool, "close", Args::from_held(env, &kept)?)
                })?;
                // A load that failed has nothing to close.
                interop::catch(env, &closed, |env, _| ().into_unknown(env))?.to_unknown()
            }
        };
        Ok(out)
    }
}
