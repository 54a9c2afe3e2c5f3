//! Column types, inline defaults and `SQL_COLUMN` definitions.

use dumbo_core::json::number_to_js_string;
use dumbo_core::value::iso_string_from_millis;
use dumbo_core::{Error, Result, SqlValue};

use crate::dialect::Dialect;
use crate::identifier::quote_identifier;

/// A column type (`SQL.column.type.*`), or trusted raw type text.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    /// A string given as the type: inlined verbatim.
    Raw(String),
    /// `AutoIncrement({ primaryKey, bigint? })`.
    AutoIncrement {
        primary_key: bool,
        bigint: bool,
    },
    BigInteger,
    BigSerial,
    Boolean,
    Integer,
    Json,
    Jsonb,
    Serial,
    Text,
    Timestamp,
    Timestamptz,
    /// `Varchar(n)`; `None` for `'max'` (plain `VARCHAR`).
    Varchar(Option<f64>),
    /// A column-type token no processor handles (its `sqlTokenType`).
    Unregistered(String),
}

impl ColumnType {
    /// Maps a `SQL_COLUMN_<TYPE>` token type (without its props) to a column type.
    /// `AutoIncrement` and `Varchar` carry props and are built directly.
    pub fn from_token_type(token_type: &str) -> ColumnType {
        match token_type {
            "SQL_COLUMN_BIGINT" => ColumnType::BigInteger,
            "SQL_COLUMN_BIGSERIAL" => ColumnType::BigSerial,
            "SQL_COLUMN_BOOLEAN" => ColumnType::Boolean,
            "SQL_COLUMN_INTEGER" => ColumnType::Integer,
            "SQL_COLUMN_JSON" => ColumnType::Json,
            "SQL_COLUMN_JSONB" => ColumnType::Jsonb,
            "SQL_COLUMN_SERIAL" => ColumnType::Serial,
            "SQL_COLUMN_TEXT" => ColumnType::Text,
            "SQL_COLUMN_TIMESTAMP" => ColumnType::Timestamp,
            "SQL_COLUMN_TIMESTAMPTZ" => ColumnType::Timestamptz,
            other => ColumnType::Unregistered(other.to_owned()),
        }
    }

    /// The type's SQL in a dialect (`postgreSQLColumnProcessors` / SQLite's).
    pub fn render(&self, dialect: Dialect) -> Result<String> {
        let pg = dialect == Dialect::PostgreSQL;
        Ok(match self {
            ColumnType::Raw(text) => text.clone(),
            // Upstream keeps the space when the key is not primary: `SERIAL ` and
            // `INTEGER  AUTOINCREMENT`; kept byte for byte (migration hashes).
            ColumnType::AutoIncrement {
                primary_key,
                bigint,
            } => {
                let pk = if *primary_key { "PRIMARY KEY" } else { "" };
                if pg {
                    let serial = if *bigint { "BIGSERIAL" } else { "SERIAL" };
                    format!("{serial} {pk}")
                } else {
                    format!("INTEGER {pk} AUTOINCREMENT")
                }
            }
            ColumnType::BigInteger => pick(pg, "BIGINT", "INTEGER"),
            ColumnType::BigSerial => pick(pg, "BIGSERIAL", "INTEGER"),
            ColumnType::Boolean => pick(pg, "BOOLEAN", "INTEGER"),
            ColumnType::Integer => "INTEGER".to_owned(),
            ColumnType::Json => pick(pg, "JSONB", "TEXT"),
            ColumnType::Jsonb => pick(pg, "JSONB", "BLOB"),
            ColumnType::Serial => pick(pg, "SERIAL", "INTEGER"),
            ColumnType::Text => "TEXT".to_owned(),
            ColumnType::Timestamp => pick(pg, "TIMESTAMP", "DATETIME"),
            ColumnType::Timestamptz => pick(pg, "TIMESTAMPTZ", "DATETIME"),
            ColumnType::Varchar(Some(n)) => format!("VARCHAR ({})", number_to_js_string(*n)),
            ColumnType::Varchar(None) => "VARCHAR".to_owned(),
            ColumnType::Unregistered(token_type) => {
                return Err(Error::not_registered(format!(
                    "No SQL processor registered for column type: {token_type}"
                )))
            }
        })
    }
}

fn pick(pg: bool, postgres: &str, sqlite: &str) -> String {
    if pg { postgres } else { sqlite }.to_owned()
}

/// A column's inline `DEFAULT`.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnDefault {
    /// `SQL.plain(...)`: raw text.
    Plain(String),
    /// Any other SQL token: rejected when rendered (its `sqlTokenType`).
    Token(String),
    /// A value, inlined as a literal.
    Value(SqlValue),
}

/// `SQL.column({ name, type, primaryKey?, notNull?, unique?, default? })`.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDef {
    pub name: String,
    pub column_type: ColumnType,
    pub primary_key: bool,
    pub not_null: bool,
    pub unique: bool,
    pub default: Option<ColumnDefault>,
}

/// `'text'` with `'` doubled.
fn quoted_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn inline_default(default: &ColumnDefault) -> Result<String> {
    let value = match default {
        ColumnDefault::Plain(text) => return Ok(text.clone()),
        ColumnDefault::Token(token_type) => {
            return Err(Error::invalid_operation(format!(
                "Unsupported SQL token \"{token_type}\" as a column default"
            )))
        }
        ColumnDefault::Value(value) => value,
    };
    Ok(match value {
        SqlValue::Null => "NULL".to_owned(),
        SqlValue::Bool(true) => "TRUE".to_owned(),
        SqlValue::Bool(false) => "FALSE".to_owned(),
        SqlValue::Integer(i) => i.to_string(),
        SqlValue::Float(f) => number_to_js_string(*f),
        SqlValue::BigInt(b) => b.to_string(),
        SqlValue::Text(s) | SqlValue::Json(s) => quoted_literal(s),
        SqlValue::Date(ms) => match iso_string_from_millis(*ms) {
            Some(iso) => quoted_literal(&iso),
            None => return Err(Error::data("Invalid time value")),
        },
        other => quoted_literal(&dumbo_core::json::stringify_sql(other)),
    })
}

pub(super) fn column(def: &ColumnDef, dialect: Dialect) -> Result<String> {
    let mut out = quote_identifier(&def.name, dialect);
    out.push(' ');
    out.push_str(&def.column_type.render(dialect)?);
    if def.primary_key {
        out.push_str(" PRIMARY KEY");
    }
    if def.not_null {
        out.push_str(" NOT NULL");
    }
    if def.unique {
        out.push_str(" UNIQUE");
    }
    if let Some(default) = &def.default {
        out.push_str(" DEFAULT ");
        out.push_str(&inline_default(default)?);
    }
    Ok(out)
}
