//! Property tests of the PostgreSQL connection-string parser (reliability,
//! docs/reliability.md): any string parses or is refused with an error, never a
//! panic, and an error never contains the password of the string it refuses.
//!
//! proptest runs 256 cases per property by default (`PROPTEST_CASES` raises it).

use dumbo_core::ErrorKind;
use dumbo_pg::config::{parse, parse_database_name, validate};
use proptest::prelude::*;

/// Pieces of (broken) URLs: separators, escapes, hosts, ports, parameters.
fn url_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "postgresql://",
        "postgres://",
        "socket:",
        "/",
        "//",
        ":",
        "@",
        "@@",
        "?",
        "&",
        "=",
        "#",
        "%",
        "%2",
        "%zz",
        "%40",
        "%00",
        "[",
        "]",
        "[::1]",
        ",",
        "localhost",
        "127.0.0.1",
        "h1:5432,h2:5433",
        "5432",
        "0",
        "65536",
        "99999999999",
        "-1",
        "db",
        "sslmode=require",
        "sslmode=bogus",
        "host=/tmp",
        "port=x",
        "application_name=a b",
        "options=-c%20x%3Dy",
        "connect_timeout=5",
        "target_session_attrs=read-write",
        "target_session_attrs=zzz",
        "user=u",
        "password=p",
        "é",
        "😀",
        " ",
        "\0",
        "\\",
        "'",
        "\"",
    ])
    .prop_map(str::to_owned)
}

fn connection_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(url_piece(), 0..14).prop_map(|v| v.concat()),
        (
            prop::collection::vec(url_piece(), 0..6),
            prop::collection::vec(url_piece(), 0..6)
        )
            .prop_map(|(a, b)| format!("postgresql://{}/{}", a.concat(), b.concat())),
    ]
}

/// A password that cannot occur in the rest of the string or in any message.
fn password() -> impl Strategy<Value = String> {
    "Q[0-9]{6}Xq[A-Za-z0-9!*()~_.-]{0,8}"
}

proptest! {
    #[test]
    fn parsing_never_panics(cs in connection_string(), database in proptest::option::of("[a-z]{0,8}")) {
        let _ = validate(&cs);
        let _ = parse_database_name(&cs);
        if let Err(e) = parse(&cs, database.as_deref()) {
            prop_assert_eq!(e.kind, ErrorKind::InvalidOperation, "{}", e.message);
        }
    }

    #[test]
    fn errors_never_echo_the_password(
        user in "[a-z]{1,6}",
        password in password(),
        rest in prop::collection::vec(url_piece(), 0..8),
        scheme in prop::sample::select(vec![
            "postgresql://", "postgres://", "mysql://", "http://", "", "postgresql:/", "postgresql:", "postgresql//",
        ]),
    ) {
        let encoded: String = password
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || "-_.~".contains(c) { c.to_string() } else { format!("%{:02X}", c as u32) })
            .collect();
        let cs = format!("{scheme}{user}:{encoded}@{}", rest.concat());
        for e in [validate(&cs).err(), parse(&cs, None).err()].into_iter().flatten() {
            prop_assert!(!e.message.contains(&password), "{}", e.message);
            prop_assert!(!e.message.contains(&encoded), "{}", e.message);
        }
    }

    #[test]
    fn errors_never_echo_a_password_query_parameter(
        password in password(),
        before in prop::collection::vec(url_piece(), 0..6),
        after in prop::collection::vec(url_piece(), 0..6),
        key in prop::sample::select(vec!["password", "PASSWORD", "pass%77ord"]),
    ) {
        let cs = format!("postgresql://u@h/db?{}&{key}={password}&{}", before.concat(), after.concat());
        if let Err(e) = parse(&cs, None) {
            prop_assert!(!e.message.contains(&password), "{}", e.message);
        }
    }
}
