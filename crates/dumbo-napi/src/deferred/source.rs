//! What a deferred object stands for: the real pool (loaded once through the
//! registry) or a real transaction (created from the real pool on first use).

use std::cell::RefCell;
use std::ffi::CStr;
use std::rc::Rc;

use dumbo_core::deferred::{Deferred, Use};
use dumbo_core::Error as CoreError;
use napi::Result;

use super::executor::DeferredExecutor;
use crate::errors;
use crate::js::{self, Env, JsRef, Value};
use crate::registry::{self, Shared};

pub struct PoolCore {
    pub connector: String,
    pub options: JsRef,
    pub registry: Shared,
    pub state: RefCell<Deferred<JsRef, JsRef>>,
    /// Weak reference to the deferred pool object itself (weak, so no cycle).
    pub owner: RefCell<Option<JsRef>>,
}

pub fn closed_error(env: Env) -> Result<Value> {
    errors::error_object(
        env,
        &CoreError::invalid_operation("Connection pool has been closed"),
        None,
    )
}

impl PoolCore {
    /// The real pool, if loaded.
    pub fn ready(&self) -> Result<Option<Value>> {
        match self.state.borrow().use_value() {
            Use::Ready(p) => Ok(Some(p.get()?)),
            _ => Ok(None),
        }
    }

    /// From now on `deferredPool.execute` is the real pool's executor: statements no
    /// longer pass through the deferred layer (an executor taken earlier still
    /// forwards). This is what keeps automatic mode as fast as direct mode.
    fn adopt_executor(&self, env: Env, pool: Value) -> Result<()> {
        let owner = match &*self.owner.borrow() {
            Some(weak) => weak.get_weak()?,
            None => None,
        };
        if let Some(owner) = owner {
            let real = js::get(env, pool, c"execute")?;
            if js::is_object(env, real)? {
                js::set(env, owner, c"execute", real)?;
            }
        }
        Ok(())
    }

    /// After `close()`: `execute` is a deferred executor again, which rejects every call
    /// with the pool's "closed" error whatever the real pool would do.
    pub fn restore_executor(self: &Rc<Self>, env: Env) -> Result<()> {
        let owner = match &*self.owner.borrow() {
            Some(weak) => weak.get_weak()?,
            None => None,
        };
        if let Some(owner) = owner {
            let exec = DeferredExecutor {
                source: Source::Pool(self.clone()),
            };
            // SAFETY: created on this env's JS thread.
            let exec = unsafe { napi::bindgen_prelude::ToNapiValue::to_napi_value(env, exec) }?;
            js::set(env, owner, c"execute", exec)?;
        }
        Ok(())
    }

    /// A promise of the real pool: resolves the plugin and creates the pool once,
    /// however many callers race; a failure rejects them all and the next use retries.
    pub fn when_ready(self: &Rc<Self>, env: Env) -> Result<Value> {
        enum Step {
            Have(Value),
            Wait(Value),
            Load,
            Closed,
        }
        let step = match self.state.borrow().use_value() {
            Use::Ready(p) => Step::Have(p.get()?),
            Use::Wait(w) => Step::Wait(w.get()?),
            Use::Load => Step::Load,
            Use::Closed => Step::Closed,
        };
        match step {
            Step::Have(p) => return js::promise_settled(env, p, true),
            Step::Wait(w) => return Ok(w),
            Step::Closed => return js::promise_settled(env, closed_error(env)?, false),
            Step::Load => {}
        }
        let plugin = registry::resolve(env, &self.registry, &self.connector)?;
        let me = self.clone();
        let created = js::then(env, plugin, move |env, plugin| {
            let options = me.options.get()?;
            let pool = js::call_method(env, plugin, c"createPool", &[options])?;
            if !js::is_object(env, pool)? {
                return Err(js::type_error(
                    env,
                    &format!(
                        "createPool of plugin '{}' did not return a pool object",
                        me.connector
                    ),
                ));
            }
            // If the pool was closed while loading, `close()` closes this late pool.
            let closed_meanwhile = me.state.borrow_mut().loaded(JsRef::new(env, pool)?);
            if closed_meanwhile.is_none() {
                me.adopt_executor(env, pool)?;
            }
            Ok(pool)
        })?;
        let me = self.clone();
        let guarded = js::catch(env, created, move |env, reason| {
            me.state.borrow_mut().failed();
            let err = CoreError::new(
                dumbo_core::ErrorKind::Dumbo,
                format!(
                    "Failed to load plugin for connector {}: {}",
                    me.connector,
                    message_of(env, reason)
                ),
            );
            Err(errors::to_napi_with_cause(env, err, reason))
        })?;
        self.state.borrow_mut().loading(JsRef::new(env, guarded)?);
        Ok(guarded)
    }
}

