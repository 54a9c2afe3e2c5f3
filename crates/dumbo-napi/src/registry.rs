//! `NativePluginRegistry`: the plugin registry of one JS thread (RFC 4.1.2), holding
//! JS plugin objects and lazy loaders, with the rules of `dumbo_core::registry`.
//! Also home of `dumbo()`'s connector choice, which reads the registry.

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_core::connection_string::detect_connector;
use dumbo_core::registry::{self as rules, Entry, Registered, Registry};
use napi::bindgen_prelude::{
    FromNapiValue, Function, FunctionRef, Object, PromiseRaw, ToNapiValue, Unknown,
};
use napi::{Env, JsValue, Result, ValueType};

use crate::deferred::pool::DeferredPool;
use crate::driver_selection::{driver_type_for, pick_connector, pool_of_driver};
use crate::errors;
use crate::interop::{self, call_with_this, function_field, string_field, type_error, Held};

/// Plugins, lazy loaders and pending loads, all kept as JS values.
pub(crate) type State = Registry<Held, Held, Held>;

/// `(connector) => registry`, handed to a plugin's `onRegister` hook.
type ExtensionsFor = FunctionRef<String, Unknown<'static>>;

/// The registry state shared with the deferred pools it creates.
pub(crate) struct RegistryShared {
    pub(crate) rules: RefCell<State>,
    extensions_for: Option<ExtensionsFor>,
}

pub(crate) type Shared = Rc<RegistryShared>;

#[napi_derive::napi]
pub struct NativePluginRegistry {
    state: Shared,
}

/// Checks a plugin object's shape; a TypeError names what is wrong. A plugin names
/// its key as the RFC's `connector`, upstream's `driverType`, or both (then equal).
fn validate_plugin<'a>(env: &Env, connector: &str, plugin: Unknown<'a>) -> Result<Object<'a>> {
    if !interop::is_object(&plugin)? {
        return Err(type_error(
            env,
            &format!("Plugin for connector '{connector}' must be an object"),
        ));
    }
    let plugin = Object::from_unknown(plugin)?;
    let named = [
        ("connector", string_field(&plugin, "connector")?),
        ("driverType", string_field(&plugin, "driverType")?),
    ];
    if named.iter().all(|(_, v)| v.is_none()) {
        return Err(type_error(
            env,
            &format!(
                "Plugin for connector '{connector}' has no connector string (nor a driverType)"
            ),
        ));
    }
    for (field, value) in named {
        if let Some(v) = value.filter(|v| v != connector) {
            return Err(type_error(
                env,
                &format!("Plugin {field} '{v}' does not match the connector it is registered for: '{connector}'"),
            ));
        }
    }
    if function_field::<Unknown>(&plugin, "createPool")?.is_none() {
        return Err(type_error(
            env,
            &format!("Plugin for connector '{connector}' has no createPool function"),
        ));
    }
    Ok(plugin)
}

/// Calls the plugin's `onRegister(registry)` hook, if any, with the extension
/// registry for its connector.
fn run_on_register(env: &Env, state: &Shared, connector: &str, plugin: &Object<'_>) -> Result<()> {
    let Some(hook) = function_field(plugin, "onRegister")? else {
        return Ok(());
    };
    let Some(extensions_for) = &state.extensions_for else {
        return Ok(());
    };
    let ext = extensions_for
        .borrow_back(env)?
        .call(connector.to_owned())?;
    call_with_this(plugin, &hook, ext)?;
    Ok(())
}

/// Stores a loaded plugin under the registry's rules.
fn register_concrete(
    env: &Env,
    state: &Shared,
    connector: &str,
    plugin: &Object<'_>,
) -> Result<bool> {
    let held = Held::of(env, plugin)?;
    let outcome = state.rules.borrow_mut().register_concrete(connector, held, |a, b| {
        matches!((a.get(env), b.get(env)), (Ok(x), Ok(y)) if env.strict_equals(x, y).unwrap_or(false))
    });
    match outcome {
        Ok(Registered::Unchanged) => Ok(false),
        Ok(_) => Ok(true),
        Err(e) => Err(errors::to_napi(env.raw(), e)),
    }
}

/// `resolve(connector)`: a promise of the loaded plugin; runs a lazy loader once.
pub(crate) fn resolve<'a>(
    env: &'a Env,
    state: &Shared,
    connector: &str,
) -> Result<PromiseRaw<'a, Unknown<'a>>> {
    let loader = {
        let reg = state.rules.borrow();
        match reg.entry(connector) {
            None | Some(Entry::Vacant) => {
                let err = errors::to_napi(env.raw(), rules::not_registered(connector));
                return PromiseRaw::reject(env, err);
            }
            Some(Entry::Concrete(p)) => return PromiseRaw::resolve(env, p.get(env)?),
            Some(Entry::Loading(_, waiting)) => return PromiseRaw::from_unknown(waiting.get(env)?),
            Some(Entry::Lazy(loader)) => Function::<(), Unknown>::from_unknown(loader.get(env)?)?,
        }
    };
    // A loader may return a plugin, a promise of one or another thenable: resolving
    // a promise with it adopts whichever it is.
    let produced = interop::settled(env, loader.call(()))?;
    let as_promise = PromiseRaw::resolve(env, produced.to_unknown())?;
    let (s1, c1) = (state.clone(), connector.to_owned());
    let loaded = interop::then(env, &as_promise, move |env, plugin| {
        // A module namespace or wrapper may be returned; the plugin itself is required.
        let object = validate_plugin(env, &c1, plugin)?;
        register_concrete(env, &s1, &c1, &object)?;
        run_on_register(env, &s1, &c1, &object)?;
        Ok(plugin)
    })?;
    let (s2, c2) = (state.clone(), connector.to_owned());
    let guarded = interop::catch(env, &loaded, move |_, reason| {
        s2.rules.borrow_mut().loading_failed(&c2);
        Err(reason.into())
    })?;
    let waiter = Held::of(env, &guarded)?;
    if let Err(w) = state.rules.borrow_mut().start_loading(connector, waiter) {
        drop(w);
    }
    Ok(guarded)
}

