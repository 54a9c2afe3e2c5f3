//! `JSON.stringify` as upstream's default `JSONSerializer` (`core/serializer/json/index.ts`)
//! performs it: bigint → decimal string, Date → ISO string, plus the exact JavaScript
//! spelling of numbers and strings. Used by `describe`, whose output is hashed for
//! migrations and therefore has to match upstream byte for byte.

/// A JavaScript value as the serializer sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum JsValue {
    Null,
    Bool(bool),
    Int(i64),
    Number(f64),
    Str(String),
    /// Text that already is JSON (an object serialized earlier), embedded verbatim.
    RawJson(String),
    Array(Vec<JsValue>),
}

/// `JSON.stringify(value)` (with the default serializer's replacers already applied
/// when the value was built).
pub(crate) fn stringify(value: &JsValue) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &JsValue) {
    match value {
        JsValue::Null => out.push_str("null"),
        JsValue::Bool(true) => out.push_str("true"),
        JsValue::Bool(false) => out.push_str("false"),
        JsValue::Int(i) => out.push_str(&int_to_js_string(*i)),
        JsValue::Number(n) => {
            if n.is_finite() {
                out.push_str(&number_to_js_string(*n));
            } else {
                out.push_str("null");
            }
        }
        JsValue::Str(s) => write_json_string(out, s),
        JsValue::RawJson(s) => out.push_str(s),
        JsValue::Array(items) => {
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
pub(crate) fn write_json_string(out: &mut String, s: &str) {
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

/// `Number.prototype.toString()` for a finite number (ECMAScript `Number::toString`).
pub(crate) fn number_to_js_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_owned();
    }
    if n == 0.0 {
        return "0".to_owned();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let sign = if n < 0.0 { "-" } else { "" };
    // Rust's `{:e}` prints the shortest round-trip digits, as JS does: `d.ddde<exp>`.
    let sci = format!("{:e}", n.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    let k = digits.len() as i64;
    // value = 0.digits × 10^n
    let point = exp + 1;

    let body = if k <= point && point <= 21 {
        let mut s = digits;
        for _ in 0..(point - k) {
            s.push('0');
        }
        s
    } else if 0 < point && point <= 21 {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    } else if -6 < point && point <= 0 {
        let mut s = String::from("0.");
        for _ in 0..(-point) {
            s.push('0');
        }
        s.push_str(&digits);
        s
    } else {
        let e = point - 1;
        let exp_sign = if e < 0 { '-' } else { '+' };
        let mut chars = digits.chars();
        let first: String = chars.next().map(String::from).unwrap_or_default();
        let rest: String = chars.collect();
        if rest.is_empty() {
            format!("{first}e{exp_sign}{}", e.abs())
        } else {
            format!("{first}.{rest}e{exp_sign}{}", e.abs())
        }
    };
    format!("{sign}{body}")
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
            stringify(&JsValue::Str(s.into())),
            "\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f/\u{2028}é🚀'\""
        );
    }

    #[test]
    fn values_serialize_like_json_stringify() {
        let v = JsValue::Array(vec![
            JsValue::Null,
            JsValue::Bool(true),
            JsValue::Bool(false),
            JsValue::Int(42),
            JsValue::Int(i64::MAX),
            JsValue::Number(f64::NAN),
            JsValue::Number(f64::INFINITY),
            JsValue::Number(-1.25),
            JsValue::Str("x".into()),
            JsValue::RawJson("{\"a\":1}".into()),
            JsValue::Array(vec![]),
        ]);
        assert_eq!(
            stringify(&v),
            "[null,true,false,42,9223372036854776000,null,null,-1.25,\"x\",{\"a\":1},[]]"
        );
    }
}
