//! The SQL upstream's `sqliteTransaction` issues: `BEGIN <mode> TRANSACTION` and the `transaction<n>`
//! savepoints. The nesting state machine itself lives in the JS/core layer.

use dumbo_core::{Error, Result};

/// `COMMIT`.
pub const COMMIT_SQL: &str = "COMMIT";
/// `ROLLBACK`.
pub const ROLLBACK_SQL: &str = "ROLLBACK";

/// The modes `BEGIN <mode> TRANSACTION` accepts.
pub const TRANSACTION_MODES: [&str; 3] = ["DEFERRED", "IMMEDIATE", "EXCLUSIVE"];

/// The mode of a transaction that names none: the write lock is taken at `BEGIN`,
/// so two writers wait for each other instead of failing with `SQLITE_BUSY` later.
pub const DEFAULT_TRANSACTION_MODE: &str = "IMMEDIATE";

/// `BEGIN <mode> TRANSACTION`; the mode defaults to [`DEFAULT_TRANSACTION_MODE`] and
/// must be one of [`TRANSACTION_MODES`] (case-insensitive).
pub fn begin_sql(mode: Option<&str>) -> Result<String> {
    let mode = match mode {
        None => DEFAULT_TRANSACTION_MODE,
        Some(m) => TRANSACTION_MODES
            .into_iter()
            .find(|known| known.eq_ignore_ascii_case(m))
            .ok_or_else(|| {
                Error::invalid_operation(format!("Unsupported SQLite transaction mode: {m}"))
            })?,
    };
    Ok(format!("BEGIN {mode} TRANSACTION"))
}

/// `SAVEPOINT transaction<level>`.
pub fn savepoint_sql(level: u32) -> String {
    format!("SAVEPOINT transaction{level}")
}

/// `RELEASE transaction<level>`.
pub fn release_sql(level: u32) -> String {
    format!("RELEASE transaction{level}")
}

/// `ROLLBACK TO transaction<level>`.
pub fn rollback_to_sql(level: u32) -> String {
    format!("ROLLBACK TO transaction{level}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    #[test]
    fn begin_modes() {
        assert_eq!(begin_sql(None).unwrap(), "BEGIN IMMEDIATE TRANSACTION");
        assert_eq!(
            begin_sql(Some("deferred")).unwrap(),
            "BEGIN DEFERRED TRANSACTION"
        );
        assert_eq!(
            begin_sql(Some("Immediate")).unwrap(),
            "BEGIN IMMEDIATE TRANSACTION"
        );
        assert_eq!(
            begin_sql(Some("EXCLUSIVE")).unwrap(),
            "BEGIN EXCLUSIVE TRANSACTION"
        );
        for bad in ["", "READ ONLY", "IMMEDIATE; DROP TABLE x"] {
            let err = begin_sql(Some(bad)).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidOperation);
            assert!(err.message.contains(bad));
        }
    }

    #[test]
    fn savepoints() {
        assert_eq!(savepoint_sql(2), "SAVEPOINT transaction2");
        assert_eq!(release_sql(2), "RELEASE transaction2");
        assert_eq!(rollback_to_sql(3), "ROLLBACK TO transaction3");
        assert_eq!(COMMIT_SQL, "COMMIT");
        assert_eq!(ROLLBACK_SQL, "ROLLBACK");
    }
}
