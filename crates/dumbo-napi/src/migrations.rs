//! The migrator's pure steps, exported to lib/migrations: which statements of a
//! migration run and its SHA-256 hash (`migrationHash`), hashing a JS formatter's
//! description (`sha256Hex`), and de-duplicating schema component migrations.

use dumbo_core::Error as CoreError;
use dumbo_sql::migration;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};

use crate::errors;
use crate::format::dialect;
use crate::js;
use crate::sql_input::read_tokenized;
use crate::values::ValueReader;

/// `{ hash, kept }` for a migration's statements in a built-in dialect: `kept` are the
/// indexes of the statements that render SQL; `hash` is the lowercase hex SHA-256 of
/// their description (`formatter.describe(kept)`), or `null` when none is kept.
#[napi_derive::napi(js_name = "migrationHash", catch_unwind)]
pub fn migration_hash<'a>(
    env: &'a Env,
    sqls: Unknown<'a>,
    dialect_name: String,
    serializer: Option<Unknown<'a>>,
) -> Result<Unknown<'a>> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let reader = ValueReader {
        env: raw_env,
        serializer: serializer.map(|s| s.raw()),
    };
    let list = sqls.raw();
    if !js::is_array(raw_env, list)? {
        return Err(errors::to_napi(
            raw_env,
            CoreError::invalid_operation("migrationHash expects an array of SQL statements"),
        ));
    }
    let n = js::array_len(raw_env, list)?;
    let mut parsed = Vec::with_capacity(n as usize);
    for i in 0..n {
        parsed.push(read_tokenized(&reader, js::get_element(raw_env, list, i)?)?);
    }
    let plan = migration::migration_plan(&parsed, d).map_err(|e| errors::to_napi(raw_env, e))?;
    let out = js::create_object(raw_env)?;
    let hash = match &plan.hash {
        Some(h) => js::create_string(raw_env, h)?,
        None => js::null(raw_env)?,
    };
    js::set(raw_env, out, c"hash", hash)?;
    let kept = js::create_array(raw_env, plan.kept.len())?;
    for (i, index) in plan.kept.iter().enumerate() {
        js::set_element(
            raw_env,
            kept,
            i as u32,
            js::create_number(raw_env, *index as f64)?,
        )?;
    }
    js::set(raw_env, out, c"kept", kept)?;
    Ok(js::unknown(raw_env, out))
}

/// Lowercase hex SHA-256 of a string's UTF-8 bytes.
#[napi_derive::napi(js_name = "sha256Hex", catch_unwind)]
pub fn sha256_hex(text: String) -> String {
    migration::sha256_hex(&text)
}

/// `dedupeMigrations`: the indexes to keep (first of each name); the same name with a
/// different fingerprint (serialized SQL) throws InvalidOperationError.
#[napi_derive::napi(js_name = "dedupeMigrations", catch_unwind)]
pub fn dedupe_migrations(
    env: &Env,
    names: Vec<String>,
    fingerprints: Vec<String>,
) -> Result<Vec<u32>> {
    if names.len() != fingerprints.len() {
        return Err(errors::to_napi(
            env.raw(),
            CoreError::invalid_operation(
                "dedupeMigrations: names and fingerprints differ in length",
            ),
        ));
    }
    let pairs: Vec<(&String, &String)> = names.iter().zip(fingerprints.iter()).collect();
    migration::dedupe_migrations(&pairs)
        .map(|kept| kept.into_iter().map(|i| i as u32).collect())
        .map_err(|e| errors::to_napi(env.raw(), e))
}
