//! Unit tests of `encode.rs`: the text each value is sent as.
use super::*;

fn text(value: SqlValue) -> String {
    let mut out = BytesMut::new();
    let is_null = Param(&value).to_sql(&Type::TEXT, &mut out).unwrap();
    assert!(matches!(is_null, IsNull::No));
    assert_eq!(Param(&value).encode_format(&Type::TEXT) as i16, 0);
    String::from_utf8(out.to_vec()).unwrap()
}

#[test]
fn null_is_sql_null() {
    let mut out = BytesMut::new();
    let r = Param(&SqlValue::Null)
        .to_sql(&Type::INT4, &mut out)
        .unwrap();
    assert!(matches!(r, IsNull::Yes));
    assert!(out.is_empty());
}

#[test]
fn scalars_in_text_form() {
    assert_eq!(text(SqlValue::Bool(true)), "true");
    assert_eq!(text(SqlValue::Bool(false)), "false");
    assert_eq!(text(SqlValue::Integer(-42)), "-42");
    assert_eq!(text(SqlValue::Integer(0)), "0");
    assert_eq!(text(SqlValue::Float(1.5)), "1.5");
    assert_eq!(text(SqlValue::Float(0.1 + 0.2)), "0.30000000000000004");
    assert_eq!(text(SqlValue::Float(1e21)), "1e+21");
    assert_eq!(text(SqlValue::Float(f64::NAN)), "NaN");
    assert_eq!(text(SqlValue::Float(f64::INFINITY)), "Infinity");
    assert_eq!(text(SqlValue::Float(f64::NEG_INFINITY)), "-Infinity");
    assert_eq!(
        text(SqlValue::BigInt(-170141183460469231731687303715884105728)),
        "-170141183460469231731687303715884105728"
    );
    assert_eq!(text(SqlValue::Text("a'b\"c\\".into())), "a'b\"c\\");
    assert_eq!(text(SqlValue::Text("nul\0".into())), "nul\0");
    assert_eq!(
        text(SqlValue::Json(r#"{"a":[1,"x"]}"#.into())),
        r#"{"a":[1,"x"]}"#
    );
}

#[test]
fn blobs_are_hex_text_or_raw_binary_for_bytea() {
    let blob = SqlValue::Blob(vec![0x0a, 0xff, 0x00]);
    assert_eq!(text(blob.clone()), "\\x0aff00");
    assert_eq!(text(SqlValue::Blob(vec![])), "\\x");
    let p = Param(&blob);
    assert_eq!(p.encode_format(&Type::BYTEA) as i16, 1);
    let mut out = BytesMut::new();
    p.to_sql(&Type::BYTEA, &mut out).unwrap();
    assert_eq!(&out[..], &[0x0a, 0xff, 0x00]);
    // A domain over bytea is still bytea.
    let domain = Type::new(
        "blobby".into(),
        90_000,
        Kind::Domain(Type::BYTEA),
        "public".into(),
    );
    assert_eq!(p.encode_format(&domain) as i16, 1);
    // Other values bound to bytea stay text (the server parses them).
    assert_eq!(
        Param(&SqlValue::Text("\\x00".into())).encode_format(&Type::BYTEA) as i16,
        0
    );
}

#[test]
fn dates_are_utc_timestamps() {
    assert_eq!(text(SqlValue::Date(0.0)), "1970-01-01 00:00:00.000+00");
    assert_eq!(
        text(SqlValue::Date(1_709_168_523_456.0)),
        "2024-02-29 01:02:03.456+00"
    );
    assert_eq!(text(SqlValue::Date(-1.0)), "1969-12-31 23:59:59.999+00");
    // new Date('0000-01-01T00:00:00Z') is 1 BC; new Date('-000001-...') is 2 BC.
    assert_eq!(
        text(SqlValue::Date(-62_167_219_200_000.0)),
        "0001-01-01 00:00:00.000+00 BC"
    );
    assert_eq!(
        text(SqlValue::Date(-62_198_755_200_000.0)),
        "0002-01-01 00:00:00.000+00 BC"
    );
    // new Date('+010000-01-01T00:00:00Z')
    assert_eq!(
        text(SqlValue::Date(253_402_300_800_000.0)),
        "10000-01-01 00:00:00.000+00"
    );
    assert_eq!(
        text(SqlValue::Date(8.64e15)),
        "275760-09-13 00:00:00.000+00"
    );
}

#[test]
fn invalid_dates_are_errors_not_panics() {
    for ms in [f64::NAN, f64::INFINITY, 8.64e15 + 1.0, -9e15] {
        let value = SqlValue::Date(ms);
        let mut out = BytesMut::new();
        assert!(Param(&value).to_sql(&Type::TIMESTAMPTZ, &mut out).is_err());
        let nested = SqlValue::Array(vec![SqlValue::Date(ms)]);
        assert!(Param(&nested).to_sql(&Type::TEXT, &mut out).is_err());
    }
}

#[test]
fn arrays_are_quoted_literals() {
    assert_eq!(text(SqlValue::Array(vec![])), "{}");
    assert_eq!(
        text(SqlValue::Array(vec![
            SqlValue::Integer(1),
            SqlValue::Null,
            SqlValue::Float(2.5),
            SqlValue::Bool(true),
            SqlValue::BigInt(9_007_199_254_740_993),
        ])),
        r#"{"1",NULL,"2.5","true","9007199254740993"}"#
    );
    assert_eq!(
        text(SqlValue::Array(vec![
            SqlValue::Array(vec![SqlValue::Integer(1), SqlValue::Integer(2)]),
            SqlValue::Array(vec![SqlValue::Integer(3), SqlValue::Null]),
        ])),
        r#"{{"1","2"},{"3",NULL}}"#
    );
    assert_eq!(text(SqlValue::Array(vec![SqlValue::Array(vec![])])), "{{}}");
}

#[test]
fn array_elements_escape_hostile_strings() {
    let hostile = [
        r#"quote"inside"#,
        r"back\slash",
        "{braces}",
        "a,b",
        "NULL",
        "",
        " spaced ",
        "multi\nline",
        "nul\0byte",
        r#"\"}"#,
    ];
    let value = SqlValue::Array(
        hostile
            .iter()
            .map(|s| SqlValue::Text((*s).into()))
            .collect(),
    );
    assert_eq!(
        text(value),
        "{\"quote\\\"inside\",\"back\\\\slash\",\"{braces}\",\"a,b\",\"NULL\",\"\",\
         \" spaced \",\"multi\nline\",\"nul\0byte\",\"\\\\\\\"}\"}"
    );
}

#[test]
fn array_elements_of_every_kind() {
    assert_eq!(
        text(SqlValue::Array(vec![SqlValue::Blob(vec![0x0a, 0x0b])])),
        r#"{"\\x0a0b"}"#
    );
    assert_eq!(
        text(SqlValue::Array(vec![SqlValue::Json(
            r#"{"k":"v\\n"}"#.into()
        )])),
        r#"{"{\"k\":\"v\\\\n\"}"}"#
    );
    assert_eq!(
        text(SqlValue::Array(vec![SqlValue::Date(0.0)])),
        r#"{"1970-01-01 00:00:00.000+00"}"#
    );
    assert_eq!(
        text(SqlValue::Array(vec![SqlValue::Float(f64::NAN)])),
        r#"{"NaN"}"#
    );
}

#[test]
fn params_wraps_every_value() {
    let values = vec![SqlValue::Integer(1), SqlValue::Null];
    let p = params(&values);
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].0, &SqlValue::Null);
}
