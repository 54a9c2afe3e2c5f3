//! Reads a JS `TokenizedSQL` (`{ sqlChunks, sqlTokens }`, built by the `SQL` tag in
//! lib/sql) into `dumbo_sql::TokenizedSql`.

use dumbo_core::Error as CoreError;
use dumbo_sql::{ArrayMode, Token, TokenizedSql};
use napi::Result;

use crate::errors;
use crate::js::{self, Value};
use crate::values::ValueReader;

pub fn read_tokenized(reader: &ValueReader, sql: Value) -> Result<TokenizedSql> {
    let env = reader.env;
    if !js::is_object(env, sql)? {
        return Err(not_sql(env));
    }
    let chunks_v = js::get(env, sql, c"sqlChunks")?;
    let tokens_v = js::get(env, sql, c"sqlTokens")?;
    if !js::is_array(env, chunks_v)? || !js::is_array(env, tokens_v)? {
        return Err(not_sql(env));
    }
    let n = js::array_len(env, chunks_v)?;
    let mut chunks = Vec::with_capacity(n as usize);
    for i in 0..n {
        chunks.push(js::string(env, js::get_element(env, chunks_v, i)?)?);
    }
    let n = js::array_len(env, tokens_v)?;
    let mut tokens = Vec::with_capacity(n as usize);
    for i in 0..n {
        tokens.push(read_token(reader, js::get_element(env, tokens_v, i)?)?);
    }
    Ok(TokenizedSql { chunks, tokens })
}

fn not_sql(env: js::Env) -> napi::Error {
    errors::to_napi(
        env,
        CoreError::invalid_operation("Expected TokenizedSQL, got string-based SQL"),
    )
}

fn read_mode(env: js::Env, token: Value) -> Result<Option<ArrayMode>> {
    Ok(match js::get_string_opt(env, token, c"mode")?.as_deref() {
        Some("params") => Some(ArrayMode::Params),
        Some("native") => Some(ArrayMode::Native),
        _ => None,
    })
}

fn read_values(reader: &ValueReader, arr: Value) -> Result<Vec<dumbo_core::SqlValue>> {
    let env = reader.env;
    if !js::is_array(env, arr)? {
        return Err(errors::to_napi(
            env,
            CoreError::data("SQL array token must hold an array of values"),
        ));
    }
    let n = js::array_len(env, arr)?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        out.push(reader.read(js::get_element(env, arr, i)?)?);
    }
    Ok(out)
}

fn read_token(reader: &ValueReader, token: Value) -> Result<Token> {
    let env = reader.env;
    let kind = if js::is_object(env, token)? {
        js::get_string_opt(env, token, c"sqlTokenType")?
    } else {
        None
    };
    let value = || js::get(env, token, c"value");
    match kind.as_deref() {
        Some("SQL_LITERAL") => Ok(Token::Literal(reader.read(value()?)?)),
        Some("SQL_IDENTIFIER") => Ok(Token::Identifier(identifier(env, value()?)?)),
        Some("SQL_RAW") => Ok(Token::Plain(js::string(env, value()?)?)),
        Some("SQL_ARRAY") => Ok(Token::Array {
            values: read_values(reader, value()?)?,
            mode: read_mode(env, token)?,
        }),
        Some("SQL_IN") => {
            let column = js::get(env, token, c"column")?;
            let column = if js::is_object(env, column)? {
                js::get(env, column, c"value")?
            } else {
                column
            };
            let values = js::get(env, token, c"values")?;
            let values = if js::is_array(env, values)? {
                values
            } else {
                js::get(env, values, c"value")?
            };
            Ok(Token::In {
                column: identifier(env, column)?,
                values: read_values(reader, values)?,
                mode: read_mode(env, token)?,
            })
        }
        Some(kind) if crate::ddl_input::is_ddl(kind) => crate::ddl_input::read(reader, kind, token),
        Some(other) => Err(errors::to_napi(
            env,
            CoreError::not_registered(format!(
                "No SQL processor registered for token type: {other}"
            )),
        )),
        None => Err(errors::to_napi(
            env,
            CoreError::invalid_operation("Invalid SQL token: expected an object with sqlTokenType"),
        )),
    }
}

fn identifier(env: js::Env, v: Value) -> Result<String> {
    if js::is_nullish(env, v)? {
        return Err(errors::to_napi(
            env,
            CoreError::data("SQL identifier cannot be null or undefined"),
        ));
    }
    match js::type_of(env, v)? {
        napi::sys::ValueType::napi_string => js::string(env, v),
        _ => Err(errors::to_napi(
            env,
            CoreError::data("SQL identifier must be a string"),
        )),
    }
}
