//! Schema (DDL) tokens: table and index references, `CREATE SCHEMA`, table renames,
//! column definitions and JSON index targets. Ports the schema and column processors of
//! upstream `storage/postgresql/core/sql/processors/{schemaProcessors,columProcessors}.ts`,
//! `storage/sqlite/core/sql/processors/{schemaProcessors,columProcessors}.ts`,
//! `storage/sqlite/core/schema/sqlitePhysicalNames.ts` and the column processor of
//! `core/sql/processors/columnProcessors.ts`.
//!
//! Every DDL token renders to trusted SQL text with no bound parameters (column
//! defaults are inlined as literals), so `format` and `describe` print the same text and
//! the migration hash covers it byte for byte.
//!
//! SQLite has no schemas: a logical schema is folded into the object name
//! (`"crm.users"`), and names that contain `.` themselves are rejected.

use dumbo_core::json::number_to_js_string;
use dumbo_core::value::iso_string_from_millis;
use dumbo_core::{Error, Result, SqlValue};

use crate::dialect::Dialect;
use crate::identifier::quote_identifier;
use crate::json_path;

/// `DefaultDatabaseSchemaName`: the sentinel for "the dialect's default schema".
pub const DEFAULT_DATABASE_SCHEMA_NAME: &str = "dmb_default_schema";

/// `isDefaultDatabaseSchema`: no schema, or the sentinel.
pub fn is_default_schema(schema: Option<&str>) -> bool {
    matches!(schema, None | Some(DEFAULT_DATABASE_SCHEMA_NAME))
}

