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

/// Which statements of a migration run, and the hash of their description.
#[napi_derive::napi(object, use_nullable = true)]
pub struct MigrationPlan {
    /// Lowercase hex SHA-256 of `formatter.describe(kept)`, or `null` when none is kept.
    pub hash: Option<String>,
    /// Indexes of the statements that render SQL.
    pub kept: Vec<u32>,
}

/// The [`MigrationPlan`] of a migration's statements in a built-in dialect.
#[napi_derive::napi(
    js_name = "migrationHash",
    catch_unwind,
    ts_args_type = "sqls: Array<object>, dialectName: 'PostgreSQL' | 'SQLite', serializer?: (value: unknown) => string"
)]
pub fn migration_hash<'a>(
    env: &'a Env,
    sqls: Unknown<'a>,
    dialect_name: String,
    serializer: Option<Unknown<'a>>,
) -> Result<MigrationPlan> {
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
    Ok(MigrationPlan {
        hash: plan.hash,
        kept: plan.kept.iter().map(|i| *i as u32).collect(),
    })
}

/// The indexes of the statements a JS formatter rendered to something (the texts it
/// produced, in order): the same rule `migrationHash` applies to built-in formatters.
#[napi_derive::napi(js_name = "migrationKeptTexts", catch_unwind)]
pub fn migration_kept_texts(queries: Vec<String>) -> Vec<u32> {
    queries
        .iter()
        .enumerate()
        .filter(|(_, q)| !migration::is_blank(q))
        .map(|(i, _)| i as u32)
        .collect()
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
