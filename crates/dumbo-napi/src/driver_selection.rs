//! Which driver serves a set of connection options: `dumbo()`'s choice (upstream's
//! `driver` / `driverType`, the RFC's `connector`, `canHandle`, the built-in string
//! rules), the lookup behind `tryGet` / `tryResolve`, and `parseConnectionString`.

use dumbo_core::connection_string::{detect_connector, unsupported_connection_string};
use dumbo_core::Error as CoreError;
use napi::{Env, Result};

use crate::errors;
use crate::js::{self, Value};
use crate::registry::Shared;

/// The driver type `options` name: upstream's `driverType` or the RFC's `connector`
/// (both given, they must agree). Nullish reads as absent, as upstream's lookup does.
fn explicit_driver_type(env: js::Env, options: Value) -> Result<Option<String>> {
    let mut found: Option<(&str, String)> = None;
    for (field, name, what) in [
        ("driverType", c"driverType", "a driver type"),
        ("connector", c"connector", "a connector name"),
    ] {
        let v = js::get(env, options, name)?;
        if js::is_nullish(env, v)? {
            continue;
        }
        if js::type_of(env, v)? != napi::sys::ValueType::napi_string {
            return Err(js::type_error(
                env,
                &format!("dumbo() option '{field}' must be {what} such as 'SQLite:sqlite3'"),
            ));
        }
        let v = js::string(env, v)?;
        if let Some((first, prev)) = &found {
            if *prev != v {
                return Err(errors::to_napi(
                    env,
                    CoreError::invalid_operation(format!(
                        "dumbo() options name two drivers: {first} '{prev}' and {field} '{v}'"
                    )),
                ));
            }
        }
        found = Some((field, v));
    }
    Ok(found.map(|(_, v)| v))
}

/// The first loaded plugin whose `canHandle(options)` is true, in registration order.
fn claimed_by(env: js::Env, state: &Shared, options: Value) -> Result<Option<String>> {
    let candidates: Vec<(String, Value)> = {
        let reg = state.rules.borrow();
        let mut v = Vec::new();
        for (c, p) in reg.concrete() {
            v.push((c.to_owned(), p.get()?));
        }
        v
    };
    for (connector, plugin) in candidates {
        let can = js::get(env, plugin, c"canHandle")?;
        if js::is_function(env, can)? && js::truthy(env, js::call(env, plugin, can, &[options])?)? {
            return Ok(Some(connector));
        }
    }
    Ok(None)
}

/// The built-in driver type the options' `connectionString` (or `fileName`) names.
fn builtin_for(env: js::Env, options: Value) -> Result<Option<&'static str>> {
    if let Some(cs) = js::get_string_opt(env, options, c"connectionString")? {
        return Ok(detect_connector(&cs));
    }
    Ok(js::get_string_opt(env, options, c"fileName")?
        .map(|_| dumbo_core::connection_string::SQLITE_CONNECTOR))
}

/// Which registry entry serves `options`, for `tryGet` / `tryResolve`: the named
/// driver type, else a loaded plugin's `canHandle`, else a registered built-in the
/// connection string names (so a lazy built-in resolves without a `driverType`).
pub(crate) fn driver_type_for(
    env: js::Env,
    state: &Shared,
    options: Value,
) -> Result<Option<String>> {
    if js::type_of(env, options)? == napi::sys::ValueType::napi_string {
        return js::string(env, options).map(Some);
    }
    if !js::is_object(env, options)? {
        return Err(js::type_error(
            env,
            "Expected connection options such as { driverType } or { connectionString }",
        ));
    }
    if let Some(explicit) = explicit_driver_type(env, options)? {
        return Ok(Some(explicit));
    }
    if let Some(claimed) = claimed_by(env, state, options)? {
        return Ok(Some(claimed));
    }
    let builtin = builtin_for(env, options)?;
    Ok(builtin
        .filter(|c| state.rules.borrow().has(c))
        .map(str::to_owned))
}

/// Picks the connector for `dumbo(options)`: explicit `driverType` / `connector`, then
/// loaded plugins' `canHandle(options)` in registration order, then the built-in string rules.
pub(crate) fn pick_connector(env: js::Env, state: &Shared, options: Value) -> Result<String> {
    if let Some(explicit) = explicit_driver_type(env, options)? {
        return Ok(explicit);
    }
    if let Some(claimed) = claimed_by(env, state, options)? {
        return Ok(claimed);
    }
    let cs =
        match js::get_string_opt(env, options, c"connectionString")? {
            Some(cs) => cs,
            None => match js::get_string_opt(env, options, c"fileName")? {
                Some(_) => return Ok(dumbo_core::connection_string::SQLITE_CONNECTOR.to_owned()),
                None => return Err(errors::to_napi(
                    env,
                    CoreError::invalid_operation(
                        "dumbo() needs a connectionString (or fileName, or an explicit driverType)",
                    ),
                )),
            },
        };
    match detect_connector(&cs) {
        Some(c) => Ok(c.to_owned()),
        None => {
            let reg = state.rules.borrow();
            Err(errors::to_napi(
                env,
                unsupported_connection_string(&cs, &reg.list()),
            ))
        }
    }
}

/// `dumbo({ driver, ... })`: that driver's pool; the driver is used as is, not registered.
pub(crate) fn pool_of_driver(env: js::Env, options: Value, driver: Value) -> Result<Value> {
    if !js::is_object(env, driver)? || !js::is_function(env, js::get(env, driver, c"createPool")?)?
    {
        return Err(js::type_error(
            env,
            "dumbo() option 'driver' must be a driver object with a createPool function",
        ));
    }
    let key = match js::get_string_opt(env, driver, c"driverType")? {
        Some(k) => k,
        None => js::get_string_opt(env, driver, c"connector")?.ok_or_else(|| {
            js::type_error(
                env,
                "dumbo() option 'driver' has no driverType (nor a connector) string",
            )
        })?,
    };
    if let Some(named) = explicit_driver_type(env, options)? {
        if named != key {
            return Err(errors::to_napi(
                env,
                CoreError::invalid_operation(format!(
                    "dumbo() was given the driver '{key}' and the driver type '{named}': pass one of them"
                )),
            ));
        }
    }
    // The caller's options object itself, as for registered plugins (upstream passes
    // a copy with `driverType` set; see docs/drivers.md).
    js::call_method(env, driver, c"createPool", &[options])
}

/// Upstream `parseConnectionString`: `{ databaseType, driverName }`, or an
/// InvalidOperationError for a string no built-in driver type names.
#[napi_derive::napi(object)]
pub struct DatabaseDriverTypeParts {
    pub database_type: String,
    pub driver_name: String,
}

#[napi_derive::napi(js_name = "parseConnectionString", catch_unwind)]
pub fn parse_connection_string(
    env: &Env,
    connection_string: String,
) -> Result<DatabaseDriverTypeParts> {
    let driver_type = dumbo_core::connection_string::parse_connection_string(&connection_string)
        .map_err(|e| errors::to_napi(env.raw(), e))?;
    let (database_type, driver_name) = driver_type.split_once(':').unwrap_or((driver_type, ""));
    Ok(DatabaseDriverTypeParts {
        database_type: database_type.to_owned(),
        driver_name: driver_name.to_owned(),
    })
}
