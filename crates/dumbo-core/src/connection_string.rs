//! Port of upstream `storage/all/connections/connectionString.ts`: which built-in
//! connector a connection string belongs to.

use crate::{Error, Result};

pub const SQLITE_CONNECTOR: &str = "SQLite:sqlite3";
pub const POSTGRESQL_CONNECTOR: &str = "PostgreSQL:pg";

/// The built-in connector for a connection string, if any.
pub fn detect_connector(connection_string: &str) -> Option<&'static str> {
    let cs = connection_string;
    if cs.starts_with("postgresql://") || cs.starts_with("postgres://") {
        Some(POSTGRESQL_CONNECTOR)
    } else if cs.starts_with("file:")
        || cs == ":memory:"
        || cs.starts_with('/')
        || cs.starts_with("./")
    {
        Some(SQLITE_CONNECTOR)
    } else {
        None
    }
}

/// The error for a string no plugin claims. Passwords are masked before the string is echoed.
pub fn unsupported_connection_string(connection_string: &str, registered: &[&str]) -> Error {
    Error::invalid_operation(format!(
        "Unsupported database connection string: {}. Registered connectors: {}",
        mask_secrets(connection_string),
        if registered.is_empty() {
            "(none)".to_owned()
        } else {
            registered.join(", ")
        }
    ))
}

/// Replaces the password of a `scheme://user:password@host` string with `***`.
pub fn mask_password(connection_string: &str) -> String {
    let Some(scheme_end) = connection_string.find("://") else {
        return connection_string.to_owned();
    };
    let rest = &connection_string[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return connection_string.to_owned();
    };
    let userinfo = &authority[..at];
    let Some(colon) = userinfo.find(':') else {
        return connection_string.to_owned();
    };
    format!(
        "{}{}:***{}",
        &connection_string[..scheme_end + 3],
        &userinfo[..colon],
        &connection_string[scheme_end + 3 + at..]
    )
}

/// `cs` for an error message: the userinfo password masked (also in a string without
/// a scheme, `user:secret@host/db`, which is easy to pass by mistake), and the value
/// of every `password` query parameter (`…?password=secret`, cut at `&` and `#`).
pub fn mask_secrets(cs: &str) -> String {
    let masked = if cs.contains("://") {
        mask_password(cs)
    } else {
        let end = cs.find(['/', '?', '#']).unwrap_or(cs.len());
        match (cs[..end].find(':'), cs[..end].rfind('@')) {
            (Some(colon), Some(at)) if colon < at => format!("{}:***{}", &cs[..colon], &cs[at..]),
            _ => cs.to_owned(),
        }
    };
    let Some((head, rest)) = masked.split_once('?') else {
        return masked;
    };
    let mut out = format!("{head}?");
    for piece in rest.split_inclusive(['&', '#']) {
        let (pair, separator) = match piece.char_indices().last() {
            Some((i, c)) if c == '&' || c == '#' => (&piece[..i], &piece[i..]),
            _ => (piece, ""),
        };
        match pair.split_once('=') {
            Some((key, _)) if key.trim().eq_ignore_ascii_case("password") => {
                out.push_str(key);
                out.push_str("=***");
            }
            _ => out.push_str(pair),
        }
        out.push_str(separator);
    }
    out
}

/// Ensures a value is usable as a connection string.
pub fn require_non_empty(connection_string: &str) -> Result<()> {
    if connection_string.trim().is_empty() {
        return Err(Error::invalid_operation(
            "Connection string must not be empty",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_builtin_connectors() {
        assert_eq!(
            detect_connector("postgresql://x/db"),
            Some(POSTGRESQL_CONNECTOR)
        );
        assert_eq!(
            detect_connector("postgres://x/db"),
            Some(POSTGRESQL_CONNECTOR)
        );
        assert_eq!(detect_connector("file:./a.db"), Some(SQLITE_CONNECTOR));
        assert_eq!(detect_connector(":memory:"), Some(SQLITE_CONNECTOR));
        assert_eq!(detect_connector("/tmp/a.db"), Some(SQLITE_CONNECTOR));
        assert_eq!(detect_connector("./a.db"), Some(SQLITE_CONNECTOR));
        assert_eq!(detect_connector("a.db"), None);
        assert_eq!(detect_connector("mysql://localhost:3306/dumbo"), None);
        assert_eq!(detect_connector("file::memory:"), Some(SQLITE_CONNECTOR));
    }

    #[test]
    fn masks_passwords() {
        assert_eq!(
            mask_password("mysql://root:s3cret@localhost:3306/db"),
            "mysql://root:***@localhost:3306/db"
        );
        assert_eq!(
            mask_password("mysql://root@localhost/db"),
            "mysql://root@localhost/db"
        );
        assert_eq!(mask_password("x://a:b:c@h"), "x://a:***@h");
        assert_eq!(
            mask_secrets("someone:s3cret@host/db"),
            "someone:***@host/db"
        );
        assert_eq!(
            mask_secrets("mysql://u:pw@h/db?user=u&password=x2#f"),
            "mysql://u:***@h/db?user=u&password=***#f"
        );
        assert_eq!(mask_secrets("./a:b.db"), "./a:b.db");
        assert_eq!(mask_secrets(":memory:"), ":memory:");
        let e = unsupported_connection_string("mysql://u:pw@h/db", &["SQLite:sqlite3"]);
        assert_eq!(
            e.message,
            "Unsupported database connection string: mysql://u:***@h/db. Registered connectors: SQLite:sqlite3"
        );
    }
}
