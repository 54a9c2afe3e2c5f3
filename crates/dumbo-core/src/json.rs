//! `JSON.stringify` as upstream's default `JSONSerializer` performs it: bigint → decimal string, Date → ISO string,
//! Buffer → `{"type":"Buffer","data":[…]}`, and the exact JavaScript spelling of
//! numbers and strings. One implementation serves result rows, `describe` (whose
//! output is hashed for migrations, so it must match upstream byte for byte) and
//! drivers that bind a nested value as JSON text.

use crate::value::iso_string_from_millis;
use crate::SqlValue;

/// A JavaScript value as the serializer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    Int(i64),
    Number(f64),
    Str(String),
    /// Text that already is JSON (an object serialized earlier), embedded verbatim.
    RawJson(String),
    Array(Vec<JsonValue>),
}

/// `JSON.stringify(value)` (with the default serializer's replacers already applied
/// when the value was built).
pub fn stringify(value: &JsonValue) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &JsonValue) {
    match value {
        JsonValue::Null => out.push_str("null"),
        JsonValue::Bool(true) => out.push_str("true"),
        JsonValue::Bool(false) => out.push_str("false"),
        JsonValue::Int(i) => out.push_str(&int_to_js_string(*i)),
        JsonValue::Number(n) => {
            if n.is_finite() {
                out.push_str(&number_to_js_string(*n));
            } else {
                out.push_str("null");
            }
        }
        JsonValue::Str(s) => write_json_string(out, s),
        JsonValue::RawJson(s) => out.push_str(s),
        JsonValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
    }
}

/// `JSON.stringify(string)`: `QuoteJSONString` from the ECMAScript spec.
pub fn write_json_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let b = c as u32;
                out.push_str("\\u00");
                out.push(char::from(HEX[((b >> 4) & 0xf) as usize]));
                out.push(char::from(HEX[(b & 0xf) as usize]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// An integer held as a JS number (exact inside the safe range).
fn int_to_js_string(i: i64) -> String {
    if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&i) {
        i.to_string()
    } else {
        number_to_js_string(i as f64)
    }
}

/// `Number.prototype.toString()` (ECMAScript `Number::toString`, radix 10), including
/// `NaN` and the infinities.
pub fn number_to_js_string(n: f64) -> String {
    ryu_js::Buffer::new().format(n).to_owned()
}

impl JsonValue {
    /// A JS value that reaches `JSON.stringify` without mapping (inside a PostgreSQL
    /// array): Date via `toJSON` (ISO, `null` when invalid), bigint via the replacer,
    /// objects (and Buffers) as nested JSON.
    pub fn from_sql(value: &SqlValue) -> JsonValue {
        match value {
            SqlValue::Null => JsonValue::Null,
            SqlValue::Bool(b) => JsonValue::Bool(*b),
            SqlValue::Integer(i) => JsonValue::Int(*i),
            SqlValue::Float(f) => JsonValue::Number(*f),
            SqlValue::BigInt(b) => JsonValue::Str(b.to_string()),
            SqlValue::Text(s) => JsonValue::Str(s.clone()),
            SqlValue::Blob(bytes) => JsonValue::RawJson(buffer_json(bytes)),
            SqlValue::Date(ms) => match iso_string_from_millis(*ms) {
                Some(iso) => JsonValue::Str(iso),
                None => JsonValue::Null,
            },
            SqlValue::Json(s) => JsonValue::RawJson(s.clone()),
            SqlValue::Array(items) => {
                JsonValue::Array(items.iter().map(JsonValue::from_sql).collect())
            }
        }
    }
}

/// `JSON.stringify(buffer)` of a Node `Buffer` (its `toJSON`).
pub fn buffer_json(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 + 28);
    out.push_str("{\"type\":\"Buffer\",\"data\":[");
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&b.to_string());
    }
    out.push_str("]}");
    out
}

/// `JSON.stringify(value)` of a parameter value, with the default serializer.
pub fn stringify_sql(value: &SqlValue) -> String {
    stringify(&JsonValue::from_sql(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-15.5, "-15.5"),
            (99.99, "99.99"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123456789.0, "123456789"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (1.5e21, "1.5e+21"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (123e-20, "1.23e-18"),
            (9007199254740993.0, "9007199254740992"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (-2.5e-8, "-2.5e-8"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (n, expected) in cases {
            assert_eq!(number_to_js_string(*n), *expected, "{n:e}");
        }
    }

    #[test]
    fn strings_escape_like_json_stringify() {
        let s = "a\"b\\c\u{8}\u{c}\n\r\t\u{1}\u{1f}/\u{2028}é🚀'";
        assert_eq!(
            stringify(&JsonValue::Str(s.into())),
            "\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f/\u{2028}é🚀'\""
        );
    }

    #[test]
    fn values_serialize_like_json_stringify() {
        let v = JsonValue::Array(vec![
            JsonValue::Null,
            JsonValue::Bool(true),
            JsonValue::Bool(false),
            JsonValue::Int(42),
            JsonValue::Int(i64::MAX),
            JsonValue::Number(f64::NAN),
            JsonValue::Number(f64::INFINITY),
            JsonValue::Number(-1.25),
            JsonValue::Str("x".into()),
            JsonValue::RawJson("{\"a\":1}".into()),
            JsonValue::Array(vec![]),
        ]);
        assert_eq!(
            stringify(&v),
            "[null,true,false,42,9223372036854776000,null,null,-1.25,\"x\",{\"a\":1},[]]"
        );
    }
}
