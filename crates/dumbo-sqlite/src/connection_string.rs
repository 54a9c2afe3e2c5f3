//! Upstream's SQLite connection-string helpers: `SQLiteConnectionString` (validation), `isInMemoryDatabase` and
//! `parsePragmasFromConnectionString`.

use dumbo_core::connection_string::{
    detect_connector, form_decode, mask_secrets, SQLITE_CONNECTOR,
};
use dumbo_core::{Error, Result};

use crate::pragmas::PragmaOptions;

/// The only spelling upstream treats as an in-memory database.
pub const IN_MEMORY: &str = ":memory:";

/// Accepts `file:…`, exactly `:memory:`, `/…` and `./…`, like upstream's
/// `SQLiteConnectionString`.
pub fn validate(cs: &str) -> Result<()> {
    // One prefix rule for the project: the one `dumbo()` uses to pick the connector.
    if detect_connector(cs) == Some(SQLITE_CONNECTOR) {
        Ok(())
    } else {
        // Masked: the string is often another database's URL, with its password
        // (`postgresql://user:secret@…` given to the SQLite driver was echoed).
        Err(Error::invalid_operation(format!(
            "Invalid SQLite connection string: {}. It should start with \"file:\", \":memory:\", \"/\", or \"./\".",
            mask_secrets(cs)
        )))
    }
}

/// Upstream `isInMemoryDatabase`: an exact `=== ':memory:'` comparison.
/// `file::memory:` and `:memory:?cache=shared` are deliberately *not* in-memory
/// (upstream quirk kept).
pub fn is_in_memory(file_name_or_cs: &str) -> bool {
    file_name_or_cs == IN_MEMORY
}

/// Upstream `parsePragmasFromConnectionString`: reads pragma overrides from the
/// query string of a `file:` URI. Anything else yields no overrides.
///
/// - `journal_mode`, `synchronous`: taken as given (validated when opening);
/// - `cache_size`, `busy_timeout`, `mmap_size`: JS `parseInt` (a value that does not
///   start with a number is left unset rather than becoming `NaN`);
/// - `foreign_keys`: true for `true`/`on`/`1` (case-insensitive), else false;
/// - `temp_store`: upper-cased.
pub fn parse_pragmas(cs: &str) -> PragmaOptions {
    let mut pragmas = PragmaOptions::default();
    if !cs.starts_with("file:") {
        return pragmas;
    }
    let params = search_params(cs);
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };

    if let Some(v) = get("journal_mode") {
        pragmas.journal_mode = Some(v.to_owned());
    }
    if let Some(v) = get("synchronous") {
        pragmas.synchronous = Some(v.to_owned());
    }
    if let Some(v) = get("cache_size") {
        pragmas.cache_size = parse_int(v);
    }
    if let Some(v) = get("foreign_keys") {
        let v = v.to_lowercase();
        pragmas.foreign_keys = Some(v == "true" || v == "on" || v == "1");
    }
    if let Some(v) = get("temp_store") {
        pragmas.temp_store = Some(v.to_uppercase());
    }
    if let Some(v) = get("busy_timeout") {
        // A negative timeout disables the busy handler in SQLite, the same as 0.
        pragmas.busy_timeout = parse_int(v).map(|n| u64::try_from(n).unwrap_or(0));
    }
    if let Some(v) = get("mmap_size") {
        pragmas.mmap_size = parse_int(v);
    }
    pragmas
}

/// `new URL(cs).searchParams` as ordered `(name, value)` pairs: the text between
/// `?` and `#`, split on `&`, each pair split on its first `=`, then
/// form-url-decoded (`+` is a space, `%XX` escapes are bytes).
fn search_params(url: &str) -> Vec<(String, String)> {
    let Some(start) = url.find('?') else {
        return Vec::new();
    };
    let query = &url[start + 1..];
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (form_decode(k), form_decode(v)),
            None => (form_decode(pair), String::new()),
        })
        .collect()
}

