//! Parameters in PostgreSQL's text format, as node-postgres sends them (STUB: helper B).
use dumbo_core::SqlValue;

/// One bound parameter. Implements `postgres_types::ToSql` for every server type.
#[derive(Debug)]
pub struct Param<'a>(pub &'a SqlValue);

/// Wraps every value.
pub fn params(values: &[SqlValue]) -> Vec<Param<'_>> {
    values.iter().map(Param).collect()
}
