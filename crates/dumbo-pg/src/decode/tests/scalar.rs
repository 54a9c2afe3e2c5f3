//! Booleans, numbers, text, JSON, `bytea`, `uuid` and other built-in scalars.
use super::*;

#[test]
fn integers_and_floats() {
    assert_eq!(json(&Type::BOOL, &[1], &RAW), r#"[{"v":true}]"#);
    assert_eq!(json(&Type::BOOL, &[0], &RAW), r#"[{"v":false}]"#);
    assert_eq!(json(&Type::INT2, &hex("ff85"), &RAW), r#"[{"v":-123}]"#);
    assert_eq!(
        json(&Type::INT4, &hex("7fffffff"), &RAW),
        r#"[{"v":2147483647}]"#
    );
    assert_eq!(
        json(&Type::OID, &hex("ffffffff"), &RAW),
        r#"[{"v":4294967295}]"#
    );
    // int8 is always a BigInt, even small counts.
    assert_eq!(
        special(&Type::INT8, &hex("0000000000000003"), &RAW),
        SpecialValue::BigInt(3)
    );
    assert_eq!(
        special(&Type::INT8, &hex("8000000000000000"), &RAW),
        SpecialValue::BigInt(i64::MIN)
    );
    assert_eq!(
        json(&Type::FLOAT8, &1.5f64.to_be_bytes(), &RAW),
        r#"[{"v":1.5}]"#
    );
    // float4 1.1 reads as JS parses PostgreSQL's "1.1", not as the widened f32.
    assert_eq!(
        json(&Type::FLOAT4, &1.1f32.to_be_bytes(), &RAW),
        r#"[{"v":1.1}]"#
    );
    match special(&Type::FLOAT4, &f32::NEG_INFINITY.to_be_bytes(), &RAW) {
        SpecialValue::Float(f) => assert_eq!(f, f64::NEG_INFINITY),
        other => panic!("{other:?}"),
    }
    match special(&Type::FLOAT8, &f64::NAN.to_be_bytes(), &RAW) {
        SpecialValue::Float(f) => assert!(f.is_nan()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn numeric_is_a_string() {
    assert_eq!(text(&Type::NUMERIC, "0002000000000004007b1194"), "123.4500");
    assert_eq!(text(&Type::NUMERIC, "00000000c0000000"), "NaN");
    // Malformed numeric falls back to hex.
    assert_eq!(text(&Type::NUMERIC, "0001"), "\\x0001");
}

#[test]
fn text_types() {
    assert_eq!(
        json(&Type::TEXT, "a\"b\\c\n".as_bytes(), &RAW),
        r#"[{"v":"a\"b\\c\n"}]"#
    );
    assert_eq!(json(&Type::BPCHAR, b"ab   ", &RAW), r#"[{"v":"ab   "}]"#);
    assert_eq!(
        json(&Type::NAME, b"pg_class", &RAW),
        r#"[{"v":"pg_class"}]"#
    );
    assert_eq!(json(&Type::UNKNOWN, b"", &RAW), r#"[{"v":""}]"#);
    // Invalid UTF-8 in a text column is replaced, not rejected.
    assert_eq!(text(&Type::VARCHAR, "ff41"), "\u{fffd}A");
    assert_eq!(text(&Type::CHAR, "61"), "a");
    assert_eq!(text(&Type::CHAR, "00"), "");
    assert_eq!(text(&Type::CHAR, "e9"), "\\351");
    assert_eq!(text(&Type::CHAR, "6162"), "ab");
}

#[test]
fn json_and_jsonb() {
    assert_eq!(
        json(&Type::JSON, br#"{"a": [1, 2]}"#, &RAW),
        r#"[{"v":{"a": [1, 2]}}]"#
    );
    assert_eq!(
        json(&Type::JSONB, b"\x01{\"a\": 1}", &RAW),
        r#"[{"v":{"a": 1}}]"#
    );
    assert_eq!(
        special(&Type::JSONB, b"\x01{\"a\": 1}", &SERIALIZED),
        SpecialValue::Json(r#"{"a": 1}"#.into())
    );
    assert_eq!(
        special(&Type::JSON, b"[1]", &SERIALIZED),
        SpecialValue::Json("[1]".into())
    );
    // Unknown jsonb version or broken UTF-8: a string, never broken JSON.
    assert_eq!(text(&Type::JSONB, "027b7d"), "\\x027b7d");
    assert_eq!(text(&Type::JSONB, ""), "");
    assert_eq!(text(&Type::JSON, "ff"), "\\xff");
    assert_eq!(
        text(&Type::JSONPATH, "01242e2261225b2a5d3f2840203e203129"),
        "$.\"a\"[*]?(@ > 1)"
    );
}

#[test]
fn bytea_and_uuid() {
    assert_eq!(
        special(&Type::BYTEA, &[0, 1, 255], &RAW),
        SpecialValue::Blob(vec![0, 1, 255])
    );
    assert_eq!(special(&Type::BYTEA, &[], &RAW), SpecialValue::Blob(vec![]));
    assert_eq!(
        text(&Type::UUID, "a0eebc999c0b4ef8bb6d6bb9bd380a11"),
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
    );
    assert_eq!(text(&Type::UUID, "a0ee"), "\\xa0ee");
}

#[test]
fn other_builtin_types() {
    let money: &[(&str, &str)] = &[
        ("000000000001e240", "$1,234.56"),
        ("fffffffffffe1dc0", "-$1,234.56"),
        ("0000000000000000", "$0.00"),
        ("0000000000000005", "$0.05"),
        ("fffffffffffffffb", "-$0.05"),
        ("7fffffffffffffff", "$92,233,720,368,547,758.07"),
        ("8000000000000000", "-$92,233,720,368,547,758.08"),
        ("0000000005f5e100", "$1,000,000.00"),
    ];
    for (h, want) in money {
        assert_eq!(text(&Type::MONEY, h), *want, "{h}");
    }
    assert_eq!(text(&Type::BIT, "0000000450"), "0101");
    assert_eq!(text(&Type::VARBIT, "00000009b380"), "101100111");
    assert_eq!(text(&Type::VARBIT, "00000000"), "");
    assert_eq!(text(&Type::VARBIT, "00000009b3"), "\\x00000009b3");
    assert_eq!(text(&Type::VARBIT, "ffffffff"), "\\xffffffff");
    assert_eq!(text(&Type::PG_LSN, "00000016b374d848"), "16/B374D848");
    assert_eq!(text(&Type::TID, "ffffffffffff"), "(4294967295,65535)");
    assert_eq!(text(&Type::XID, "0000007b"), "123");
    assert_eq!(
        text(&Type::XID8, "ffffffffffffffff"),
        "18446744073709551615"
    );
    assert_eq!(text(&Type::REGCLASS, "000004eb"), "1259");
    assert_eq!(
        json(&Type::POINT, &hex("3ff8000000000000c000000000000000"), &RAW),
        r#"[{"v":{"x":1.5,"y":-2}}]"#
    );
    assert_eq!(
        json(
            &Type::CIRCLE,
            &hex("3ff000000000000040000000000000004008000000000000"),
            &RAW
        ),
        r#"[{"v":{"x":1,"y":2,"radius":3}}]"#
    );
    assert_eq!(
        text(
            &Type::INT2_VECTOR,
            "0000000100000000000000150000000300000000000000020001000000020002000000020003"
        ),
        "1 2 3"
    );
    assert_eq!(
        text(
            &Type::OID_VECTOR,
            "00000001000000000000001a0000000200000000000000040000001a0000000400000017"
        ),
        "26 23"
    );
    assert_eq!(
        text(
            &Type::INT2_VECTOR,
            "0000000100000000000000150000000000000000"
        ),
        ""
    );
}
