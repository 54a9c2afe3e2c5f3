//! Table references and SQLite's folding of logical schemas into object names.

use dumbo_core::{Error, Result};

use super::{is_default_schema, TableRef};
use crate::dialect::Dialect;
use crate::identifier::quote_identifier;

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

pub(super) fn table_reference(table: &TableRef, dialect: Dialect) -> Result<String> {
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
