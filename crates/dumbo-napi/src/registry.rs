//! `NativePluginRegistry`: the plugin registry of one JS thread (RFC 4.1.2), holding
//! JS plugin objects and lazy loaders, with the rules of `dumbo_core::registry`.
//! Also home of `dumbo()`'s connector choice, which reads the registry.

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_core::connection_string::detect_connector;
use dumbo_core::registry::{self as rules, Entry, Registered, Registry};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};

use crate::deferred::pool::create_deferred_pool;
use crate::driver_selection::{driver_type_for, pick_connector, pool_of_driver};
use crate::errors;
use crate::js::{self, JsRef, Value};

pub(crate) type State = Registry<JsRef, JsRef, JsRef>;

/// The registry state shared with the deferred pools it creates.
pub(crate) struct RegistryShared {
    pub(crate) rules: RefCell<State>,
    /// `(connector) => registry` handed to a plugin's `onRegister` hook.
    extensions_for: Option<JsRef>,
}

pub(crate) type Shared = Rc<RegistryShared>;

#[napi_derive::napi]
pub struct NativePluginRegistry {
    state: Shared,
}

/// Checks a plugin object's shape; a TypeError names what is wrong. A plugin names
/// its key as the RFC's `connector`, upstream's `driverType`, or both (then equal).
fn validate_plugin(env: js::Env, connector: &str, plugin: Value) -> Result<()> {
    if !js::is_object(env, plugin)? {
        return Err(js::type_error(
            env,
            &format!("Plugin for connector '{connector}' must be an object"),
        ));
    }
    let named = [
        ("connector", js::get_string_opt(env, plugin, c"connector")?),
        (
            "driverType",
            js::get_string_opt(env, plugin, c"driverType")?,
        ),
    ];
    if named.iter().all(|(_, v)| v.is_none()) {
        return Err(js::type_error(
            env,
            &format!(
                "Plugin for connector '{connector}' has no connector string (nor a driverType)"
            ),
        ));
    }
    for (field, value) in named {
        if let Some(v) = value.filter(|v| v != connector) {
            let label = if field == "connector" {
                "connector"
            } else {
                "driverType"
            };
            return Err(js::type_error(
                env,
                &format!("Plugin {label} '{v}' does not match the connector it is registered for: '{connector}'"),
            ));
        }
    }
    if !js::is_function(env, js::get(env, plugin, c"createPool")?)? {
        return Err(js::type_error(
            env,
            &format!("Plugin for connector '{connector}' has no createPool function"),
        ));
    }
    Ok(())
}

/// Calls the plugin's `onRegister(registry)` hook, if any, with the extension
/// registry for its connector.
fn run_on_register(env: js::Env, state: &Shared, connector: &str, plugin: Value) -> Result<()> {
    let hook = js::get(env, plugin, c"onRegister")?;
    if !js::is_function(env, hook)? {
        return Ok(());
    }
    let Some(extensions_for) = &state.extensions_for else {
        return Ok(());
    };
    let connector = js::create_string(env, connector)?;
    let ext = js::call(
        env,
        js::undefined(env)?,
        extensions_for.get()?,
        &[connector],
    )?;
    js::call(env, plugin, hook, &[ext])?;
    Ok(())
}

/// Stores a loaded plugin under the registry's rules.
fn register_concrete(env: js::Env, state: &Shared, connector: &str, plugin: Value) -> Result<bool> {
    validate_plugin(env, connector, plugin)?;
    let r = JsRef::new(env, plugin)?;
    let outcome = state.rules.borrow_mut().register_concrete(connector, r, |a, b| {
        matches!((a.get(), b.get()), (Ok(x), Ok(y)) if js::strict_equals(env, x, y).unwrap_or(false))
    });
    match outcome {
        Ok(Registered::Unchanged) => Ok(false),
        Ok(_) => Ok(true),
        Err(e) => Err(errors::to_napi(env, e)),
    }
}

/// `resolve(connector)`: a promise of the loaded plugin; runs a lazy loader once.
pub(crate) fn resolve(env: js::Env, state: &Shared, connector: &str) -> Result<Value> {
    enum Next {
        Done(Value),
        Load(Value),
    }
    let next = {
        let reg = state.rules.borrow();
        match reg.entry(connector) {
            None | Some(Entry::Vacant) => {
                let err = errors::error_object(env, &rules::not_registered(connector), None)?;
                return js::promise_settled(env, err, false);
            }
            Some(Entry::Concrete(p)) => Next::Done(p.get()?),
            Some(Entry::Loading(_, w)) => return w.get(),
            Some(Entry::Lazy(loader)) => Next::Load(loader.get()?),
        }
    };
    let loader = match next {
        Next::Done(p) => return js::promise_settled(env, p, true),
        Next::Load(l) => l,
    };
    let produced = match js::call(env, js::undefined(env)?, loader, &[]) {
        Ok(v) => v,
        Err(e) => return js::reject_with(env, e),
    };
    let as_promise = if js::is_thenable(env, produced)? {
        // Normalise foreign thenables into a real promise.
        let global = js::global(env)?;
        let promise_ctor = js::get(env, global, c"Promise")?;
        js::call_method(env, promise_ctor, c"resolve", &[produced])?
    } else {
        js::promise_settled(env, produced, true)?
    };
    let (s1, c1) = (state.clone(), connector.to_owned());
    let loaded = js::then(env, as_promise, move |env, plugin| {
        // A module namespace or wrapper may be returned; the plugin itself is required.
        register_concrete(env, &s1, &c1, plugin)?;
        run_on_register(env, &s1, &c1, plugin)?;
        Ok(plugin)
    })?;
    let (s2, c2) = (state.clone(), connector.to_owned());
    let guarded = js::catch(env, loaded, move |env, reason| {
        s2.rules.borrow_mut().loading_failed(&c2);
        Err(js::error_from_value(env, reason))
    })?;
    let waiter = JsRef::new(env, guarded)?;
    if let Err(w) = state.rules.borrow_mut().start_loading(connector, waiter) {
        drop(w);
    }
    Ok(guarded)
}