/// A table in a (logical) schema; `schema` is `None` or the sentinel for the default one.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRef {
    pub schema: Option<String>,
    pub table: String,
}

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

    fn render(&self, dialect: Dialect) -> Result<String> {
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

/// A schema token; see the module docs.
#[derive(Debug, Clone, PartialEq)]
pub enum DdlToken {
    /// `SQL_TABLE_REFERENCE`.
    TableReference(TableRef),
    /// `SQL_INDEX_REFERENCE`.
    IndexReference {
        schema: Option<String>,
        table: String,
        index: String,
    },
    /// `SQL_CREATE_SCHEMA`: renders nothing for the default schema (and on SQLite).
    CreateSchema { schema: Option<String> },
    /// `SQL_RENAME_TABLE`.
    RenameTable { table: TableRef, new_name: String },
    /// `SQL_COLUMN`.
    Column(ColumnDef),
    /// `SQL_JSON_DOCUMENT_INDEX_TARGET`.
    JsonDocumentIndexTarget { column: String, unique: bool },
    /// `SQL_JSON_PATH_TARGET`.
    JsonPathTarget { column: String, path: Vec<String> },
}

/// `sqliteTableName` / `sqliteIndexName` check: a native name may not contain `.`.
fn assert_native_name(kind: &str, name: &str) -> Result<()> {
    if name.contains('.') {
        return Err(Error::invalid_operation(format!(
            "SQLite {kind} names containing . are reserved for logical schema mapping"
        )));
    }
    Ok(())
}

/// The physical SQLite name of an object in a logical schema: `schema.name`, or
/// `name` in the default schema (upstream `sqliteTableName` / `sqliteIndexName`).
pub fn sqlite_physical_name(kind: &str, schema: Option<&str>, name: &str) -> Result<String> {
    assert_native_name(kind, name)?;
    match schema {
        Some(schema) if !is_default_schema(Some(schema)) => {
            assert_native_name("database schema", schema)?;
            Ok(format!("{schema}.{name}"))
        }
        _ => Ok(name.to_owned()),
    }
}

fn table_reference(table: &TableRef, dialect: Dialect) -> Result<String> {
    match dialect {
        Dialect::PostgreSQL => match table.schema.as_deref() {
            Some(schema) if !is_default_schema(Some(schema)) => Ok(format!(
                "{}.{}",
                quote_identifier(schema, dialect),
                quote_identifier(&table.table, dialect)
            )),
            _ => Ok(quote_identifier(&table.table, dialect)),
        },
        Dialect::SQLite => Ok(quote_identifier(
            &sqlite_physical_name("table", table.schema.as_deref(), &table.table)?,
            dialect,
        )),
    }
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

fn column(def: &ColumnDef, dialect: Dialect) -> Result<String> {
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

impl DdlToken {
    /// The token's SQL text in `dialect` (empty for `CREATE SCHEMA` on SQLite or for the
    /// default schema).
    pub fn render(&self, dialect: Dialect) -> Result<String> {
        let pg = dialect == Dialect::PostgreSQL;
        match self {
            DdlToken::TableReference(table) => table_reference(table, dialect),
            DdlToken::IndexReference {
                schema,
                table: _,
                index,
            } => {
                if pg {
                    // PostgreSQL creates an index in its table's schema: the name stays bare.
                    Ok(quote_identifier(index, dialect))
                } else {
                    Ok(quote_identifier(
                        &sqlite_physical_name("index", schema.as_deref(), index)?,
                        dialect,
                    ))
                }
            }
            DdlToken::CreateSchema { schema } => match schema.as_deref() {
                Some(schema) if pg && !is_default_schema(Some(schema)) => Ok(format!(
                    "CREATE SCHEMA IF NOT EXISTS {}",
                    quote_identifier(schema, dialect)
                )),
                _ => Ok(String::new()),
            },
            DdlToken::RenameTable { table, new_name } => {
                let from = table_reference(table, dialect)?;
                let to = if pg {
                    quote_identifier(new_name, dialect)
                } else {
                    table_reference(
                        &TableRef {
                            schema: table.schema.clone(),
                            table: new_name.clone(),
                        },
                        dialect,
                    )?
                };
                Ok(format!("ALTER TABLE {from} RENAME TO {to}"))
            }
            DdlToken::Column(def) => column(def, dialect),
            DdlToken::JsonDocumentIndexTarget { column, unique } => {
                let open = if pg && !unique { "USING GIN (" } else { "(" };
                Ok(format!("{open}{})", quote_identifier(column, dialect)))
            }
            DdlToken::JsonPathTarget { column, path } => {
                let segments: Vec<&str> = path.iter().map(String::as_str).collect();
                let column = quote_identifier(column, dialect);
                if pg {
                    Ok(format!(
                        "(({column} #>> {}))",
                        json_path::pg_path(&segments)
                    ))
                } else {
                    Ok(format!(
                        "(json_extract({column}, {}))",
                        json_path::sqlite_path_segments(&segments)
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    const PG: Dialect = Dialect::PostgreSQL;
    const LITE: Dialect = Dialect::SQLite;

    fn table(schema: Option<&str>, name: &str) -> TableRef {
        TableRef {
            schema: schema.map(str::to_owned),
            table: name.to_owned(),
        }
    }

    fn render(token: &DdlToken, dialect: Dialect) -> String {
        match token.render(dialect) {
            Ok(s) => s,
            Err(e) => panic!("render failed: {e}"),
        }
    }

    fn render_err(token: &DdlToken, dialect: Dialect) -> Error {
        match token.render(dialect) {
            Ok(s) => panic!("expected an error, got {s}"),
            Err(e) => e,
        }
    }

    fn col(name: &str, column_type: ColumnType) -> ColumnDef {
        ColumnDef {
            name: name.to_owned(),
            column_type,
            primary_key: false,
            not_null: false,
            unique: false,
            default: None,
        }
    }

    #[test]
    fn table_references_per_dialect() {
        let crm = DdlToken::TableReference(table(Some("crm"), "users"));
        assert_eq!(render(&crm, PG), "crm.users");
        assert_eq!(render(&crm, LITE), "\"crm.users\"");
        let default = DdlToken::TableReference(table(Some(DEFAULT_DATABASE_SCHEMA_NAME), "users"));
        assert_eq!(render(&default, PG), "users");
        assert_eq!(render(&default, LITE), "users");
        let none = DdlToken::TableReference(table(None, "users"));
        assert_eq!(render(&none, PG), "users");
        let reserved = DdlToken::TableReference(table(Some("order"), "user"));
        assert_eq!(render(&reserved, PG), "\"order\".\"user\"");
    }

    #[test]
    fn sqlite_rejects_dotted_native_names() {
        for (token, message) in [
            (
                DdlToken::TableReference(table(Some("crm"), "a.b")),
                "SQLite table names containing . are reserved for logical schema mapping",
            ),
            (
                DdlToken::TableReference(table(Some("c.rm"), "users")),
                "SQLite database schema names containing . are reserved for logical schema mapping",
            ),
            (
                DdlToken::IndexReference {
                    schema: Some("crm".into()),
                    table: "users".into(),
                    index: "a.idx".into(),
                },
                "SQLite index names containing . are reserved for logical schema mapping",
            ),
        ] {
            let e = render_err(&token, LITE);
            assert_eq!(e.kind, ErrorKind::InvalidOperation);
            assert_eq!(e.message, message);
        }
        // A dotted table in the default schema is still rejected; PostgreSQL quotes it.
        let dotted = DdlToken::TableReference(table(None, "a.b"));
        assert!(dotted.render(LITE).is_err());
        assert_eq!(render(&dotted, PG), "\"a.b\"");
    }

    #[test]
    fn index_references() {
        let idx = DdlToken::IndexReference {
            schema: Some("crm".into()),
            table: "users".into(),
            index: "users_email_idx".into(),
        };
        assert_eq!(render(&idx, PG), "users_email_idx");
        assert_eq!(render(&idx, LITE), "\"crm.users_email_idx\"");
    }

    #[test]
    fn create_schema() {
        let crm = DdlToken::CreateSchema {
            schema: Some("crm".into()),
        };
        assert_eq!(render(&crm, PG), "CREATE SCHEMA IF NOT EXISTS crm");
        assert_eq!(render(&crm, LITE), "");
        let default = DdlToken::CreateSchema {
            schema: Some(DEFAULT_DATABASE_SCHEMA_NAME.into()),
        };
        assert_eq!(render(&default, PG), "");
    }

    #[test]
    fn rename_table() {
        let rename = DdlToken::RenameTable {
            table: table(Some("crm"), "users"),
            new_name: "archived_users".into(),
        };
        assert_eq!(
            render(&rename, PG),
            "ALTER TABLE crm.users RENAME TO archived_users"
        );
        assert_eq!(
            render(&rename, LITE),
            "ALTER TABLE \"crm.users\" RENAME TO \"crm.archived_users\""
        );
    }

    #[test]
    fn json_index_targets() {
        let doc = |unique| DdlToken::JsonDocumentIndexTarget {
            column: "data".into(),
            unique,
        };
        assert_eq!(render(&doc(false), PG), "USING GIN (data)");
        assert_eq!(render(&doc(true), PG), "(data)");
        assert_eq!(render(&doc(false), LITE), "(data)");
        let path = DdlToken::JsonPathTarget {
            column: "data".into(),
            path: vec!["profile".into(), "email".into()],
        };
        assert_eq!(render(&path, PG), "((data #>> '{profile,email}'))");
        assert_eq!(
            render(&path, LITE),
            "(json_extract(data, '$.profile.email'))"
        );
        let dotted = DdlToken::JsonPathTarget {
            column: "data".into(),
            path: vec!["user.name".into()],
        };
        assert_eq!(
            render(&dotted, LITE),
            "(json_extract(data, '$.\"user.name\"'))"
        );
    }

    #[test]
    fn column_types_per_dialect() {
        let cases: Vec<(ColumnType, &str, &str)> = vec![
            (
                ColumnType::AutoIncrement {
                    primary_key: true,
                    bigint: false,
                },
                "SERIAL PRIMARY KEY",
                "INTEGER PRIMARY KEY AUTOINCREMENT",
            ),
            (
                ColumnType::AutoIncrement {
                    primary_key: true,
                    bigint: true,
                },
                "BIGSERIAL PRIMARY KEY",
                "INTEGER PRIMARY KEY AUTOINCREMENT",
            ),
            (
                ColumnType::AutoIncrement {
                    primary_key: false,
                    bigint: false,
                },
                "SERIAL ",
                "INTEGER  AUTOINCREMENT",
            ),
            (ColumnType::BigInteger, "BIGINT", "INTEGER"),
            (ColumnType::BigSerial, "BIGSERIAL", "INTEGER"),
            (ColumnType::Boolean, "BOOLEAN", "INTEGER"),
            (ColumnType::Integer, "INTEGER", "INTEGER"),
            (ColumnType::Json, "JSONB", "TEXT"),
            (ColumnType::Jsonb, "JSONB", "BLOB"),
            (ColumnType::Serial, "SERIAL", "INTEGER"),
            (ColumnType::Text, "TEXT", "TEXT"),
            (ColumnType::Timestamp, "TIMESTAMP", "DATETIME"),
            (ColumnType::Timestamptz, "TIMESTAMPTZ", "DATETIME"),
            (
                ColumnType::Varchar(Some(255.0)),
                "VARCHAR (255)",
                "VARCHAR (255)",
            ),
            (ColumnType::Varchar(None), "VARCHAR", "VARCHAR"),
            (ColumnType::Raw("citext".into()), "citext", "citext"),
        ];
        for (t, pg, lite) in cases {
            let c = DdlToken::Column(col("c", t));
            assert_eq!(render(&c, PG), format!("c {pg}"));
            assert_eq!(render(&c, LITE), format!("c {lite}"));
        }
        let unknown = DdlToken::Column(col("c", ColumnType::from_token_type("SQL_COLUMN_MONEY")));
        let e = render_err(&unknown, PG);
        assert_eq!(e.kind, ErrorKind::NotRegistered);
        assert_eq!(
            e.message,
            "No SQL processor registered for column type: SQL_COLUMN_MONEY"
        );
    }

    #[test]
    fn column_constraints_and_defaults() {
        let mut c = col("name", ColumnType::Varchar(Some(255.0)));
        c.not_null = true;
        c.unique = true;
        c.primary_key = true;
        c.default = Some(ColumnDefault::Value(SqlValue::Text("it's".into())));
        assert_eq!(
            render(&DdlToken::Column(c.clone()), PG),
            "name VARCHAR (255) PRIMARY KEY NOT NULL UNIQUE DEFAULT 'it''s'"
        );
        let defaults: Vec<(ColumnDefault, &str)> = vec![
            (
                ColumnDefault::Plain("CURRENT_TIMESTAMP".into()),
                "CURRENT_TIMESTAMP",
            ),
            (ColumnDefault::Value(SqlValue::Null), "NULL"),
            (ColumnDefault::Value(SqlValue::Bool(true)), "TRUE"),
            (ColumnDefault::Value(SqlValue::Bool(false)), "FALSE"),
            (ColumnDefault::Value(SqlValue::Integer(42)), "42"),
            (ColumnDefault::Value(SqlValue::Float(1.5)), "1.5"),
            (
                ColumnDefault::Value(SqlValue::BigInt(9_007_199_254_740_993)),
                "9007199254740993",
            ),
            (
                ColumnDefault::Value(SqlValue::Date(1_684_152_000_000.0)),
                "'2023-05-15T12:00:00.000Z'",
            ),
            (
                ColumnDefault::Value(SqlValue::Json("{\"a\":\"b'c\"}".into())),
                "'{\"a\":\"b''c\"}'",
            ),
        ];
        for (default, expected) in defaults {
            let mut c = col("d", ColumnType::Text);
            c.default = Some(default);
            assert_eq!(
                render(&DdlToken::Column(c), LITE),
                format!("d TEXT DEFAULT {expected}")
            );
        }
        let mut bad = col("d", ColumnType::Text);
        bad.default = Some(ColumnDefault::Token("SQL_IDENTIFIER".into()));
        let e = render_err(&DdlToken::Column(bad), PG);
        assert_eq!(e.kind, ErrorKind::InvalidOperation);
        assert_eq!(
            e.message,
            "Unsupported SQL token \"SQL_IDENTIFIER\" as a column default"
        );
    }

    #[test]
    fn column_names_are_quoted_when_needed() {
        let c = DdlToken::Column(col("timestamp", ColumnType::Timestamp));
        // `timestamp` is not reserved in either map (the ledger column relies on it).
        assert_eq!(render(&c, PG), "timestamp TIMESTAMP");
        let c = DdlToken::Column(col("Order", ColumnType::Text));
        assert_eq!(render(&c, PG), "\"Order\" TEXT");
    }
}
