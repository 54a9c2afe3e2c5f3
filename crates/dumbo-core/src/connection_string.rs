//! Which built-in connector a connection string belongs to, by upstream's rules.

use std::borrow::Cow;

use crate::{Error, Result};

pub const SQLITE_CONNECTOR: &str = "SQLite:sqlite3";
pub const POSTGRESQL_CONNECTOR: &str = "PostgreSQL:pg";
/// Cloudflare D1: named by `parse_connection_string` only; `dumbo()` never picks it from a string.
pub const D1_CONNECTOR: &str = "SQLite:d1";

/// Upstream `parseConnectionString`: the driver type (`'<DatabaseType>:<driver>'`) a
/// connection string names, `d1:` included; anything else is an InvalidOperation error.
pub fn parse_connection_string(connection_string: &str) -> Result<&'static str> {
    if let Some(c) = detect_connector(connection_string) {
        return Ok(c);
    }
    if connection_string.starts_with("d1:") {
        return Ok(D1_CONNECTOR);
    }
    Err(Error::invalid_operation(format!(
        "Unsupported database connection string: {}",
        mask_secrets(connection_string)
    )))
}

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

/// `cs` for an error message, its secrets masked: the userinfo password, and the value
/// of every `password` query parameter (cut at `&` and `#`). When the string does not
/// start with `scheme://` (a missing or mistyped scheme, where userinfo cannot be told
/// from a path), everything between the first `:` and the last `@` before the query is
/// masked, so `user:secret@host/db` is never echoed. The one masking rule of every
/// driver and of automatic mode.
pub fn mask_secrets(cs: &str) -> String {
    let scheme_len = scheme_length(cs);
    let masked = if scheme_len > 0 && cs[scheme_len..].starts_with("://") {
        mask_password(cs)
    } else {
        let end = cs.find(['?', '#']).unwrap_or(cs.len());
        match (cs[..end].find(':'), cs[..end].rfind('@')) {
            (Some(colon), Some(at)) if colon < at => format!("{}:***{}", &cs[..colon], &cs[at..]),
            _ => cs.to_owned(),
        }
    };
    let Some((head, rest)) = masked.split_once('?') else {
        return masked;
    };
    // Pairs are cut at `&` and also at `#`, keeping the separators: what counts as
    // the fragment differs between parsers, so a `#` must not hide a password.
    let mut out = format!("{head}?");
    for piece in rest.split_inclusive(['&', '#']) {
        let (pair, separator) = match piece.char_indices().last() {
            Some((i, c)) if c == '&' || c == '#' => (&piece[..i], &piece[i..]),
            _ => (piece, ""),
        };
        match pair.split_once('=') {
            Some((key, _)) if is_password_key(key) => {
                out.push_str(key);
                out.push_str("=***");
            }
            _ => out.push_str(pair),
        }
        out.push_str(separator);
    }
    out
}

/// The length of a URL scheme at the start of `s` (RFC 3986 letters), or 0.
pub fn scheme_length(s: &str) -> usize {
    let Some(colon) = s.find(':') else { return 0 };
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if valid {
        colon
    } else {
        0
    }
}

/// Whether a query key names a password (`password`, `Password`, `pass%77ord`, ...).
pub fn is_password_key(key: &str) -> bool {
    form_decode(key).trim().eq_ignore_ascii_case("password")
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
pub fn form_decode(s: &str) -> String {
    percent_decode(&s.replace('+', " ")).into_owned()
}

/// Decodes `%XX` escapes; malformed escapes stay as written and invalid UTF-8
/// becomes U+FFFD, as in the WHATWG URL parser.
pub fn percent_decode(s: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy()
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
    fn parses_connection_strings_as_upstream() {
        for (cs, expected) in [
            ("postgresql://h/db", POSTGRESQL_CONNECTOR),
            ("postgres://h/db", POSTGRESQL_CONNECTOR),
            ("file:x.db", SQLITE_CONNECTOR),
            (":memory:", SQLITE_CONNECTOR),
            ("/tmp/x.db", SQLITE_CONNECTOR),
            ("./x.db", SQLITE_CONNECTOR),
            ("d1://my-database", D1_CONNECTOR),
        ] {
            assert_eq!(parse_connection_string(cs).unwrap(), expected, "{cs}");
        }
        for cs in [
            "mysql://localhost:3306/dumbo",
            "test.db",
            "../x.db",
            "sqlite:x",
            "",
        ] {
            let e = parse_connection_string(cs).unwrap_err();
            assert_eq!(e.kind, crate::ErrorKind::InvalidOperation);
            assert_eq!(
                e.message,
                format!("Unsupported database connection string: {cs}")
            );
        }
        let e = parse_connection_string("mysql://u:secret@h/db").unwrap_err();
        assert!(!e.message.contains("secret"), "{}", e.message);
    }

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
        assert_eq!(mask_secrets("h/db?pass%77ord=x"), "h/db?pass%77ord=***");
        assert_eq!(form_decode("a+b%41%zz"), "a bA%zz");
        assert_eq!(mask_secrets(":memory:"), ":memory:");
        let e = unsupported_connection_string("mysql://u:pw@h/db", &["SQLite:sqlite3"]);
        assert_eq!(
            e.message,
            "Unsupported database connection string: mysql://u:***@h/db. Registered connectors: SQLite:sqlite3"
        );
    }
}
