//! Which driver serves a set of connection options: `dumbo()`'s choice (upstream's
//! `driver` / `driverType`, the RFC's `connector`, `canHandle`, the built-in string
//! rules), the lookup behind `tryGet` / `tryResolve`, and `parseConnectionString`.

use dumbo_core::connection_string::{detect_connector, unsupported_connection_string};
use dumbo_core::Error as CoreError;
use napi::bindgen_prelude::{FromNapiValue, Object, Unknown};
use napi::{Env, JsValue, Result, ValueType};

use crate::errors;
use crate::interop::{self, call_with_this, function_field, string_field, type_error};
use crate::registry::Shared;

fn invalid(env: &Env, message: String) -> napi::Error {
    errors::to_napi(env.raw(), CoreError::invalid_operation(message))
}

/// The driver type `options` name: upstream's `driverType` or the RFC's `connector`
/// (both given, they must agree). Nullish reads as absent, as upstream's lookup does.
fn explicit_driver_type(env: &Env, options: &Object<'_>) -> Result<Option<String>> {
    let mut found: Option<(&str, String)> = None;
    for (field, what) in [
        ("driverType", "a driver type"),
        ("connector", "a connector name"),
    ] {
        let Some(v) = options.get::<Unknown>(field)? else {
            continue;
        };
        if interop::is_nullish(&v)? {
            continue;
        }
        if v.get_type()? != ValueType::String {
            return Err(type_error(
                env,
                &format!("dumbo() option '{field}' must be {what} such as 'SQLite:sqlite3'"),
            ));
        }
        let v = String::from_unknown(v)?;
        if let Some((first, prev)) = &found {
            if *prev != v {
                return Err(invalid(
                    env,
                    format!("dumbo() options name two drivers: {first} '{prev}' and {field} '{v}'"),
                ));
            }
        }
        found = Some((field, v));
    }
    Ok(found.map(|(_, v)| v))
}

/// The first loaded plugin whose `canHandle(options)` is true, in registration order.
fn claimed_by(env: &Env, state: &Shared, options: &Object<'_>) -> Result<Option<String>> {
    let candidates: Vec<(String, Object<'_>)> = {
        let reg = state.rules.borrow();
        let mut v = Vec::new();
        for (c, p) in reg.concrete() {
            v.push((c.to_owned(), p.object(env)?));
        }
        v
    };
    for (connector, plugin) in candidates {
        if let Some(can) = function_field(&plugin, "canHandle")? {
            if call_with_this(&plugin, &can, options.to_unknown())?.coerce_to_bool()? {
                return Ok(Some(connector));
            }
        }
    }
    Ok(None)
}

/// The built-in driver type the options' `connectionString` (or `fileName`) names.
fn builtin_for(options: &Object<'_>) -> Result<Option<&'static str>> {
    if let Some(cs) = string_field(options, "connectionString")? {
        return Ok(detect_connector(&cs));
    }
    Ok(string_field(options, "fileName")?.map(|_| dumbo_core::connection_string::SQLITE_CONNECTOR))
}

/// Which registry entry serves `options`, for `tryGet` / `tryResolve`: the named
/// driver type, else a loaded plugin's `canHandle`, else a registered built-in the
/// connection string names (so a lazy built-in resolves without a `driverType`).
pub(crate) fn driver_type_for(
    env: &Env,
    state: &Shared,
    options: Unknown<'_>,
) -> Result<Option<String>> {
    if options.get_type()? == ValueType::String {
        return String::from_unknown(options).map(Some);
    }
    if !interop::is_object(&options)? {
        return Err(type_error(
            env,
            "Expected connection options such as { driverType } or { connectionString }",
        ));
    }
    let options = Object::from_unknown(options)?;
    if let Some(explicit) = explicit_driver_type(env, &options)? {
        return Ok(Some(explicit));
    }
    if let Some(claimed) = claimed_by(env, state, &options)? {
        return Ok(Some(claimed));
    }
    let builtin = builtin_for(&options)?;
    Ok(builtin
        .filter(|c| state.rules.borrow().has(c))
        .map(str::to_owned))
}

/// Picks the connector for `dumbo(options)`: explicit `driverType` / `connector`, then
/// loaded plugins' `canHandle(options)` in registration order, then the built-in string rules.
pub(crate) fn pick_connector(env: &Env, state: &Shared, options: &Object<'_>) -> Result<String> {
    if let Some(explicit) = explicit_driver_type(env, options)? {
        return Ok(explicit);
    }
    if let Some(claimed) = claimed_by(env, state, options)? {
        return Ok(claimed);
    }
    let Some(cs) = string_field(options, "connectionString")? else {
        if string_field(options, "fileName")?.is_some() {
            return Ok(dumbo_core::connection_string::SQLITE_CONNECTOR.to_owned());
        }
        return Err(invalid(
            env,
            "dumbo() needs a connectionString (or fileName, or an explicit driverType)".to_owned(),
        ));
    };
    match detect_connector(&cs) {
        Some(c) => Ok(c.to_owned()),
        None => {
            let reg = state.rules.borrow();
            Err(errors::to_napi(
                env.raw(),
                unsupported_connection_string(&cs, &reg.list()),
            ))
        }
    }
}

/// `dumbo({ driver, ... })`: that driver's pool; the driver is used as is, not registered.
pub(crate) fn pool_of_driver<'a>(
    env: &Env,
    options: &Object<'a>,
    driver: Unknown<'a>,
) -> Result<Unknown<'a>> {
    let create_pool = if interop::is_object(&driver)? {
        let driver = Object::from_unknown(driver)?;
        function_field(&driver, "createPool")?.map(|f| (driver, f))
    } else {
        None
    };
    let Some((driver, create_pool)) = create_pool else {
        return Err(type_error(
            env,
            "dumbo() option 'driver' must be a driver object with a createPool function",
        ));
    };
    let key = match string_field(&driver, "driverType")? {
        Some(k) => k,
        None => string_field(&driver, "connector")?.ok_or_else(|| {
            type_error(
                env,
                "dumbo() option 'driver' has no driverType (nor a connector) string",
            )
        })?,
    };
    if let Some(named) = explicit_driver_type(env, options)? {
        if named != key {
            return Err(invalid(
                env,
                format!("dumbo() was given the driver '{key}' and the driver type '{named}': pass one of them"),
            ));
        }
    }
    // The caller's options object itself, as for registered plugins (upstream passes
    // a copy with `driverType` set; see docs/drivers.md).
    call_with_this(&driver, &create_pool, options.to_unknown())
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
