//! `SQL.format` / `SQL.describe` and the dialect helpers, exported to the JS formatters.

use dumbo_core::Error as CoreError;
use dumbo_sql::{Dialect, Processors};
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};

use crate::errors;
use crate::js;
use crate::sql_input::read_tokenized;
use crate::values::{self, ValueReader};

pub fn dialect(env: js::Env, name: &str) -> Result<Dialect> {
    Dialect::from_name(name).ok_or_else(|| {
        errors::to_napi(
            env,
            CoreError::not_registered(format!("No SQL formatter registered for dialect: {name}")),
        )
    })
}

/// SQL text with its parameters as the driver binds them.
#[napi_derive::napi(object)]
pub struct FormattedSql<'a> {
    pub query: String,
    pub params: Vec<Unknown<'a>>,
}

/// Formats tokenized SQL with upstream's param mapping. `processors` is `'default'`
/// (what `SQL.format` uses) or `'dialect'` (what executors use).
#[napi_derive::napi(
    js_name = "formatSql",
    catch_unwind,
    ts_args_type = "sql: object, dialectName: 'PostgreSQL' | 'SQLite', processors?: 'default' | 'dialect', serializer?: (value: unknown) => string"
)]
pub fn format_sql<'a>(
    env: &'a Env,
    sql: Unknown<'a>,
    dialect_name: String,
    processors: Option<String>,
    serializer: Option<Unknown<'a>>,
) -> Result<FormattedSql<'a>> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let reader = ValueReader {
        env: raw_env,
        serializer: serializer.map(|s| s.raw()),
    };
    let tokenized = read_tokenized(&reader, sql.raw())?;
    let procs = match processors.as_deref() {
        Some("dialect") => Processors::Dialect,
        _ => Processors::Default,
    };
    let formatted =
        dumbo_sql::format(&tokenized, d, procs).map_err(|e| errors::to_napi(raw_env, e))?;
    let params = formatted
        .params
        .iter()
        .map(|p| {
            let shown = dumbo_sql::display_param(p, d);
            values::to_js(raw_env, &shown).map(|v| js::unknown(raw_env, v))
        })
        .collect::<Result<_>>()?;
    Ok(FormattedSql {
        query: formatted.query,
        params,
    })
}

/// What `sqlChunks` are joined with for `sqlFragmentText`.
#[napi_derive::napi(js_name = "sqlChunkSeparator", catch_unwind)]
pub fn sql_chunk_separator() -> String {
    dumbo_sql::CHUNK_SEPARATOR.to_string()
}

/// The query text of SQL whose tokens are bound parameters and identifiers:
/// `joinedChunks` is `sqlChunks` joined with `sqlChunkSeparator()`, `chunkCount` their
/// number, `tokenCount` the number of tokens, and the identifiers are the tokens at
/// `identifierAt` (ascending) named `identifierNames`. `null` when they do not match, or
/// for an unknown dialect (the caller then formats the SQL whole).
#[napi_derive::napi(js_name = "sqlFragmentText", catch_unwind)]
pub fn sql_fragment_text(
    joined_chunks: String,
    chunk_count: u32,
    token_count: u32,
    identifier_at: Vec<u32>,
    identifier_names: Vec<String>,
    dialect_name: String,
) -> Option<String> {
    let dialect = Dialect::from_name(&dialect_name)?;
    let tokens = dumbo_sql::FragmentTokens {
        count: token_count as usize,
        identifier_at: &identifier_at,
        identifier_names: &identifier_names,
    };
    dumbo_sql::fragment_text(&joined_chunks, chunk_count as usize, tokens, dialect)
}

/// A readable rendering with every parameter inlined (the migration hash input).
#[napi_derive::napi(
    js_name = "describeSql",
    catch_unwind,
    ts_args_type = "sql: object, dialectName: 'PostgreSQL' | 'SQLite', serializer?: (value: unknown) => string"
)]
pub fn describe_sql<'a>(
    env: &'a Env,
    sql: Unknown<'a>,
    dialect_name: String,
    serializer: Option<Unknown<'a>>,
) -> Result<String> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let reader = ValueReader {
        env: raw_env,
        serializer: serializer.map(|s| s.raw()),
    };
    let tokenized = read_tokenized(&reader, sql.raw())?;
    dumbo_sql::describe(&tokenized, d).map_err(|e| errors::to_napi(raw_env, e))
}

#[napi_derive::napi(js_name = "quoteIdentifier", catch_unwind)]
pub fn quote_identifier(env: &Env, name: String, dialect_name: String) -> Result<String> {
    let d = dialect(env.raw(), &dialect_name)?;
    Ok(dumbo_sql::quote_identifier(&name, d))
}

/// `PostgreSQLJSON.field` / `textField`: `src -> 'a'` or `src #> '{a,b}'`.
#[napi_derive::napi(js_name = "pgJsonField", catch_unwind)]
pub fn pg_json_field(source_sql: String, path: String, as_text: bool) -> String {
    dumbo_sql::json_path::pg_field(&source_sql, &path, as_text)
}

/// `PostgreSQLJSON.path`: an inline `'{a,b}'` literal.
#[napi_derive::napi(js_name = "pgJsonPath", catch_unwind)]
pub fn pg_json_path(segments: Vec<String>) -> String {
    let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
    dumbo_sql::json_path::pg_path(&refs)
}

/// `SQLiteJSON.path`: an inline `'$.a.b'` literal from a string or segments.
#[napi_derive::napi(js_name = "sqliteJsonPath", catch_unwind)]
pub fn sqlite_json_path(path: napi::Either<String, Vec<String>>) -> String {
    match path {
        napi::Either::A(s) => dumbo_sql::json_path::sqlite_path_str(&s),
        napi::Either::B(segments) => {
            let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
            dumbo_sql::json_path::sqlite_path_segments(&refs)
        }
    }
}