fn message_of(env: Env, reason: Value) -> String {
    if js::is_object(env, reason).unwrap_or(false) {
        if let Ok(Some(m)) = js::get_string_opt(env, reason, c"message") {
            return m;
        }
    }
    let mut s = std::ptr::null_mut();
    // SAFETY: plain coercion on the JS thread.
    if unsafe { napi::sys::napi_coerce_to_string(env, reason, &mut s) }
        == napi::sys::Status::napi_ok
    {
        if let Ok(m) = js::string(env, s) {
            return m;
        }
    }
    String::from("unknown error")
}

pub struct TxCore {
    pub pool: Rc<PoolCore>,
    pub options: Option<JsRef>,
    pub real: RefCell<Option<JsRef>>,
    pub pending: RefCell<Option<JsRef>>,
}

impl TxCore {
    pub fn ready(&self) -> Result<Option<Value>> {
        match &*self.real.borrow() {
            Some(t) => Ok(Some(t.get()?)),
            None => Ok(None),
        }
    }

    /// A promise of the real transaction, created with `realPool.transaction(options)`.
    pub fn when_ready(self: &Rc<Self>, env: Env) -> Result<Value> {
        if let Some(t) = self.ready()? {
            return js::promise_settled(env, t, true);
        }
        if let Some(p) = &*self.pending.borrow() {
            return p.get();
        }
        let pool = self.pool.when_ready(env)?;
        let me = self.clone();
        let created = js::then(env, pool, move |env, pool| {
            let args = match &me.options {
                Some(o) => vec![o.get()?],
                None => vec![],
            };
            let tx = js::call_method(env, pool, c"transaction", &args)?;
            *me.real.borrow_mut() = Some(JsRef::new(env, tx)?);
            Ok(tx)
        })?;
        let me = self.clone();
        let guarded = js::catch(env, created, move |env, reason| {
            *me.pending.borrow_mut() = None;
            Err(js::error_from_value(env, reason))
        })?;
        *self.pending.borrow_mut() = Some(JsRef::new(env, guarded)?);
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
    pub fn ready(&self) -> Result<Option<Value>> {
        match self {
            Source::Pool(p) => p.ready(),
            Source::Transaction(t) => t.ready(),
        }
    }

    pub fn when_ready(&self, env: Env) -> Result<Value> {
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

/// Calls `target[method](...args)` now if the target exists, else once it does.
/// `via` names an intermediate property (e.g. `execute`) to call the method on.
pub fn forward(
    env: Env,
    source: &Source,
    via: Option<&'static CStr>,
    method: &'static CStr,
    args: &[Value],
) -> Result<Value> {
    if let Some(target) = source.ready()? {
        let target = match via {
            Some(p) => js::get(env, target, p)?,
            None => target,
        };
        return js::call_method(env, target, method, args);
    }
    let promise = source.when_ready(env)?;
    let kept: Vec<JsRef> = args
        .iter()
        .map(|a| JsRef::new(env, *a))
        .collect::<Result<_>>()?;
    js::then(env, promise, move |env, target| {
        let target = match via {
            Some(p) => js::get(env, target, p)?,
            None => target,
        };
        let args: Vec<Value> = kept.iter().map(JsRef::get).collect::<Result<_>>()?;
        js::call_method(env, target, method, &args)
    })
}

/// Like `forward`, but a synchronous throw becomes a rejected promise
/// (deferred methods are async and must never throw synchronously).
pub fn forward_async(
    env: Env,
    source: &Source,
    via: Option<&'static CStr>,
    method: &'static CStr,
    args: &[Value],
) -> Result<Value> {
    match forward(env, source, via, method, args) {
        Ok(v) => Ok(v),
        Err(e) => js::reject_with(env, e),
    }
}

/// Collects optional trailing arguments, keeping `undefined` holes in place.
pub fn args(env: Env, given: &[Option<Value>]) -> Result<Vec<Value>> {
    let last = given.iter().rposition(Option::is_some);
    let Some(last) = last else {
        return Ok(Vec::new());
    };
    given[..=last]
        .iter()
        .map(|a| match a {
            Some(v) => Ok(*v),
            None => js::undefined(env),
        })
        .collect()
}
