//! What a deferred object stands for: the real pool (loaded once through the
//! registry) or a real transaction (created from the real pool on first use), and
//! the one way every deferred method reaches it ([`forward_async`]).

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_core::deferred::{Deferred, Use};
use dumbo_core::Error as CoreError;
use napi::bindgen_prelude::{
    FromNapiValue, Object, PromiseRaw, ToNapiValue, Unknown, WeakReference,
};
use napi::{Env, JsValue, Result};

use super::executor::DeferredExecutor;
use super::pool::DeferredPool;
use crate::errors;
use crate::interop::{self, call_method, type_error, Args, Held};
use crate::registry::{self, Shared};

pub struct PoolCore {
    pub connector: String,
    pub options: Held,
    pub registry: Shared,
    pub state: RefCell<Deferred<Held, Held>>,
    /// The deferred pool object itself, weakly (it owns this core: no cycle), so
    /// its `execute` property can be pointed at the real pool's executor.
    pub owner: RefCell<Option<WeakReference<DeferredPool>>>,
}

pub fn closed_error(env: &Env) -> napi::Error {
    errors::to_napi(
        env.raw(),
        CoreError::invalid_operation("Connection pool has been closed"),
    )
}

impl PoolCore {
    /// The real pool, if loaded.
    pub fn ready<'e>(&self, env: &'e Env) -> Result<Option<Object<'e>>> {
        match self.state.borrow().use_value() {
            Use::Ready(p) => p.object(env).map(Some),
            _ => Ok(None),
        }
    }

    /// Sets the deferred pool object's `execute` (a plain data property: statements
    /// read it at the cost of any property, which keeps automatic mode as fast as
    /// direct mode). Nothing to do once the object was garbage-collected.
    fn set_execute<V: ToNapiValue>(&self, env: &Env, value: V) -> Result<()> {
        let Some(owner) = self.owner.borrow().as_ref().map(|w| w.upgrade(*env)) else {
            return Ok(());
        };
        let Some(owner) = owner? else {
            return Ok(());
        };
        let owner = owner.into_unknown(env)?;
        if owner.raw().is_null() {
            return Ok(());
        }
        Object::from_unknown(owner)?.set("execute", value)
    }

    /// From now on `deferredPool.execute` is the real pool's executor (an executor
    /// taken earlier still forwards).
    fn adopt_executor(&self, env: &Env, pool: &Object<'_>) -> Result<()> {
        if let Some(real) = pool.get::<Unknown>("execute")? {
            if interop::is_object(&real)? {
                self.set_execute(env, real)?;
            }
        }
        Ok(())
    }

    /// After `close()`: `execute` is a deferred executor again, which rejects every
    /// call with the pool's "closed" error whatever the real pool would do.
    pub fn restore_executor(self: &Rc<Self>, env: &Env) -> Result<()> {
        self.set_execute(
            env,
            DeferredExecutor {
                source: Source::Pool(self.clone()),
            },
        )
    }

    /// A promise of the real pool: resolves the plugin and creates the pool once,
    /// however many callers race; a failure rejects them all and the next use retries.
    pub fn when_ready<'a>(self: &Rc<Self>, env: &'a Env) -> Result<PromiseRaw<'a, Unknown<'a>>> {
        match self.state.borrow().use_value() {
            Use::Ready(p) => return PromiseRaw::resolve(env, p.get(env)?),
            Use::Wait(w) => return PromiseRaw::from_unknown(w.get(env)?),
            Use::Closed => return PromiseRaw::reject(env, closed_error(env)),
            Use::Load => {}
        }
        let plugin = registry::resolve(env, &self.registry, &self.connector)?;
        let me = self.clone();
        let created = interop::then(env, &plugin, move |env, plugin| {
            let options = me.options.get(env)?;
            let pool = call_method(env, &Object::from_unknown(plugin)?, "createPool", options)?;
            if !interop::is_object(&pool)? {
                return Err(type_error(
                    env,
                    &format!(
                        "createPool of plugin '{}' did not return a pool object",
                        me.connector
                    ),
                ));
            }
            // If the pool was closed while loading, `close()` closes this late pool.
            let closed_meanwhile = me.state.borrow_mut().loaded(Held::new(env, &pool)?);
            if closed_meanwhile.is_none() {
                me.adopt_executor(env, &Object::from_unknown(pool)?)?;
            }
            Ok(pool)
        })?;
        let me = self.clone();
        let guarded = interop::catch(env, &created, move |env, reason| {
            me.state.borrow_mut().failed();
            let err = CoreError::new(
                dumbo_core::ErrorKind::Dumbo,
                format!(
                    "Failed to load plugin for connector {}: {}",
                    me.connector,
                    message_of(&reason)
                ),
            );
            Err(errors::to_napi_with_cause(env.raw(), err, reason.raw()))
        })?;
        self.state.borrow_mut().loading(Held::of(env, &guarded)?);
        Ok(guarded)
    }
}

/// The reason's `message`, or the reason as a string.
fn message_of(reason: &Unknown<'_>) -> String {
    if interop::is_object(reason).unwrap_or(false) {
        if let Ok(Some(m)) =
            Object::from_unknown(*reason).and_then(|o| interop::string_field(&o, "message"))
        {
            return m;
        }
    }
    reason
        .coerce_to_string()
        .and_then(|s| s.into_utf8())
        .and_then(|s| s.into_owned())
        .unwrap_or_else(|_| String::from("unknown error"))
}

