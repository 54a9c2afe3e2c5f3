//! What the JS processors, value mappers and `ansiSqlReservedMap` read from the Rust
//! formatter: a user's processors registry is walked in JS (lib/sql/sqlFormatter.cjs),
//! and the built-in processors and mappers it meets delegate here, token by token.

use dumbo_core::Error as CoreError;
use dumbo_sql::Processors;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};

use crate::errors;
use crate::format::dialect;
use crate::js;
use crate::sql_input::read_tokenized;
use crate::values::{self, ValueReader};

/// The formatted SQL as the text around each parameter
/// (`texts.length === params.length + 1`), params as given (unmapped), so the JS
/// caller's builder numbers the placeholders and its mapper maps the values.
#[napi_derive::napi(object)]
pub struct SqlSegments<'a> {
    pub texts: Vec<String>,
    pub params: Vec<Unknown<'a>>,
}

#[napi_derive::napi(
    js_name = "formatSqlSegments",
    catch_unwind,
    ts_args_type = "sql: object, dialectName: 'PostgreSQL' | 'SQLite', processors: 'default' | 'dialect', serializer?: (value: unknown) => string"
)]
pub fn format_sql_segments<'a>(
    env: &'a Env,
    sql: Unknown<'a>,
    dialect_name: String,
    processors: String,
    serializer: Option<Unknown<'a>>,
) -> Result<SqlSegments<'a>> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let reader = ValueReader {
        env: raw_env,
        serializer: serializer.map(|s| s.raw()),
    };
    let tokenized = read_tokenized(&reader, sql.raw())?;
    let procs = if processors == "dialect" {
        Processors::Dialect
    } else {
        Processors::Default
    };
    let seg = dumbo_sql::format_segments(&tokenized, d, procs)
        .map_err(|e| errors::to_napi(raw_env, e))?;
    let params = seg
        .params
        .iter()
        .map(|p| values::to_js(raw_env, p).map(|v| js::unknown(raw_env, v)))
        .collect::<Result<_>>()?;
    Ok(SqlSegments {
        texts: seg.texts,
        params,
    })
}

/// A dialect's `mapper.mapValue(value)`: the parameter as its formatter hands it on.
#[napi_derive::napi(
    js_name = "mapSqlParamValue",
    catch_unwind,
    ts_args_type = "value: unknown, dialectName: 'PostgreSQL' | 'SQLite', serializer?: (value: unknown) => string"
)]
pub fn map_sql_param_value<'a>(
    env: &'a Env,
    value: Unknown<'a>,
    dialect_name: String,
    serializer: Option<Unknown<'a>>,
) -> Result<Unknown<'a>> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let reader = ValueReader {
        env: raw_env,
        serializer: serializer.map(|s| s.raw()),
    };
    let read = reader.read(value.raw())?;
    let shown = dumbo_sql::display_param(&read, d);
    Ok(js::unknown(raw_env, values::to_js(raw_env, &shown)?))
}

/// `mapSQLIdentifier(name, { quote?, reservedWords? })`: with neither, the dialect's
/// rule; `reserved` lists the upper-case words a caller's map marks as reserved.
#[napi_derive::napi(js_name = "mapSqlIdentifier", catch_unwind)]
pub fn map_sql_identifier(
    env: &Env,
    name: Option<String>,
    dialect_name: String,
    quote: Option<String>,
    reserved: Option<Vec<String>>,
) -> Result<String> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let Some(name) = name else {
        return Err(errors::to_napi(
            raw_env,
            CoreError::data("SQL identifier cannot be null or undefined"),
        ));
    };
    let quote = quote.and_then(|q| q.chars().next()).unwrap_or('"');
    Ok(match reserved {
        Some(words) => {
            dumbo_sql::quote_identifier_with(&name, quote, |upper| words.iter().any(|w| w == upper))
        }
        None if quote == '"' => dumbo_sql::quote_identifier(&name, d),
        None => {
            let words = dumbo_sql::reserved::words(d);
            dumbo_sql::quote_identifier_with(&name, quote, |upper| {
                words.binary_search(&upper).is_ok()
            })
        }
    })
}

/// The reserved words of a dialect (`ansiSqlReservedMap` is SQLite's).
#[napi_derive::napi(js_name = "reservedWords", catch_unwind)]
pub fn reserved_words(env: &Env, dialect_name: String) -> Result<Vec<&'static str>> {
    let d = dialect(env.raw(), &dialect_name)?;
    Ok(dumbo_sql::reserved::words(d).to_vec())
}

/// A column type token's SQL in a dialect (`postgreSQLColumnProcessors` and SQLite's).
#[napi_derive::napi(
    js_name = "columnTypeSql",
    catch_unwind,
    ts_args_type = "token: { sqlTokenType: string }, dialectName: 'PostgreSQL' | 'SQLite'"
)]
pub fn column_type_sql<'a>(
    env: &'a Env,
    token: Unknown<'a>,
    dialect_name: String,
) -> Result<String> {
    let raw_env = env.raw();
    let d = dialect(raw_env, &dialect_name)?;
    let column_type = crate::ddl_input::column_type(raw_env, token.raw())?;
    column_type
        .render(d)
        .map_err(|e| errors::to_napi(raw_env, e))
}