#[napi_derive::napi]
impl NativePluginRegistry {
    /// `extensionsFor(connector)` returns the registry a plugin's `onRegister` hook gets.
    #[napi(
        constructor,
        catch_unwind,
        ts_args_type = "extensionsFor?: (connector: string) => unknown"
    )]
    pub fn new(env: &Env, extensions_for: Option<Unknown<'_>>) -> Result<Self> {
        let extensions_for = match extensions_for {
            Some(f) if interop::is_function(&f)? => Some(ExtensionsFor::from_unknown(f)?),
            Some(_) => return Err(type_error(env, "extensionsFor must be a function")),
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
    #[napi(
        catch_unwind,
        ts_args_type = "connector: string, plugin: object | (() => unknown)"
    )]
    pub fn register(&self, env: &Env, connector: Unknown<'_>, plugin: Unknown<'_>) -> Result<()> {
        if connector.get_type()? != ValueType::String {
            return Err(type_error(
                env,
                "Connector must be a string such as 'SQLite:sqlite3'",
            ));
        }
        let connector = String::from_unknown(connector)?;
        rules::validate_connector(&connector).map_err(|m| type_error(env, &m))?;
        if interop::is_function(&plugin)? {
            let loader = Held::new(env, &plugin)?;
            drop(
                self.state
                    .rules
                    .borrow_mut()
                    .register_lazy(&connector, loader),
            );
            return Ok(());
        }
        if !interop::is_object(&plugin)? {
            return Err(type_error(
                env,
                &format!("Plugin for connector '{connector}' must be a plugin object or a function returning a Promise of one"),
            ));
        }
        let plugin = validate_plugin(env, &connector, plugin)?;
        if register_concrete(env, &self.state, &connector, &plugin)? {
            run_on_register(env, &self.state, &connector, &plugin)?;
        }
        Ok(())
    }

    /// A promise of the plugin; rejects with NotRegisteredError when there is none.
    #[napi(catch_unwind, ts_return_type = "Promise<unknown>")]
    pub fn resolve<'a>(
        &self,
        env: &'a Env,
        connector: String,
    ) -> Result<PromiseRaw<'a, Unknown<'a>>> {
        resolve(env, &self.state, &connector)
    }

    /// The plugin if it is already loaded, else `undefined`.
    #[napi(catch_unwind, ts_return_type = "unknown")]
    pub fn try_get_sync<'a>(&self, env: &'a Env, connector: String) -> Result<Unknown<'a>> {
        match self.state.rules.borrow().try_get(&connector) {
            Some(p) => p.get(env),
            None => ().into_unknown(env),
        }
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
    #[napi(
        catch_unwind,
        ts_args_type = "options: object",
        ts_return_type = "unknown"
    )]
    pub fn dumbo<'a>(&self, env: &'a Env, options: Unknown<'a>) -> Result<Unknown<'a>> {
        if !interop::is_object(&options)? {
            return Err(type_error(env, "dumbo(options) expects an options object"));
        }
        let opts = Object::from_unknown(options)?;
        if let Some(driver) = opts.get::<Unknown>("driver")? {
            if !interop::is_nullish(&driver)? {
                return pool_of_driver(env, &opts, driver);
            }
        }
        let connector = pick_connector(env, &self.state, &opts)?;
        if !self.state.rules.borrow().has(&connector) {
            return Err(errors::to_napi(env.raw(), rules::no_driver_for(&connector)));
        }
        let loaded = match self.state.rules.borrow().try_get(&connector) {
            Some(p) => Some(p.object(env)?),
            None => None,
        };
        if let Some(plugin) = loaded {
            return interop::call_method(env, &plugin, "createPool", options);
        }
        DeferredPool::create(env, self.state.clone(), connector, &opts)
    }

    /// The registry key that serves `options` (a driver type string is taken as is),
    /// or `null`: upstream's `tryGet` / `tryResolve` lookup (see `driver_type_for`).
    #[napi(catch_unwind, ts_args_type = "options: string | object")]
    pub fn driver_type_for(&self, env: &Env, options: Unknown<'_>) -> Result<Option<String>> {
        driver_type_for(env, &self.state, options)
    }
}

/// The built-in connector for a connection string (`'SQLite:sqlite3'`,
/// `'PostgreSQL:pg'`), or `null`.
#[napi_derive::napi(js_name = "detectConnector", catch_unwind)]
pub fn detect_builtin_connector(connection_string: String) -> Option<String> {
    detect_connector(&connection_string).map(str::to_owned)
}
