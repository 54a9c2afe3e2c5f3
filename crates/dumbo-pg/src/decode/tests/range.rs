//! Range types.
use super::*;
use crate::decode::range::quote_range_bound;

#[test]
fn ranges() {
    let cases: &[(&Type, &str, &str)] = &[
        (
            &Type::INT4_RANGE,
            "020000000400000001000000040000000a",
            "[1,10)",
        ),
        (&Type::INT4_RANGE, "01", "empty"),
        (&Type::INT4_RANGE, "080000000400000005", "(,5)"),
        (&Type::INT4_RANGE, "120000000400000003", "[3,)"),
        (&Type::INT4_RANGE, "18", "(,)"),
        (
            &Type::NUM_RANGE,
            "060000000c0002000000000001000113880000000c0002000000000002000209c4",
            "[1.5,2.25]",
        ),
        (&Type::NUM_RANGE, "120000000a00010000400000000001", "[-1,)"),
        (
            &Type::DATE_RANGE,
            "02000000040000223e000000040000225d",
            "[2024-01-01,2024-02-01)",
        ),
        (&Type::DATE_RANGE, "08000000040000223e", "(,2024-01-01)"),
        (
            &Type::DATE_RANGE,
            "020000000480000000000000047fffffff",
            "[-infinity,infinity)",
        ),
        (
            &Type::DATE_RANGE,
            "0200000004fff49d7b00000004fff4dbf9",
            "[\"0044-03-15 BC\",0001-01-01)",
        ),
        (
            &Type::INT8_RANGE,
            "02000000080000000000000001000000080000000000000003",
            "[1,3)",
        ),
        // Truncated and trailing bytes fall back to hex.
        (&Type::INT4_RANGE, "0200000004000000", "\\x0200000004000000"),
        (&Type::INT4_RANGE, "0100", "\\x0100"),
    ];
    for (ty, h, want) in cases {
        assert_eq!(text(ty, h), *want, "{ty} {h}");
    }
    assert_eq!(quote_range_bound(r#"a"b\c"#), r#""a""b\\c""#);
    assert_eq!(quote_range_bound(""), r#""""#);
}
