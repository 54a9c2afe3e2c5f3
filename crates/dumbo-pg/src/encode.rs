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
#[path = "encode_tests.rs"]
mod tests;
