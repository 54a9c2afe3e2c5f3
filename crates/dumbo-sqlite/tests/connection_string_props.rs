//! Property tests of the SQLite connection-string functions (reliability,
//! docs/reliability.md): validation, in-memory detection and pragma parsing take
//! any string without panicking, and pragma values that come out of a URI are
//! either refused when opening or applied, never spliced into SQL unchecked.
//!
//! proptest runs 256 cases per property by default (`PROPTEST_CASES` raises it).

use dumbo_core::ErrorKind;
use dumbo_sqlite::connection_string::{is_in_memory, parse_pragmas, validate};
use dumbo_sqlite::{OpenOptions, SqliteConnection};
use proptest::prelude::*;

fn uri_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "file:",
        "./",
        "/",
        ":memory:",
        "?",
        "&",
        "=",
        "#",
        "%",
        "%zz",
        "%00",
        "journal_mode",
        "synchronous",
        "cache_size",
        "foreign_keys",
        "temp_store",
        "busy_timeout",
        "mmap_size",
        "WAL",
        "wal",
        "DELETE",
        "OFF",
        "NORMAL",
        "FULL",
        "MEMORY",
        "on",
        "true",
        "1",
        "-1",
        "99999999999999999999",
        "1e3",
        "0x10",
        " 5",
        "5;DROP TABLE t",
        "'",
        "\"",
        ";",
        "--",
        "é",
        "\0",
        "mode=memory",
        "cache=shared",
    ])
    .prop_map(str::to_owned)
}

fn connection_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(uri_piece(), 0..14).prop_map(|v| v.concat()),
    ]
}

proptest! {
    #[test]
    fn validation_and_pragma_parsing_never_panic(cs in connection_string()) {
        let _ = validate(&cs);
        let _ = is_in_memory(&cs);
        let _ = parse_pragmas(&cs);
    }

    /// Pragmas from a `file:` URI on an in-memory database: opening either applies
    /// them or refuses them with an InvalidOperationError naming the bad value;
    /// nothing else happens (no panic, no other error class).
    #[test]
    fn pragmas_from_any_uri_are_validated_before_they_reach_sqlite(
        query in prop::collection::vec(uri_piece(), 0..10),
    ) {
        let cs = format!("file:x.db?{}", query.concat());
        let mut options = OpenOptions::new(":memory:");
        options.pragmas = parse_pragmas(&cs);
        match SqliteConnection::open(&options) {
            Ok(_) => {}
            Err(e) => prop_assert_eq!(e.kind, ErrorKind::InvalidOperation, "{}", e.message),
        }
    }
}
