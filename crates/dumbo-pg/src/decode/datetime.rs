//! Timestamps, dates, times and intervals.
use dumbo_rows::SpecialValue;

use super::bytes::{be_i32, be_i64};
use super::cell::Cell;
use dumbo_core::value::civil_from_days;

/// Milliseconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
const PG_EPOCH_MS: i64 = 946_684_800_000;
const PG_EPOCH_DAYS: i64 = 10_957;
const MS_PER_DAY: i64 = 86_400_000;
const US_PER_SECOND: i64 = 1_000_000;
const US_PER_MINUTE: i64 = 60 * US_PER_SECOND;
const US_PER_HOUR: i64 = 60 * US_PER_MINUTE;

/// Microseconds since 2000-01-01 to JS epoch milliseconds, floored to whole
/// milliseconds (node-postgres parses the text with millisecond precision).
pub(super) fn timestamp_cell(micros: i64, make: fn(f64) -> SpecialValue) -> Cell {
    match micros {
        i64::MAX => Cell::Special(SpecialValue::Float(f64::INFINITY)),
        i64::MIN => Cell::Special(SpecialValue::Float(f64::NEG_INFINITY)),
        _ => {
            let ms = micros.div_euclid(1000) + PG_EPOCH_MS;
            Cell::Special(make(ms as f64))
        }
    }
}

/// Days since 2000-01-01 to local midnight (wall-clock ms read as UTC).
pub(super) fn date_cell(days: i32) -> Cell {
    match days {
        i32::MAX => Cell::Special(SpecialValue::Float(f64::INFINITY)),
        i32::MIN => Cell::Special(SpecialValue::Float(f64::NEG_INFINITY)),
        _ => {
            let ms = (i64::from(days) + PG_EPOCH_DAYS) * MS_PER_DAY;
            Cell::Special(SpecialValue::LocalDate(ms as f64))
        }
    }
}

/// `.ffffff` with trailing zeros trimmed (nothing when the fraction is zero).
fn push_fraction(out: &mut String, micros: u64) {
    if micros != 0 {
        let digits = format!("{micros:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// `HH:MM:SS[.ffffff]` for microseconds since midnight.
pub(super) fn time_text(micros: i64) -> Option<String> {
    let micros = u64::try_from(micros).ok()?;
    let us_per_second = US_PER_SECOND as u64;
    let seconds = micros / us_per_second;
    let mut out = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    );
    push_fraction(&mut out, micros % us_per_second);
    Some(out)
}

/// `time` plus the UTC offset (`+02`, `-05:30`, `+14:59:59`). The binary zone is
/// seconds west of UTC, so its sign is the opposite of the printed one.
pub(super) fn timetz_text(raw: &[u8]) -> Option<String> {
    let mut out = time_text(be_i64(raw.get(..8)?)?)?;
    let zone = be_i32(raw.get(8..)?)?;
    out.push(if zone <= 0 { '+' } else { '-' });
    let total = zone.unsigned_abs();
    let (hours, minutes, seconds) = (total / 3600, (total / 60) % 60, total % 60);
    out.push_str(&format!("{hours:02}"));
    if seconds != 0 {
        out.push_str(&format!(":{minutes:02}:{seconds:02}"));
    } else if minutes != 0 {
        out.push_str(&format!(":{minutes:02}"));
    }
    Some(out)
}

/// An interval in the default `postgres` IntervalStyle:
/// `1 year 2 mons 3 days 04:05:06.789`, `-1 days +02:00:00`, `00:00:00`.
pub(super) fn interval_text(raw: &[u8]) -> Option<String> {
    let micros = be_i64(raw.get(..8)?)?;
    let days = be_i32(raw.get(8..12)?)?;
    let months = be_i32(raw.get(12..)?)?;
    // PostgreSQL 17's infinite intervals.
    if micros == i64::MAX && days == i32::MAX && months == i32::MAX {
        return Some("infinity".to_owned());
    }
    if micros == i64::MIN && days == i32::MIN && months == i32::MIN {
        return Some("-infinity".to_owned());
    }

    let mut out = String::new();
    // Whether nothing has been printed yet, and whether the last printed field was
    // negative (a following positive field then gets an explicit `+`).
    let mut is_zero = true;
    let mut is_before = false;
    let mut add_part = |out: &mut String, value: i64, unit: &str| {
        if value == 0 {
            return;
        }
        if !is_zero {
            out.push(' ');
        }
        if is_before && value > 0 {
            out.push('+');
        }
        out.push_str(&format!("{value} {unit}"));
        if value != 1 {
            out.push('s');
        }
        is_before = value < 0;
        is_zero = false;
    };
    add_part(&mut out, i64::from(months / 12), "year");
    add_part(&mut out, i64::from(months % 12), "mon");
    add_part(&mut out, i64::from(days), "day");

    let hours = micros / US_PER_HOUR;
    let minutes = (micros % US_PER_HOUR) / US_PER_MINUTE;
    let seconds = (micros % US_PER_MINUTE) / US_PER_SECOND;
    let fraction = micros % US_PER_SECOND;
    if is_zero || micros != 0 {
        if !is_zero {
            out.push(' ');
        }
        if micros < 0 {
            out.push('-');
        } else if is_before {
            out.push('+');
        }
        out.push_str(&format!(
            "{:02}:{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs(),
            seconds.unsigned_abs()
        ));
        push_fraction(&mut out, fraction.unsigned_abs());
    }
    Some(out)
}

/// `date` in the ISO DateStyle: `2024-01-15`, `0044-03-15 BC`, `infinity`.
pub(super) fn date_text(days: i32) -> String {
    match days {
        i32::MAX => "infinity".to_owned(),
        i32::MIN => "-infinity".to_owned(),
        _ => {
            let (year, month, day) = civil_from_days(i64::from(days) + PG_EPOCH_DAYS);
            if year <= 0 {
                format!("{:04}-{month:02}-{day:02} BC", 1 - year)
            } else {
                format!("{year:04}-{month:02}-{day:02}")
            }
        }
    }
}
