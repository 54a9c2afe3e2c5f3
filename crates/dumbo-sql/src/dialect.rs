//! Dialects and processor registries: the configuration of upstream's `pgFormatter`
//! and `sqliteFormatter`, and the choice between `defaultProcessorsRegistry` and the
//! dialect registries.

use std::fmt::Write;

/// A registered formatter dialect (upstream `registerFormatter` keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    SQLite,
    PostgreSQL,
}

impl Dialect {
    /// The upstream registry key: `"SQLite"` or `"PostgreSQL"`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::SQLite => "SQLite",
            Dialect::PostgreSQL => "PostgreSQL",
        }
    }

    /// Parses an upstream registry key (exact spelling, like `getFormatter`).
    pub fn from_name(s: &str) -> Option<Dialect> {
        match s {
            "SQLite" => Some(Dialect::SQLite),
            "PostgreSQL" => Some(Dialect::PostgreSQL),
            _ => None,
        }
    }

    /// `mapPlaceholder(index)` as a string.
    pub fn placeholder(self, index: usize) -> String {
        let mut out = String::new();
        self.push_placeholder(&mut out, index);
        out
    }

    /// `mapPlaceholder(index)`: `?` for SQLite, `$<index + 1>` for PostgreSQL.
    pub(crate) fn push_placeholder(self, out: &mut String, index: usize) {
        match self {
            Dialect::SQLite => out.push('?'),
            Dialect::PostgreSQL => {
                // Infallible: writing to a String.
                let _ = write!(out, "${}", index + 1);
            }
        }
    }
}

/// Which processors registry handles the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Processors {
    /// `defaultProcessorsRegistry`, as used by `SQL.format(sql, formatter)` and
    /// `SQL.describe(sql, formatter)`: arrays always expand, `SQL.in` is always `IN (...)`.
    Default,
    /// The dialect's own registry, as used by `pgFormatter.format` /
    /// `sqliteFormatter.format` (and their `describe`) in the executors and the migrator.
    Dialect,
}

impl Processors {
    /// Whether arrays without `mode: 'params'` are bound as one native array param.
    pub(crate) fn native_arrays(self, dialect: Dialect) -> bool {
        self == Processors::Dialect && dialect == Dialect::PostgreSQL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for d in [Dialect::SQLite, Dialect::PostgreSQL] {
            assert_eq!(Dialect::from_name(d.name()), Some(d));
        }
        assert_eq!(Dialect::from_name("sqlite"), None);
        assert_eq!(Dialect::from_name("postgres"), None);
    }

    #[test]
    fn placeholders() {
        let mut out = String::new();
        Dialect::SQLite.push_placeholder(&mut out, 0);
        Dialect::SQLite.push_placeholder(&mut out, 7);
        Dialect::PostgreSQL.push_placeholder(&mut out, 0);
        Dialect::PostgreSQL.push_placeholder(&mut out, 9);
        assert_eq!(out, "??$1$10");
        assert_eq!(Dialect::PostgreSQL.placeholder(2), "$3");
        assert_eq!(Dialect::SQLite.placeholder(2), "?");
    }

    #[test]
    fn only_postgresql_dialect_processors_bind_native_arrays() {
        assert!(Processors::Dialect.native_arrays(Dialect::PostgreSQL));
        assert!(!Processors::Default.native_arrays(Dialect::PostgreSQL));
        assert!(!Processors::Dialect.native_arrays(Dialect::SQLite));
        assert!(!Processors::Default.native_arrays(Dialect::SQLite));
    }
}