pub struct TxCore {
    pub pool: Rc<PoolCore>,
    pub options: Option<Held>,
    pub real: RefCell<Option<Held>>,
    pub pending: RefCell<Option<Held>>,
}

impl TxCore {
    pub fn ready<'e>(&self, env: &'e Env) -> Result<Option<Object<'e>>> {
        match &*self.real.borrow() {
            Some(t) => t.object(env).map(Some),
            None => Ok(None),
        }
    }

    /// A promise of the real transaction, created with `realPool.transaction(options)`.
    pub fn when_ready<'a>(self: &Rc<Self>, env: &'a Env) -> Result<PromiseRaw<'a, Unknown<'a>>> {
        if let Some(t) = &*self.real.borrow() {
            return PromiseRaw::resolve(env, t.get(env)?);
        }
        if let Some(p) = &*self.pending.borrow() {
            return PromiseRaw::from_unknown(p.get(env)?);
        }
        let pool = self.pool.when_ready(env)?;
        let me = self.clone();
        let created = interop::then(env, &pool, move |env, pool| {
            let options = match &me.options {
                Some(o) => vec![Some(o.get(env)?)],
                None => vec![],
            };
            let args = Args::new(env, &options)?;
            let tx = call_method(env, &Object::from_unknown(pool)?, "transaction", args)?;
            *me.real.borrow_mut() = Some(Held::new(env, &tx)?);
            Ok(tx)
        })?;
        let me = self.clone();
        let guarded = interop::catch(env, &created, move |_, reason| {
            *me.pending.borrow_mut() = None;
            Err(reason.into())
        })?;
        *self.pending.borrow_mut() = Some(Held::of(env, &guarded)?);
        Ok(guarded)
    }
}

/// The object a deferred call is forwarded to.
#[derive(Clone)]
pub enum Source {
    Pool(Rc<PoolCore>),
    Transaction(Rc<TxCore>),
}

impl Source {
    fn ready<'e>(&self, env: &'e Env) -> Result<Option<Object<'e>>> {
        match self {
            Source::Pool(p) => p.ready(env),
            Source::Transaction(t) => t.ready(env),
        }
    }

    fn when_ready<'a>(&self, env: &'a Env) -> Result<PromiseRaw<'a, Unknown<'a>>> {
        match self {
            Source::Pool(p) => p.when_ready(env),
            Source::Transaction(t) => t.when_ready(env),
        }
    }

    pub fn driver_type(&self) -> &str {
        match self {
            Source::Pool(p) => &p.connector,
            Source::Transaction(t) => &t.pool.connector,
        }
    }
}

/// `target[via]` (e.g. the pool's `execute`), or the target itself.
fn through<'e>(target: Object<'e>, via: Option<&str>) -> Result<Object<'e>> {
    match via {
        Some(p) => match target.get::<Object>(p)? {
            Some(o) => Ok(o),
            None => Err(napi::Error::from_reason(format!("{p} is undefined"))),
        },
        None => Ok(target),
    }
}

/// Calls `target[method](...args)` now if the target exists, else once it does.
fn forward<'a>(
    env: &'a Env,
    source: &Source,
    via: Option<&'static str>,
    method: &'static str,
    args: Args<'a>,
) -> Result<Unknown<'a>> {
    if let Some(target) = source.ready(env)? {
        return call_method(env, &through(target, via)?, method, args);
    }
    let promise = source.when_ready(env)?;
    let kept = args.hold(env)?;
    let next = interop::then(env, &promise, move |env, target| {
        let target = through(Object::from_unknown(target)?, via)?;
        call_method(env, &target, method, Args::from_held(env, &kept)?)
    })?;
    Ok(next.to_unknown())
}

/// `forward`, with a synchronous throw turned into a rejected promise (deferred
/// methods are async and never throw synchronously).
pub fn forward_async<'a>(
    env: &'a Env,
    source: &Source,
    via: Option<&'static str>,
    method: &'static str,
    args: Args<'a>,
) -> Result<Unknown<'a>> {
    match forward(env, source, via, method, args) {
        Ok(v) => Ok(v),
        Err(e) => Ok(PromiseRaw::<Unknown>::reject(env, e)?.to_unknown()),
    }
}

/// The deferred methods that only pass their arguments on: one body for all of
/// them. `name => "jsName" (required, ...; optional, ...) "TS arguments" -> "TS result"`.
macro_rules! forwarding_methods {
    ($ty:ident via $via:expr; $( $(#[$attr:meta])* $name:ident => $js:tt ( $($req:ident),* ; $($opt:ident),* ) $ts_args:tt -> $ret:tt ; )* ) => {
        #[napi_derive::napi]
        impl $ty {
            $(
                $(#[$attr])*
                #[napi(catch_unwind, ts_args_type = $ts_args, ts_return_type = $ret)]
                pub fn $name<'a>(
                    &self,
                    env: &'a napi::Env,
                    $($req: napi::bindgen_prelude::Unknown<'a>,)*
                    $($opt: Option<napi::bindgen_prelude::Unknown<'a>>,)*
                ) -> napi::Result<napi::bindgen_prelude::Unknown<'a>> {
                    let args = $crate::interop::Args::new(env, &[$(Some($req),)* $($opt,)*])?;
                    $crate::deferred::source::forward_async(env, &self.source(), $via, $js, args)
                }
            )*
        }
    };
}
pub(crate) use forwarding_methods;
