//! One- and multi-dimensional arrays, specials inside arrays, malformed arrays.
use super::*;

#[test]
fn one_dimensional_arrays() {
    assert_eq!(
        json(
            &Type::INT4_ARRAY,
            &hex(
                "00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003"
            ),
            &RAW
        ),
        r#"[{"v":[1,null,3]}]"#
    );
    assert_eq!(
        json(&Type::INT4_ARRAY, &hex("000000000000000000000017"), &RAW),
        r#"[{"v":[]}]"#
    );
    // Lower bounds other than 1 are ignored.
    assert_eq!(
        json(
            &Type::INT4_ARRAY,
            &hex("000000010000000000000017000000020000000000000004000000050000000400000006"),
            &RAW
        ),
        r#"[{"v":[5,6]}]"#
    );
    assert_eq!(
        json(
            &Type::TEXT_ARRAY,
            &hex("00000001000000000000001900000002000000010000000361226200000003632c64"),
            &RAW
        ),
        r#"[{"v":["a\"b","c,d"]}]"#
    );
}

#[test]
fn multi_dimensional_arrays() {
    assert_eq!(
        json(
            &Type::INT4_ARRAY,
            &hex("000000020000000000000017000000020000000100000002000000010000000400000001000000040000000200000004000000030000000400000004"),
            &RAW
        ),
        r#"[{"v":[[1,2],[3,4]]}]"#
    );
}

#[test]
fn arrays_needing_specials() {
    assert_eq!(
        special(
            &Type::INT8_ARRAY,
            &hex("000000010000000000000014000000020000000100000008000000000000000100000008fffffffffffffffe"),
            &RAW
        ),
        SpecialValue::Array(vec![SpecialValue::BigInt(1), SpecialValue::BigInt(-2)])
    );
    assert_eq!(
        special(
            &Type::BYTEA_ARRAY,
            &hex("0000000100000001000000110000000200000001000000020a0bffffffff"),
            &RAW
        ),
        SpecialValue::Array(vec![SpecialValue::Blob(vec![10, 11]), SpecialValue::Null])
    );
    match special(
        &Type::FLOAT8_ARRAY,
        &hex("0000000100000000000002bd0000000200000001000000083ff8000000000000000000087ff8000000000000"),
        &RAW,
    ) {
        SpecialValue::Array(items) => {
            assert_eq!(items[0], SpecialValue::Float(1.5));
            assert!(matches!(items[1], SpecialValue::Float(f) if f.is_nan()));
        }
        other => panic!("{other:?}"),
    }
    // date[] → local dates; jsonb[] without raw JSON → Json specials.
    let dates = "00000001000000000000043a000000020000000100000004000022790000000480000000";
    assert_eq!(
        special(&Type::DATE_ARRAY, &hex(dates), &RAW),
        SpecialValue::Array(vec![
            SpecialValue::LocalDate(1_709_164_800_000.0),
            SpecialValue::Float(f64::NEG_INFINITY)
        ])
    );
    let jsonb = "000000010000000000000ede00000001000000010000000401313233";
    assert_eq!(
        special(&Type::JSONB_ARRAY, &hex(jsonb), &SERIALIZED),
        SpecialValue::Array(vec![SpecialValue::Json("123".into())])
    );
    assert_eq!(
        json(&Type::JSONB_ARRAY, &hex(jsonb), &RAW),
        r#"[{"v":[123]}]"#
    );
    // Mixed cells convert consistently.
    assert_eq!(
        Cell::Array(vec![Cell::Int(1), Cell::Text("x".into()), Cell::Bool(true)]).into_special(),
        SpecialValue::Array(vec![
            SpecialValue::Float(1.0),
            SpecialValue::Json("\"x\"".into()),
            SpecialValue::Json("true".into())
        ])
    );
}

#[test]
fn malformed_arrays_fall_back_to_hex() {
    assert_eq!(text(&Type::INT4_ARRAY, ""), "");
    let cases = [
        "00000001",
        // ndim 7
        "000000070000000000000017",
        // negative ndim
        "ffffffff0000000000000017",
        // one element promised, none present
        "0000000100000000000000170000000100000001",
        // huge dimension
        "00000001000000000000001700ffffff00000001",
        "000000020000000000000017ffffffff00000001ffffffff00000001",
        "0000000200000000000000177fffffff000000017fffffff00000001",
        // element length past the end
        "00000001000000000000001700000001000000010000000800000001",
        // negative element length other than -1
        "000000010000000000000017000000010000000180000000",
        // trailing bytes
        "00000001000000000000001700000001000000010000000400000001ff",
        // ndim 0 with trailing bytes
        "00000000000000000000001700",
    ];
    for h in cases {
        let want = format!("\\x{h}");
        assert_eq!(text(&Type::INT4_ARRAY, h), want, "{h}");
    }
    // A malformed element inside a valid array falls back on its own.
    assert_eq!(
        json(
            &Type::INT4_ARRAY,
            &hex("000000010000000000000017000000010000000100000002abcd"),
            &RAW
        ),
        r#"[{"v":["\\xabcd"]}]"#
    );
}
