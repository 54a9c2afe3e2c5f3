//! Identifier quoting: upstream's `mapSQLIdentifier`, with the PostgreSQL formatter's
//! reserved-word map.

use crate::dialect::Dialect;
use crate::reserved;

/// `/^[a-z_][a-z0-9_$]*$/`
fn is_plain_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_lowercase() || b == b'_' => {}
        _ => return false,
    }
    bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'$')
}

/// Leaves `name` bare when it is a plain lower-case identifier that is not a reserved
/// word of the dialect; otherwise wraps it in `"` with embedded `"` doubled.
pub fn quote_identifier(name: &str, dialect: Dialect) -> String {
    quote_identifier_with(name, '"', |upper| is_reserved_upper(upper, dialect))
}

fn is_reserved_upper(upper: &str, dialect: Dialect) -> bool {
    reserved::contains(reserved::words(dialect), upper)
}

/// `mapSQLIdentifier(name, { quote, reservedWords })`: the same rule with a caller's
/// quote character and reserved-word test (given the upper-cased name).
pub fn quote_identifier_with(
    name: &str,
    quote: char,
    is_reserved: impl Fn(&str) -> bool,
) -> String {
    if is_plain_identifier(name) && !is_reserved(&name.to_ascii_uppercase()) {
        return name.to_owned();
    }
    let mut quoted = String::with_capacity(name.len() + 2);
    quoted.push(quote);
    for c in name.chars() {
        if c == quote {
            quoted.push(quote);
        }
        quoted.push(c);
    }
    quoted.push(quote);
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [Dialect; 2] = [Dialect::SQLite, Dialect::PostgreSQL];

    #[test]
    fn quotes_only_when_necessary() {
        for d in BOTH {
            assert_eq!(quote_identifier("users", d), "users");
            assert_eq!(quote_identifier("foo", d), "foo");
            assert_eq!(quote_identifier("_foo", d), "_foo");
            assert_eq!(quote_identifier("_foo_bar$baz", d), "_foo_bar$baz");
            assert_eq!(quote_identifier("table_name", d), "table_name");
            assert_eq!(quote_identifier("a1", d), "a1");
            assert_eq!(quote_identifier("Users", d), "\"Users\"");
            assert_eq!(quote_identifier("TableName", d), "\"TableName\"");
            assert_eq!(quote_identifier("User Table", d), "\"User Table\"");
            assert_eq!(
                quote_identifier("test.some.stuff", d),
                "\"test.some.stuff\""
            );
            assert_eq!(
                quote_identifier("test.\"some\".stuff", d),
                "\"test.\"\"some\"\".stuff\""
            );
            assert_eq!(quote_identifier("1abc", d), "\"1abc\"");
            assert_eq!(quote_identifier("$abc", d), "\"$abc\"");
            assert_eq!(quote_identifier("", d), "\"\"");
            assert_eq!(quote_identifier("zażółć", d), "\"zażółć\"");
            assert_eq!(
                quote_identifier("x\"; DROP TABLE t; --", d),
                "\"x\"\"; DROP TABLE t; --\""
            );
        }
    }

    #[test]
    fn quotes_reserved_words() {
        for d in BOTH {
            assert_eq!(quote_identifier("desc", d), "\"desc\"");
            assert_eq!(quote_identifier("join", d), "\"join\"");
            assert_eq!(quote_identifier("cross", d), "\"cross\"");
            assert_eq!(quote_identifier("order", d), "\"order\"");
            assert_eq!(quote_identifier("user", d), "\"user\"");
        }
    }

    #[test]
    fn reserved_lists_differ_by_dialect() {
        // PostgreSQL-only (node-pg-format) words.
        assert_eq!(
            quote_identifier("analyze", Dialect::PostgreSQL),
            "\"analyze\""
        );
        assert_eq!(quote_identifier("analyze", Dialect::SQLite), "analyze");
        // ANSI-only words.
        assert_eq!(quote_identifier("add", Dialect::SQLite), "\"add\"");
        assert_eq!(quote_identifier("add", Dialect::PostgreSQL), "add");
    }
}

#[cfg(test)]
mod custom_tests {
    use super::*;

    #[test]
    fn caller_quote_and_reserved_words() {
        let reserved = |upper: &str| upper == "FOO";
        assert_eq!(quote_identifier_with("foo", '`', reserved), "`foo`");
        assert_eq!(quote_identifier_with("bar", '`', reserved), "bar");
        assert_eq!(quote_identifier_with("a`b", '`', reserved), "`a``b`");
        assert_eq!(quote_identifier_with("desc", '"', |_| false), "desc");
    }
}
