//! Schema (DDL) tokens: table and index references, `CREATE SCHEMA`, table renames,
//! column definitions and JSON index targets: upstream's schema and column processors
//! for PostgreSQL and SQLite, SQLite's physical names and the default column processor.
//!
//! Every DDL token renders to trusted SQL text with no bound parameters (column
//! defaults are inlined as literals), so `format` and `describe` print the same text and
//! the migration hash covers it byte for byte.
//!
//! SQLite has no schemas: a logical schema is folded into the object name
//! (`"crm.users"`), and names that contain `.` themselves are rejected.

mod column;
mod naming;
#[cfg(test)]
mod tests;

use dumbo_core::Result;

use crate::dialect::Dialect;
use crate::identifier::quote_identifier;
use crate::json_path;

pub use column::{ColumnDef, ColumnDefault, ColumnType};
pub use naming::sqlite_physical_name;

use column::column;
use naming::table_reference;

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