#[napi_derive::napi]
impl NativePluginRegistry {
    /// `extensionsFor(connector)` returns the registry a plugin's `onRegister` hook gets.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, extensions_for: Option<Unknown<'_>>) -> Result<Self> {
        let raw = env.raw();
        let extensions_for = match extensions_for {
            Some(f) if js::is_function(raw, f.raw())? => Some(JsRef::new(raw, f.raw())?),
            Some(_) => return Err(js::type_error(raw, "extensionsFor must be a function")),
            None => None,
        };
        Ok(NativePluginRegistry {
            state: Rc::new(RegistryShared {
                rules: RefCell::new(Registry::default()),
                extensions_for,
            }),
        })
    }

    /// `register(connector, plugin | () => Promise<plugin>)`.
    #[napi(catch_unwind)]
    pub fn register(&self, env: &Env, connector: Unknown<'_>, plugin: Unknown<'_>) -> Result<()> {
        let env = env.raw();
        let c = connector.raw();
        if js::type_of(env, c)? != napi::sys::ValueType::napi_string {
            return Err(js::type_error(
                env,
                "Connector must be a string such as 'SQLite:sqlite3'",
            ));
        }
        let connector = js::string(env, c)?;
        rules::validate_connector(&connector).map_err(|m| js::type_error(env, &m))?;
        let p = plugin.raw();
        if js::is_function(env, p)? {
            let loader = JsRef::new(env, p)?;
            drop(
                self.state
                    .rules
                    .borrow_mut()
                    .register_lazy(&connector, loader),
            );
            return Ok(());
        }
        if !js::is_object(env, p)? {
            return Err(js::type_error(
                env,
                &format!("Plugin for connector '{connector}' must be a plugin object or a function returning a Promise of one"),
            ));
        }
        if register_concrete(env, &self.state, &connector, p)? {
            run_on_register(env, &self.state, &connector, p)?;
        }
        Ok(())
    }

    /// A promise of the plugin; rejects with NotRegisteredError when there is none.
    #[napi(catch_unwind, ts_return_type = "Promise<unknown>")]
    pub fn resolve<'a>(&self, env: &'a Env, connector: String) -> Result<Unknown<'a>> {
        let raw = env.raw();
        Ok(js::unknown(raw, resolve(raw, &self.state, &connector)?))
    }

    /// The plugin if it is already loaded, else `undefined`.
    #[napi(catch_unwind)]
    pub fn try_get_sync<'a>(&self, env: &'a Env, connector: String) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let v = match self.state.rules.borrow().try_get(&connector) {
            Some(p) => p.get()?,
            None => js::undefined(raw)?,
        };
        Ok(js::unknown(raw, v))
    }

    #[napi]
    pub fn list(&self) -> Vec<String> {
        self.state
            .rules
            .borrow()
            .list()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    #[napi]
    pub fn has(&self, connector: String) -> bool {
        self.state.rules.borrow().has(&connector)
    }

    /// `dumbo(options)`: the loaded plugin's pool directly, or a deferred pool.
    #[napi(catch_unwind)]
    pub fn dumbo<'a>(&self, env: &'a Env, options: Unknown<'a>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let opts = options.raw();
        if !js::is_object(raw, opts)? {
            return Err(js::type_error(
                raw,
                "dumbo(options) expects an options object",
            ));
        }
        let driver = js::get(raw, opts, c"driver")?;
        if !js::is_nullish(raw, driver)? {
            return Ok(js::unknown(raw, pool_of_driver(raw, opts, driver)?));
        }
        let connector = pick_connector(raw, &self.state, opts)?;
        if !self.state.rules.borrow().has(&connector) {
            return Err(errors::to_napi(raw, rules::no_driver_for(&connector)));
        }
        let loaded = match self.state.rules.borrow().try_get(&connector) {
            Some(p) => Some(p.get()?),
            None => None,
        };
        if let Some(plugin) = loaded {
            return Ok(js::unknown(
                raw,
                js::call_method(raw, plugin, c"createPool", &[opts])?,
            ));
        }
        let pool = create_deferred_pool(raw, self.state.clone(), connector, opts)?;
        Ok(js::unknown(raw, pool))
    }

    /// The registry key that serves `options` (a driver type string is taken as is),
    /// or `null`: upstream's `tryGet` / `tryResolve` lookup (see `driver_type_for`).
    #[napi(catch_unwind)]
    pub fn driver_type_for(&self, env: &Env, options: Unknown<'_>) -> Result<Option<String>> {
        driver_type_for(env.raw(), &self.state, options.raw())
    }
}

/// The built-in connector for a connection string (`'SQLite:sqlite3'`,
/// `'PostgreSQL:pg'`), or `null`.
#[napi_derive::napi(js_name = "detectConnector", catch_unwind)]
pub fn detect_builtin_connector(connection_string: String) -> Option<String> {
    detect_connector(&connection_string).map(str::to_owned)
}
