//! Values that travel between JavaScript, the SQL formatter and the drivers.

/// A parameter value as it arrives from JavaScript (before dialect mapping).
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    /// `null` or `undefined`.
    Null,
    Bool(bool),
    /// A JS number with an integral value in the safe-integer range.
    Integer(i64),
    /// Any other JS number (fractions, NaN, infinities, integers past 2^53).
    Float(f64),
    /// A JS `BigInt` (kept wide so out-of-range values are reported, not wrapped).
    BigInt(i128),
    Text(String),
    /// A `Buffer` / `Uint8Array`.
    Blob(Vec<u8>),
    /// A JS `Date`, as milliseconds since the Unix epoch.
    Date(f64),
    /// A plain object, already serialized to JSON text by the configured serializer.
    Json(String),
    /// A JS array (each element mapped like any other value).
    Array(Vec<SqlValue>),
}

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:mm:ss.sssZ`, like `Date.prototype.toISOString`.
/// Returns `None` for an invalid date (NaN or outside JS's range), where JS would throw.
pub fn iso_string_from_millis(ms: f64) -> Option<String> {
    if !ms.is_finite() || ms.abs() > 8.64e15 {
        return None;
    }
    let ms = ms.trunc() as i64;
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (
        rem / 3_600_000,
        (rem / 60_000) % 60,
        (rem / 1000) % 60,
        rem % 1000,
    );
    let year = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:06}", -y)
    } else {
        format!("+{y:06}")
    };
    Some(format!(
        "{year}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z"
    ))
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); year 0 is 1 BC.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a 400-year era.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_strings_match_javascript() {
        assert_eq!(
            iso_string_from_millis(0.0).as_deref(),
            Some("1970-01-01T00:00:00.000Z")
        );
        // new Date('2023-05-15T12:00:00Z').getTime()
        assert_eq!(
            iso_string_from_millis(1_684_152_000_000.0).as_deref(),
            Some("2023-05-15T12:00:00.000Z")
        );
        // new Date('1969-12-31T23:59:59.999Z').getTime()
        assert_eq!(
            iso_string_from_millis(-1.0).as_deref(),
            Some("1969-12-31T23:59:59.999Z")
        );
        // new Date('2024-02-29T01:02:03.456Z').getTime()
        assert_eq!(
            iso_string_from_millis(1_709_168_523_456.0).as_deref(),
            Some("2024-02-29T01:02:03.456Z")
        );
        assert_eq!(iso_string_from_millis(f64::NAN), None);
    }
}