/// JS `parseInt(s, 10)`: optional leading whitespace and sign, then the longest
/// run of decimal digits. `None` where JS gives `NaN`; saturates past `i64`.
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim_start();
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = digits
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(digits.len());
    if end == 0 {
        return None;
    }
    let mut value: i64 = 0;
    for b in digits[..end].bytes() {
        let d = i64::from(b - b'0');
        value = value
            .saturating_mul(10)
            .saturating_add(if negative { -d } else { d });
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    #[test]
    fn validates_like_upstream() {
        for ok in [
            "file:test.db",
            "file::memory:",
            ":memory:",
            "/tmp/x.db",
            "./x.db",
        ] {
            assert!(validate(ok).is_ok(), "{ok}");
        }
        for bad in [
            "test.db",
            "../x.db",
            "sqlite:x.db",
            ":memory:?cache=shared",
            "",
            "C:\\x.db",
        ] {
            let err = validate(bad).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidOperation);
            assert_eq!(
                err.message,
                format!(
                    "Invalid SQLite connection string: {bad}. It should start with \"file:\", \":memory:\", \"/\", or \"./\"."
                )
            );
        }
    }

    #[test]
    fn another_databases_url_is_refused_without_its_password() {
        let err = validate("postgresql://app:s3cret@db.example:5432/prod").unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidOperation);
        assert!(!err.message.contains("s3cret"), "{}", err.message);
        assert!(
            err.message.starts_with(
                "Invalid SQLite connection string: postgresql://app:***@db.example:5432/prod."
            ),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_password_query_parameter_is_not_echoed() {
        let err = validate("postgresql://db.example/prod?sslmode=x&password=s3cret#y").unwrap_err();
        assert!(!err.message.contains("s3cret"), "{}", err.message);
        assert!(
            err.message
                .contains("postgresql://db.example/prod?sslmode=x&password=***#y."),
            "{}",
            err.message
        );
    }

    #[test]
    fn in_memory_is_exact() {
        assert!(is_in_memory(":memory:"));
        assert!(!is_in_memory("file::memory:"));
        assert!(!is_in_memory(":memory:?cache=shared"));
        assert!(!is_in_memory("/tmp/x.db"));
    }

    #[test]
    fn non_file_strings_have_no_pragmas() {
        assert_eq!(
            parse_pragmas("/tmp/x.db?journal_mode=WAL"),
            PragmaOptions::default()
        );
        assert_eq!(parse_pragmas(":memory:"), PragmaOptions::default());
        assert_eq!(parse_pragmas("file:x.db"), PragmaOptions::default());
    }

    #[test]
    fn parses_all_pragmas() {
        let p = parse_pragmas(
            "file:./x.db?journal_mode=DELETE&synchronous=FULL&cache_size=-2000&foreign_keys=off&temp_store=file&busy_timeout=250&mmap_size=0",
        );
        assert_eq!(
            p,
            PragmaOptions {
                journal_mode: Some("DELETE".into()),
                synchronous: Some("FULL".into()),
                cache_size: Some(-2000),
                foreign_keys: Some(false),
                temp_store: Some("FILE".into()),
                busy_timeout: Some(250),
                mmap_size: Some(0),
            }
        );
    }

    #[test]
    fn foreign_keys_truthy_values() {
        for v in ["true", "TRUE", "on", "On", "1"] {
            assert_eq!(
                parse_pragmas(&format!("file:x.db?foreign_keys={v}")).foreign_keys,
                Some(true)
            );
        }
        for v in ["false", "0", "yes", ""] {
            assert_eq!(
                parse_pragmas(&format!("file:x.db?foreign_keys={v}")).foreign_keys,
                Some(false)
            );
        }
    }

    #[test]
    fn search_params_decoding() {
        let p = parse_pragmas("file:x.db?journal_mode=w%41l&journal_mode=DELETE#frag&cache_size=1");
        assert_eq!(p.journal_mode.as_deref(), Some("wAl"));
        assert_eq!(p.cache_size, None, "after # is the fragment");
        let p = parse_pragmas("file:x.db?synchronous=a+b%&mode=ro");
        assert_eq!(p.synchronous.as_deref(), Some("a b%"));
        let p = parse_pragmas("file:x.db?&&synchronous&");
        assert_eq!(p.synchronous.as_deref(), Some(""));
        let p = parse_pragmas("file:x.db?journal_mode=%ff%zz%4");
        assert_eq!(p.journal_mode.as_deref(), Some("\u{fffd}%zz%4"));
    }

    #[test]
    fn parse_int_like_javascript() {
        assert_eq!(parse_int("42"), Some(42));
        assert_eq!(parse_int("  -7abc"), Some(-7));
        assert_eq!(parse_int("+3"), Some(3));
        assert_eq!(parse_int("1.9"), Some(1));
        assert_eq!(parse_int("abc"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_int("-"), None);
        assert_eq!(parse_int("99999999999999999999999"), Some(i64::MAX));
        assert_eq!(parse_int("-99999999999999999999999"), Some(i64::MIN));
        assert_eq!(
            parse_pragmas("file:x?busy_timeout=-5").busy_timeout,
            Some(0)
        );
        assert_eq!(parse_pragmas("file:x?busy_timeout=x").busy_timeout, None);
    }
}
