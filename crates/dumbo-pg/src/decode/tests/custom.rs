//! Enums, domains, composites and other types without a dedicated decoder.
use super::*;
use postgres_types::Kind;

#[test]
fn custom_types() {
    let mood = Type::new(
        "mood".into(),
        90_001,
        Kind::Enum(vec!["happy".into()]),
        "public".into(),
    );
    assert_eq!(json(&mood, b"happy", &RAW), r#"[{"v":"happy"}]"#);
    let mood_array = Type::new("_mood".into(), 90_002, Kind::Array(mood), "public".into());
    assert_eq!(
        json(
            &mood_array,
            &hex("000000010000000000015f910000000200000001000000036f6e65ffffffff"),
            &RAW
        ),
        r#"[{"v":["one",null]}]"#
    );
    let citext = Type::new("citext".into(), 90_003, Kind::Simple, "public".into());
    assert_eq!(
        json(&citext, b"Hello\tWorld\n", &RAW),
        r#"[{"v":"Hello\tWorld\n"}]"#
    );
    assert_eq!(text(&citext, "00ff"), "\\x00ff");
    assert_eq!(text(&citext, "610d"), "\\x610d");
    let domain = Type::new(
        "posint".into(),
        90_004,
        Kind::Domain(Type::INT4),
        "public".into(),
    );
    assert_eq!(json(&domain, &hex("00000007"), &RAW), r#"[{"v":7}]"#);
    let composite = Type::new(
        "pair".into(),
        90_005,
        Kind::Composite(vec![]),
        "public".into(),
    );
    assert_eq!(text(&composite, "00000000"), "\\x00000000");
    // Ranges over subtypes without a decoder: hex (unbounded ones need none).
    assert_eq!(
        text(&Type::TS_RANGE, "0a000000080000000000000000"),
        "\\x0a000000080000000000000000"
    );
    assert_eq!(text(&Type::TS_RANGE, "18"), "(,)");
    assert_eq!(
        text(&Type::TS_VECTOR, "0000000161000000"),
        "\\x0000000161000000"
    );
}
