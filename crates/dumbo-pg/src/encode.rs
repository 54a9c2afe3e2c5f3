//! Parameters in PostgreSQL's text format, as node-postgres sends them.
//!
//! Statements are prepared without declared parameter types, so the server infers
//! each parameter's type and parses the text we send with that type's input
//! function: a string can land in a `uuid`, `timestamptz`, `jsonb` or enum column,
//! a number in an `int4`, `float8` or `numeric` one. Only a `Buffer` bound to a
//! `bytea` parameter goes in binary (its raw bytes).
use std::error::Error;

use dumbo_core::json::number_to_js_string;
use dumbo_core::value::civil_from_days;
use dumbo_core::SqlValue;
use postgres_types::private::BytesMut;
use postgres_types::{to_sql_checked, Format, IsNull, Kind, ToSql, Type};

/// One bound parameter. Implements `postgres_types::ToSql` for every server type.
#[derive(Debug)]
pub struct Param<'a>(pub &'a SqlValue);

/// Wraps every value.
pub fn params(values: &[SqlValue]) -> Vec<Param<'_>> {
    values.iter().map(Param).collect()
}

type BoxError = Box<dyn Error + Sync + Send>;

/// `bytea`, or a domain over it: the parameter a `Buffer` is sent to in binary.
fn is_bytea(ty: &Type) -> bool {
    if *ty == Type::BYTEA {
        return true;
    }
    match ty.kind() {
        Kind::Domain(base) => is_bytea(base),
        _ => false,
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self.0 {
            SqlValue::Null => Ok(IsNull::Yes),
            SqlValue::Blob(bytes) if is_bytea(ty) => {
                out.extend_from_slice(bytes);
                Ok(IsNull::No)
            }
            value => {
                write_text(out, value)?;
                Ok(IsNull::No)
            }
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, ty: &Type) -> Format {
        match self.0 {
            SqlValue::Blob(_) if is_bytea(ty) => Format::Binary,
            _ => Format::Text,
        }
    }

    to_sql_checked!();
}

/// Where text goes: the parameter's bytes, or an array literal being built.
trait TextOut {
    fn push_bytes(&mut self, bytes: &[u8]);

    fn push_str(&mut self, s: &str) {
        self.push_bytes(s.as_bytes());
    }
}

impl TextOut for String {
    fn push_bytes(&mut self, bytes: &[u8]) {
        // Only ASCII digits, signs and punctuation, or the UTF-8 of a `&str`.
        self.push_str(&String::from_utf8_lossy(bytes));
    }

    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
}

impl TextOut for BytesMut {
    fn push_bytes(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// The text form of a non-null value (NULL inside an array is handled by the array).
fn write_text(out: &mut impl TextOut, value: &SqlValue) -> Result<(), BoxError> {
    match value {
        // A top-level NULL never gets here; the literal is what arrays use.
        SqlValue::Null => out.push_str("NULL"),
        SqlValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        SqlValue::Integer(i) => push_integer(out, i128::from(*i)),
        SqlValue::BigInt(i) => push_integer(out, *i),
        SqlValue::Float(f) => out.push_str(&number_to_js_string(*f)),
        SqlValue::Text(s) => out.push_str(s),
        SqlValue::Blob(bytes) => push_hex_bytea(out, bytes),
        SqlValue::Date(ms) => {
            let text = timestamp_bytes(*ms).ok_or_else(|| -> BoxError {
                format!("cannot bind an invalid Date ({ms}) as a PostgreSQL parameter").into()
            })?;
            out.push_bytes(text.as_bytes());
        }
        SqlValue::Json(text) => out.push_str(text),
        SqlValue::Array(items) => {
            let mut literal = String::new();
            write_array(&mut literal, items)?;
            out.push_str(&literal);
        }
    }
    Ok(())
}

/// Decimal digits of `i`, without a `String` per value.
fn push_integer(out: &mut impl TextOut, i: i128) {
    let mut digits = [0u8; 40];
    let mut at = digits.len();
    let mut n = i.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push_bytes(b"-");
    }
    out.push_bytes(&digits[at..]);
}

/// `\x` followed by lowercase hex: the `bytea` hex input form.
fn push_hex_bytea(out: &mut impl TextOut, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = Vec::with_capacity(bytes.len() * 2 + 2);
    text.extend_from_slice(b"\\x");
    for b in bytes {
        text.push(HEX[usize::from(b >> 4)]);
        text.push(HEX[usize::from(b & 0xf)]);
    }
    out.push_bytes(&text);
}

/// A PostgreSQL array literal: `{"a","b",NULL,{"nested"}}`.
fn write_array(out: &mut String, items: &[SqlValue]) -> Result<(), BoxError> {
    out.push('{');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            SqlValue::Null => out.push_str("NULL"),
            SqlValue::Array(inner) => write_array(out, inner)?,
            other => {
                let mut element = String::new();
                write_text(&mut element, other)?;
                out.reserve(element.len() + 2);
                out.push('"');
                for c in element.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
        }
    }
    out.push('}');
    Ok(())
}

/// A timestamp's text in a buffer on the stack: the bytes, and how many are used.
struct TimestampText {
    bytes: [u8; 40],
    len: usize,
}

impl TimestampText {
    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// `n` (not negative) in decimal, zero-padded to `width` digits.
    fn digits(&mut self, n: i64, width: usize) {
        let mut reversed = [0u8; 20];
        let mut count = 0;
        let mut v = n;
        loop {
            reversed[count] = b'0' + (v % 10) as u8;
            count += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for _ in count..width {
            self.push(b'0');
        }
        for d in reversed[..count].iter().rev() {
            self.push(*d);
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// `YYYY-MM-DD HH:MM:SS.sss+00` (UTC) for epoch milliseconds, with a ` BC` suffix
/// for years before 1 AD. `None` for an invalid JS date.
fn timestamp_bytes(ms: f64) -> Option<TimestampText> {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    let ms = ms.trunc() as i64;
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (year, bc) = if year <= 0 {
        (1 - year, true)
    } else {
        (year, false)
    };
    let mut out = TimestampText {
        bytes: [0; 40],
        len: 0,
    };
    out.digits(year, 4);
    for (separator, value, width) in [
        (b'-', i64::from(month), 2),
        (b'-', i64::from(day), 2),
        (b' ', rem / 3_600_000, 2),
        (b':', (rem / 60_000) % 60, 2),
        (b':', (rem / 1000) % 60, 2),
        (b'.', rem % 1000, 3),
    ] {
        out.push(separator);
        out.digits(value, width);
    }
    for &b in b"+00" {
        out.push(b);
    }
    if bc {
        for &b in b" BC" {
            out.push(b);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
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
}
