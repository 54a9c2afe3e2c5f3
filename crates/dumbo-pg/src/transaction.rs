//! SQL text for transactions and savepoints (run with `PgClient::batch_execute`).

use dumbo_core::{Error, Result};

pub const COMMIT_SQL: &str = "COMMIT";
pub const ROLLBACK_SQL: &str = "ROLLBACK";

/// The levels `BEGIN ISOLATION LEVEL …` accepts, weakest first (the order option
/// errors list them in).
pub const ISOLATION_LEVELS: [&str; 4] = [
    "READ UNCOMMITTED",
    "READ COMMITTED",
    "REPEATABLE READ",
    "SERIALIZABLE",
];

/// `BEGIN [ISOLATION LEVEL …] [READ ONLY]`; the level is matched case-insensitively.
pub fn begin_sql(isolation_level: Option<&str>, readonly: bool) -> Result<String> {
    let mut sql = String::from("BEGIN");
    if let Some(level) = isolation_level {
        let known = ISOLATION_LEVELS
            .iter()
            .find(|known| known.eq_ignore_ascii_case(level.trim()))
            .ok_or_else(|| {
                Error::invalid_operation(format!("Unsupported PostgreSQL isolation level: {level}"))
            })?;
        sql.push_str(" ISOLATION LEVEL ");
        sql.push_str(known);
    }
    if readonly {
        sql.push_str(" READ ONLY");
    }
    Ok(sql)
}

/// Opens nested level `level`.
pub fn savepoint_sql(level: u32) -> String {
    format!("SAVEPOINT pg_savepoint_{level}")
}

/// Commits nested level `level` into its parent.
pub fn release_sql(level: u32) -> String {
    format!("RELEASE SAVEPOINT pg_savepoint_{level}")
}

/// Undoes nested level `level`.
pub fn rollback_to_sql(level: u32) -> String {
    format!("ROLLBACK TO SAVEPOINT pg_savepoint_{level}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    #[test]
    fn builds_begin() {
        let begin = |level, ro| begin_sql(level, ro).ok();
        assert_eq!(begin(None, false).as_deref(), Some("BEGIN"));
        assert_eq!(begin(None, true).as_deref(), Some("BEGIN READ ONLY"));
        assert_eq!(
            begin(Some("serializable"), false).as_deref(),
            Some("BEGIN ISOLATION LEVEL SERIALIZABLE")
        );
        assert_eq!(
            begin(Some("Repeatable Read"), true).as_deref(),
            Some("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        );
        assert_eq!(
            begin(Some("READ COMMITTED"), false).as_deref(),
            Some("BEGIN ISOLATION LEVEL READ COMMITTED")
        );
        assert_eq!(
            begin(Some("read uncommitted"), false).as_deref(),
            Some("BEGIN ISOLATION LEVEL READ UNCOMMITTED")
        );
    }

    #[test]
    fn rejects_unknown_levels() {
        let e = begin_sql(Some("SNAPSHOT; DROP TABLE x"), false).err();
        let e = e.expect("rejected");
        assert_eq!(e.kind, ErrorKind::InvalidOperation);
        assert_eq!(
            e.message,
            "Unsupported PostgreSQL isolation level: SNAPSHOT; DROP TABLE x"
        );
    }

    #[test]
    fn builds_savepoints() {
        assert_eq!(savepoint_sql(2), "SAVEPOINT pg_savepoint_2");
        assert_eq!(release_sql(2), "RELEASE SAVEPOINT pg_savepoint_2");
        assert_eq!(rollback_to_sql(3), "ROLLBACK TO SAVEPOINT pg_savepoint_3");
        assert_eq!(COMMIT_SQL, "COMMIT");
        assert_eq!(ROLLBACK_SQL, "ROLLBACK");
    }
}
