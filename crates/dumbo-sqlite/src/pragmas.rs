//! SQLite pragma options as upstream has them (with `DEFAULT_SQLITE_PRAGMA_OPTIONS`,
//! which the JS layer reads from here): their precedence, and the statements that
//! apply them.
//!
//! Unlike upstream, every user-provided value is validated before it is written
//! into a `PRAGMA` statement, so nothing unchecked is spliced into SQL.

use dumbo_core::{Error, Result};

/// Upstream `SQLitePragmaOptions`; `None` means "not set at this level".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PragmaOptions {
    pub journal_mode: Option<String>,
    pub synchronous: Option<String>,
    pub cache_size: Option<i64>,
    pub foreign_keys: Option<bool>,
    pub temp_store: Option<String>,
    pub busy_timeout: Option<u64>,
    pub mmap_size: Option<i64>,
}

impl PragmaOptions {
    /// Upstream `DEFAULT_SQLITE_PRAGMA_OPTIONS`.
    pub fn defaults() -> Self {
        PragmaOptions {
            journal_mode: Some("WAL".to_owned()),
            synchronous: Some("NORMAL".to_owned()),
            cache_size: Some(-1_000_000),
            foreign_keys: Some(true),
            temp_store: Some("MEMORY".to_owned()),
            busy_timeout: Some(5000),
            mmap_size: Some(268_435_456),
        }
    }

    /// `{ ...base, ...self }`: every field set in `self` wins over `base`.
    /// Upstream precedence is `defaults < file: URI < pragmaOptions`, i.e.
    /// `user.merged_over(uri.merged_over(PragmaOptions::defaults()))`.
    pub fn merged_over(self, base: PragmaOptions) -> PragmaOptions {
        PragmaOptions {
            journal_mode: self.journal_mode.or(base.journal_mode),
            synchronous: self.synchronous.or(base.synchronous),
            cache_size: self.cache_size.or(base.cache_size),
            foreign_keys: self.foreign_keys.or(base.foreign_keys),
            temp_store: self.temp_store.or(base.temp_store),
            busy_timeout: self.busy_timeout.or(base.busy_timeout),
            mmap_size: self.mmap_size.or(base.mmap_size),
        }
    }
}

const JOURNAL_MODES: &[&str] = &["DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF"];
const SYNCHRONOUS: &[&str] = &["OFF", "NORMAL", "FULL", "EXTRA", "0", "1", "2", "3"];
const TEMP_STORES: &[&str] = &["DEFAULT", "FILE", "MEMORY", "0", "1", "2"];

/// Largest timeout SQLite's `sqlite3_busy_timeout` accepts (an `int` of ms).
const MAX_BUSY_TIMEOUT_MS: u64 = i32::MAX as u64;

/// Pragmas checked and normalised, ready to be applied in upstream order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ValidatedPragmas {
    /// Applied through the busy handler, not as a `PRAGMA` (like upstream's
    /// `db.configure('busyTimeout', n)`); already clamped to SQLite's range.
    pub busy_timeout_ms: Option<u64>,
    /// Connection-level `PRAGMA` statements: synchronous, cache_size,
    /// foreign_keys, temp_store, mmap_size (those that are set).
    pub connection: Vec<String>,
    /// Database-level journal mode, upper-cased.
    pub journal_mode: Option<String>,
}

/// Checks every value against the modes SQLite accepts and builds the statements
/// (upstream `buildConnectionPragmaStatements` / `buildDatabasePragmaStatements`).
pub(crate) fn validate(p: &PragmaOptions) -> Result<ValidatedPragmas> {
    let mut connection = Vec::with_capacity(5);
    if let Some(v) = &p.synchronous {
        let v = one_of("synchronous", v, SYNCHRONOUS)?;
        connection.push(format!("PRAGMA synchronous = {v}"));
    }
    if let Some(v) = p.cache_size {
        connection.push(format!("PRAGMA cache_size = {v}"));
    }
    if let Some(v) = p.foreign_keys {
        let v = if v { "ON" } else { "OFF" };
        connection.push(format!("PRAGMA foreign_keys = {v}"));
    }
    if let Some(v) = &p.temp_store {
        let v = one_of("temp_store", v, TEMP_STORES)?;
        connection.push(format!("PRAGMA temp_store = {v}"));
    }
    if let Some(v) = p.mmap_size {
        connection.push(format!("PRAGMA mmap_size = {v}"));
    }
    let journal_mode = match &p.journal_mode {
        Some(v) => Some(one_of("journal_mode", v, JOURNAL_MODES)?),
        None => None,
    };
    Ok(ValidatedPragmas {
        busy_timeout_ms: p.busy_timeout.map(|ms| ms.min(MAX_BUSY_TIMEOUT_MS)),
        connection,
        journal_mode,
    })
}

