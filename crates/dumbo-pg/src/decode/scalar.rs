//! Fixed-size and bit-string scalars printed as PostgreSQL's text: `float4`,
//! `"char"`, `uuid`, `money`, `bit`/`varbit`.
use super::bytes::{be, be_i32};

/// `float4` as JS reads PostgreSQL's text for it: the shortest decimal that
/// round-trips through f32, parsed as f64 (`1.1`, not `1.100000023841858`).
pub(super) fn float4_as_js(f: f32) -> f64 {
    if f.is_finite() {
        format!("{f}").parse().unwrap_or(f64::from(f))
    } else {
        f64::from(f)
    }
}

/// `"char"`: one byte; bytes with the high bit set print as `\ooo`, NUL as empty.
pub(super) fn char_text(raw: &[u8]) -> Option<String> {
    match raw {
        [] | [0] => Some(String::new()),
        [b] if b.is_ascii() => Some(char::from(*b).to_string()),
        [b] => Some(format!("\\{b:03o}")),
        _ => None,
    }
}

pub(super) fn uuid_text(raw: &[u8]) -> Option<String> {
    let bytes: [u8; 16] = be(raw)?;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{b:02x}"));
    }
    Some(out)
}

/// `money` as printed with `lc_monetary` C or en_US: `$1,234.56`, `-$0.05`.
pub(super) fn money_text(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let units = (abs / 100).to_string();
    // Thousands separators: the first group takes the 1–3 leading digits.
    let head = match units.len() % 3 {
        0 => 3,
        n => n,
    };
    let (first, rest) = units.split_at(head.min(units.len()));
    let mut grouped = String::with_capacity(units.len() + units.len() / 3);
    grouped.push_str(first);
    for group in rest.as_bytes().chunks(3) {
        grouped.push(',');
        grouped.extend(group.iter().map(|&b| char::from(b)));
    }
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}${grouped}.{:02}", abs % 100)
}

/// `bit`/`varbit`: bit count (i32) then the bits, most significant first.
pub(super) fn bit_text(raw: &[u8]) -> Option<String> {
    let count = usize::try_from(be_i32(raw.get(..4)?)?).ok()?;
    let bytes = raw.get(4..)?;
    if bytes.len() != count.div_ceil(8) {
        return None;
    }
    Some(
        (0..count)
            .map(|i| {
                if bytes[i / 8] & (0x80 >> (i % 8)) != 0 {
                    '1'
                } else {
                    '0'
                }
            })
            .collect(),
    )
}
