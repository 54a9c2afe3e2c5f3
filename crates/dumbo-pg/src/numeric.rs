//! PostgreSQL numeric (binary) to decimal text.
//!
//! The binary form (`numeric_send`) is a header of four 16-bit big-endian fields
//! (digit count, weight of the first digit in base 10000, sign, display scale)
//! followed by the base-10000 digits. The text produced here is what
//! `numeric_out` prints for the same value: the integer part without leading
//! zeros (`0` when there is none), then exactly `dscale` fractional digits.

const SIGN_POS: u16 = 0x0000;
const SIGN_NEG: u16 = 0x4000;
const SIGN_NAN: u16 = 0xC000;
const SIGN_PINF: u16 = 0xD000;
const SIGN_NINF: u16 = 0xF000;

/// Largest base-10000 digit.
const MAX_DIGIT: i16 = 9999;

fn read_u16(raw: &[u8], at: usize) -> Option<u16> {
    let bytes = raw.get(at..at + 2)?;
    Some(u16::from_be_bytes([bytes[0], bytes[1]]))
}

/// Pushes the four decimal digits of one base-10000 digit.
fn push_four(out: &mut String, digit: i16) {
    let d = digit as u16;
    for divisor in [1000u16, 100, 10, 1] {
        out.push(char::from(b'0' + ((d / divisor) % 10) as u8));
    }
}

/// Converts a binary `numeric` value to the text PostgreSQL prints for it.
/// Returns `None` when the bytes are not a well-formed numeric.
pub(crate) fn numeric_to_string(raw: &[u8]) -> Option<String> {
    let ndigits = read_u16(raw, 0)? as i16;
    let weight = read_u16(raw, 2)? as i16;
    let sign = read_u16(raw, 4)?;
    let dscale = read_u16(raw, 6)?;
    if ndigits < 0 {
        return None;
    }
    let ndigits = ndigits as usize;
    let body = raw.get(8..)?;
    if body.len() != ndigits * 2 {
        return None;
    }
    match sign {
        SIGN_NAN => return Some("NaN".to_owned()),
        SIGN_PINF => return Some("Infinity".to_owned()),
        SIGN_NINF => return Some("-Infinity".to_owned()),
        SIGN_POS | SIGN_NEG => {}
        _ => return None,
    }
    // The display scale is 14 bits on disk; anything larger is not a real value.
    if dscale > 0x3FFF {
        return None;
    }
    let digits: Vec<i16> = body
        .chunks_exact(2)
        .map(|c| i16::from_be_bytes([c[0], c[1]]))
        .collect();
    if digits.iter().any(|d| !(0..=MAX_DIGIT).contains(d)) {
        return None;
    }
    let digit_at = |i: i64| -> i16 {
        if i >= 0 {
            digits.get(i as usize).copied().unwrap_or(0)
        } else {
            0
        }
    };

    let weight = i64::from(weight);
    let dscale = usize::from(dscale);
    let int_len = if weight >= 0 {
        (weight as usize + 1) * 4
    } else {
        1
    };
    let mut out = String::with_capacity(int_len + dscale + 2);
    if sign == SIGN_NEG {
        out.push('-');
    }

    // Integer part: base-10000 digits 0..=weight, leading zeros of the first one dropped.
    if weight < 0 {
        out.push('0');
    } else {
        let mut first = String::with_capacity(4);
        push_four(&mut first, digit_at(0));
        let trimmed = first.trim_start_matches('0');
        out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
        for i in 1..=weight {
            push_four(&mut out, digit_at(i));
        }
    }

    // Fractional part: exactly dscale decimal digits, starting after the weight digit.
    if dscale > 0 {
        out.push('.');
        let start = out.len();
        let mut i = weight + 1;
        while out.len() - start < dscale {
            push_four(&mut out, digit_at(i));
            i += 1;
        }
        out.truncate(start + dscale);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    fn text(h: &str) -> Option<String> {
        numeric_to_string(&hex(h))
    }

    // Byte strings from `SELECT encode(numeric_send(v), 'hex')` on PostgreSQL 15,
    // expected text from `v::text`.
    #[test]
    fn matches_numeric_out() {
        let cases: &[(&str, &str)] = &[
            ("0000000000000000", "0"),
            ("0002000000000004007b1194", "123.4500"),
            ("0001ffff40000003000a", "-0.001"),
            ("00000000c0000000", "NaN"),
            ("00000000d0000020", "Infinity"),
            ("00000000f0000020", "-Infinity"),
            ("0000000000000002", "0.00"),
            ("00010001000000000001", "10000"),
            ("0002000000000004270f270f", "9999.9999"),
            (
                "000800044000000904d2162e23340d801ed204d2162e2328",
                "-12345678901234567890.123456789",
            ),
            ("0001ffff0000000103e8", "0.1"),
            ("00010000000000000064", "100"),
            ("0001fffe0000000603e8", "0.000010"),
            ("0003000100000003000109291a7c", "12345.678"),
        ];
        for (h, want) in cases {
            assert_eq!(text(h).as_deref(), Some(*want), "{h}");
        }
    }

    #[test]
    fn expands_huge_and_tiny_exponents() {
        // 1e100 and 1e-100
        let big = text("00010019000000000001").unwrap();
        assert_eq!(big, format!("1{}", "0".repeat(100)));
        let small = text("0001ffe7000000640001").unwrap();
        assert_eq!(small, format!("0.{}1", "0".repeat(99)));
    }

    #[test]
    fn keeps_trailing_scale_zeros_past_the_digits() {
        // 1.5 with dscale 6: digits [1, 5000], weight 0.
        assert_eq!(text("00020000000000060001138800"), None, "trailing garbage");
        assert_eq!(text("0002000000000006000113"), None, "odd body length");
        assert_eq!(
            text("000200000000000600011388").as_deref(),
            Some("1.500000")
        );
        // Negative with integer zeros between digits: -10000.0001 = [1, 0, 1], weight 1.
        assert_eq!(
            text("000300014000000400010000" /* truncated */).as_deref(),
            None
        );
        assert_eq!(
            text("0003000140000004000100000001").as_deref(),
            Some("-10000.0001")
        );
    }

    #[test]
    fn dscale_shorter_than_digits_truncates() {
        // 1.23456789 stored with dscale 2 (not produced by PostgreSQL, but must not fail).
        assert_eq!(
            text("000300000000000200010929162e").as_deref(),
            Some("1.23")
        );
    }

    #[test]
    fn rejects_malformed_input() {
        assert_eq!(numeric_to_string(&[]), None);
        assert_eq!(numeric_to_string(&[0, 1, 0, 0, 0, 0]), None);
        // Digit count says one digit but none follows.
        assert_eq!(text("0001000000000000"), None);
        // Negative digit count.
        assert_eq!(text("ffff000000000000"), None);
        // Unknown sign.
        assert_eq!(text("0000000012340000"), None);
        // Digit out of range (10000).
        assert_eq!(text("00010000000000002710"), None);
        // Negative digit.
        assert_eq!(text("0001000000000000ffff"), None);
        // Display scale beyond what PostgreSQL allows.
        assert_eq!(text("000000000000ffff"), None);
    }

    #[test]
    fn extreme_weights_do_not_panic() {
        let max = numeric_to_string(&hex("00017fff000000000001")).unwrap();
        assert_eq!(max.len(), 1 + 32767 * 4);
        let min = numeric_to_string(&hex("00018000000000000001")).unwrap();
        assert_eq!(min, "0");
        let min_scaled = numeric_to_string(&hex("000180000000000a0001")).unwrap();
        assert_eq!(min_scaled, "0.0000000000");
    }
}