/// `PRAGMA journal_mode = <mode>`; `mode` must come from [`validate`].
pub(crate) fn set_journal_mode_sql(mode: &str) -> String {
    format!("PRAGMA journal_mode = {mode}")
}

fn one_of(pragma: &str, value: &str, allowed: &[&str]) -> Result<String> {
    let upper = value.trim().to_ascii_uppercase();
    if allowed.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(Error::invalid_operation(format!(
            "Invalid SQLite pragma {pragma}: \"{value}\". Expected one of: {}.",
            allowed.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    #[test]
    fn defaults_match_upstream() {
        let d = PragmaOptions::defaults();
        assert_eq!(d.journal_mode.as_deref(), Some("WAL"));
        assert_eq!(d.synchronous.as_deref(), Some("NORMAL"));
        assert_eq!(d.cache_size, Some(-1_000_000));
        assert_eq!(d.foreign_keys, Some(true));
        assert_eq!(d.temp_store.as_deref(), Some("MEMORY"));
        assert_eq!(d.busy_timeout, Some(5000));
        assert_eq!(d.mmap_size, Some(268_435_456));
    }

    #[test]
    fn precedence_defaults_then_uri_then_user() {
        let uri = PragmaOptions {
            journal_mode: Some("DELETE".into()),
            busy_timeout: Some(100),
            ..Default::default()
        };
        let user = PragmaOptions {
            busy_timeout: Some(200),
            foreign_keys: Some(false),
            ..Default::default()
        };
        let merged = user.merged_over(uri.merged_over(PragmaOptions::defaults()));
        assert_eq!(merged.journal_mode.as_deref(), Some("DELETE"));
        assert_eq!(merged.busy_timeout, Some(200));
        assert_eq!(merged.foreign_keys, Some(false));
        assert_eq!(merged.synchronous.as_deref(), Some("NORMAL"));
    }

    #[test]
    fn statements_in_upstream_order() {
        let v = validate(&PragmaOptions::defaults()).unwrap();
        assert_eq!(v.busy_timeout_ms, Some(5000));
        assert_eq!(
            v.connection,
            vec![
                "PRAGMA synchronous = NORMAL",
                "PRAGMA cache_size = -1000000",
                "PRAGMA foreign_keys = ON",
                "PRAGMA temp_store = MEMORY",
                "PRAGMA mmap_size = 268435456",
            ]
        );
        assert_eq!(v.journal_mode.as_deref(), Some("WAL"));
        assert_eq!(set_journal_mode_sql("WAL"), "PRAGMA journal_mode = WAL");
    }

    #[test]
    fn unset_values_are_skipped() {
        let v = validate(&PragmaOptions::default()).unwrap();
        assert_eq!(v, ValidatedPragmas::default());
    }

    #[test]
    fn values_are_normalised_case_insensitively() {
        let v = validate(&PragmaOptions {
            journal_mode: Some("wal".into()),
            synchronous: Some("2".into()),
            temp_store: Some("file".into()),
            foreign_keys: Some(false),
            busy_timeout: Some(u64::MAX),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(v.journal_mode.as_deref(), Some("WAL"));
        assert_eq!(
            v.connection,
            vec![
                "PRAGMA synchronous = 2",
                "PRAGMA foreign_keys = OFF",
                "PRAGMA temp_store = FILE"
            ]
        );
        assert_eq!(v.busy_timeout_ms, Some(i32::MAX as u64));
    }

    #[test]
    fn rejects_anything_else() {
        let cases = [
            PragmaOptions {
                journal_mode: Some("WAL; DROP TABLE users".into()),
                ..Default::default()
            },
            PragmaOptions {
                synchronous: Some("4".into()),
                ..Default::default()
            },
            PragmaOptions {
                temp_store: Some("DISK".into()),
                ..Default::default()
            },
            PragmaOptions {
                journal_mode: Some(String::new()),
                ..Default::default()
            },
        ];
        for p in cases {
            let err = validate(&p).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidOperation);
            assert!(err.message.starts_with("Invalid SQLite pragma "), "{err}");
        }
        let err = validate(&PragmaOptions {
            journal_mode: Some("bogus".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            err.message,
            "Invalid SQLite pragma journal_mode: \"bogus\". Expected one of: DELETE, TRUNCATE, PERSIST, MEMORY, WAL, OFF."
        );
    }
}
