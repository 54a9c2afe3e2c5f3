//! Reads the JS schema tokens (lib/sql/ddlTokens.cjs: `SQLTableReference`,
//! `SQLColumnToken`, ...) into `dumbo_sql::DdlToken`.

use std::ffi::CStr;

use dumbo_core::Error as CoreError;
use dumbo_sql::{ColumnDef, ColumnDefault, ColumnType, DdlToken, TableRef, Token};
use napi::sys::ValueType as VT;
use napi::Result;

use crate::errors;
use crate::js::{self, Env, Value};
use crate::values::ValueReader;

/// Whether `kind` is a schema token type read here.
pub fn is_ddl(kind: &str) -> bool {
    matches!(
        kind,
        "SQL_TABLE_REFERENCE"
            | "SQL_INDEX_REFERENCE"
            | "SQL_CREATE_SCHEMA"
            | "SQL_RENAME_TABLE"
            | "SQL_COLUMN"
            | "SQL_JSON_DOCUMENT_INDEX_TARGET"
            | "SQL_JSON_PATH_TARGET"
    )
}

fn missing(env: Env, kind: &str, field: &CStr) -> napi::Error {
    errors::to_napi(
        env,
        CoreError::data(format!(
            "{kind} token needs a string {}",
            field.to_string_lossy()
        )),
    )
}

fn required(env: Env, token: Value, kind: &str, field: &CStr) -> Result<String> {
    js::get_string_opt(env, token, field)?.ok_or_else(|| missing(env, kind, field))
}

fn optional(env: Env, token: Value, field: &CStr) -> Result<Option<String>> {
    js::get_string_opt(env, token, field)
}

fn truthy_field(env: Env, token: Value, field: &CStr) -> Result<bool> {
    js::truthy(env, js::get(env, token, field)?)
}

fn strictly_true(env: Env, token: Value, field: &CStr) -> Result<bool> {
    let v = js::get(env, token, field)?;
    Ok(js::type_of(env, v)? == VT::napi_boolean && js::boolean(env, v)?)
}

fn table_ref(env: Env, token: Value, kind: &str) -> Result<TableRef> {
    Ok(TableRef {
        schema: optional(env, token, c"databaseSchemaName")?,
        table: required(env, token, kind, c"tableName")?,
    })
}

fn token_type(env: Env, v: Value) -> Result<Option<String>> {
    if js::is_object(env, v)? {
        js::get_string_opt(env, v, c"sqlTokenType")
    } else {
        Ok(None)
    }
}

pub fn column_type(env: Env, v: Value) -> Result<ColumnType> {
    if js::type_of(env, v)? == VT::napi_string {
        return Ok(ColumnType::Raw(js::string(env, v)?));
    }
    let kind = token_type(env, v)?.unwrap_or_else(|| "undefined".to_owned());
    Ok(match kind.as_str() {
        "SQL_COLUMN_AUTO_INCREMENT" => ColumnType::AutoIncrement {
            primary_key: truthy_field(env, v, c"primaryKey")?,
            bigint: truthy_field(env, v, c"bigint")?,
        },
        "SQL_COLUMN_VARCHAR" => {
            let length = js::get(env, v, c"length")?;
            ColumnType::Varchar(if js::type_of(env, length)? == VT::napi_number {
                Some(js::number(env, length)?)
            } else {
                None
            })
        }
        other => ColumnType::from_token_type(other),
    })
}

fn column_default(reader: &ValueReader, v: Value) -> Result<Option<ColumnDefault>> {
    let env = reader.env;
    if js::type_of(env, v)? == VT::napi_undefined {
        return Ok(None);
    }
    Ok(Some(match token_type(env, v)? {
        Some(kind) if kind == "SQL_RAW" => {
            ColumnDefault::Plain(js::string(env, js::get(env, v, c"value")?)?)
        }
        Some(kind) => ColumnDefault::Token(kind),
        None => ColumnDefault::Value(reader.read(v)?),
    }))
}

fn json_path(env: Env, v: Value) -> Result<Vec<String>> {
    if js::type_of(env, v)? == VT::napi_string {
        return Ok(js::string(env, v)?.split('.').map(str::to_owned).collect());
    }
    if !js::is_array(env, v)? {
        return Err(errors::to_napi(
            env,
            CoreError::data("SQL_JSON_PATH_TARGET token needs a path (an array of strings)"),
        ));
    }
    let n = js::array_len(env, v)?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        let segment = js::get_element(env, v, i)?;
        out.push(match js::type_of(env, segment)? {
            VT::napi_string => js::string(env, segment)?,
            // `String(n)` for array indexes in a path.
            VT::napi_number => dumbo_core::json::number_to_js_string(js::number(env, segment)?),
            _ => {
                return Err(errors::to_napi(
                    env,
                    CoreError::data(
                        "SQL_JSON_PATH_TARGET path segments must be strings or numbers",
                    ),
                ))
            }
        });
    }
    Ok(out)
}

/// Reads the schema token `token` of type `kind` (see [`is_ddl`]).
pub fn read(reader: &ValueReader, kind: &str, token: Value) -> Result<Token> {
    let env = reader.env;
    let ddl = match kind {
        "SQL_TABLE_REFERENCE" => DdlToken::TableReference(table_ref(env, token, kind)?),
        "SQL_INDEX_REFERENCE" => DdlToken::IndexReference {
            schema: optional(env, token, c"databaseSchemaName")?,
            table: optional(env, token, c"tableName")?.unwrap_or_default(),
            index: required(env, token, kind, c"indexName")?,
        },
        "SQL_CREATE_SCHEMA" => DdlToken::CreateSchema {
            schema: optional(env, token, c"databaseSchemaName")?,
        },
        "SQL_RENAME_TABLE" => {
            let table = js::get(env, token, c"table")?;
            if !js::is_object(env, table)? {
                return Err(errors::to_napi(
                    env,
                    CoreError::data("SQL_RENAME_TABLE token needs a table reference"),
                ));
            }
            DdlToken::RenameTable {
                table: table_ref(env, table, "SQL_TABLE_REFERENCE")?,
                new_name: required(env, token, kind, c"newTableName")?,
            }
        }
        "SQL_COLUMN" => DdlToken::Column(ColumnDef {
            name: required(env, token, kind, c"name")?,
            column_type: column_type(env, js::get(env, token, c"type")?)?,
            primary_key: strictly_true(env, token, c"primaryKey")?,
            not_null: strictly_true(env, token, c"notNull")?,
            unique: strictly_true(env, token, c"unique")?,
            default: column_default(reader, js::get(env, token, c"default")?)?,
        }),
        "SQL_JSON_DOCUMENT_INDEX_TARGET" => DdlToken::JsonDocumentIndexTarget {
            column: required(env, token, kind, c"columnName")?,
            unique: truthy_field(env, token, c"isUnique")?,
        },
        "SQL_JSON_PATH_TARGET" => DdlToken::JsonPathTarget {
            column: required(env, token, kind, c"columnName")?,
            path: json_path(env, js::get(env, token, c"path")?)?,
        },
        other => {
            return Err(errors::to_napi(
                env,
                CoreError::not_registered(format!(
                    "No SQL processor registered for token type: {other}"
                )),
            ))
        }
    };
    Ok(Token::Ddl(Box::new(ddl)))
}
