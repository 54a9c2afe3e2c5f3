//! Timestamps, dates, times and intervals.
use super::*;

#[test]
fn timestamps_and_dates() {
    // 2024-02-29 01:02:03.456789+00 → 1709168523456.789 ms, floored.
    assert_eq!(
        special(&Type::TIMESTAMPTZ, &hex("0002b579937bd115"), &RAW),
        SpecialValue::Date(1_709_168_523_456.0)
    );
    // 1969-12-31 23:59:59.9995 → -0.5 ms → -1 (floor, as Date.UTC truncates the
    // non-negative millisecond field).
    assert_eq!(
        special(&Type::TIMESTAMPTZ, &hex("fffca2fec4c81e0c"), &RAW),
        SpecialValue::Date(-1.0)
    );
    assert_eq!(
        special(&Type::TIMESTAMPTZ, &hex("7fffffffffffffff"), &RAW),
        SpecialValue::Float(f64::INFINITY)
    );
    assert_eq!(
        special(&Type::TIMESTAMP, &hex("8000000000000000"), &RAW),
        SpecialValue::Float(f64::NEG_INFINITY)
    );
    assert_eq!(
        special(&Type::TIMESTAMP, &hex("0000000000000000"), &RAW),
        SpecialValue::LocalDate(946_684_800_000.0)
    );
    assert_eq!(
        special(&Type::DATE, &hex("00002279"), &RAW),
        SpecialValue::LocalDate(1_709_164_800_000.0)
    );
    // 1900-01-01
    assert_eq!(
        special(&Type::DATE, &hex("ffff7154"), &RAW),
        SpecialValue::LocalDate(-2_208_988_800_000.0)
    );
    assert_eq!(
        special(&Type::DATE, &hex("80000000"), &RAW),
        SpecialValue::Float(f64::NEG_INFINITY)
    );
    assert_eq!(text(&Type::TIMESTAMPTZ, "0102"), "\\x0102");
}

#[test]
fn times() {
    assert_eq!(text(&Type::TIME, "0000000a8be1bd20"), "12:34:56.5");
    assert_eq!(text(&Type::TIME, "0000000000000000"), "00:00:00");
    assert_eq!(text(&Type::TIME, "000000141dd76000"), "24:00:00");
    assert_eq!(text(&Type::TIME, "000000141dd75fff"), "23:59:59.999999");
    assert_eq!(text(&Type::TIME, "00000000dde87938"), "01:02:03.00012");
    assert_eq!(
        text(&Type::TIMETZ, "0000000a8be1bd20ffffe3e0"),
        "12:34:56.5+02"
    );
    assert_eq!(
        text(&Type::TIMETZ, "000000000000000000004d58"),
        "00:00:00-05:30"
    );
    assert_eq!(
        text(&Type::TIMETZ, "00000000dde878c000000000"),
        "01:02:03+00"
    );
    assert_eq!(
        text(&Type::TIMETZ, "00000000dde878c00000000f"),
        "01:02:03-00:00:15"
    );
    assert_eq!(
        text(&Type::TIMETZ, "00000000dde878c0ffff2d11"),
        "01:02:03+14:59:59"
    );
    assert_eq!(
        text(&Type::TIMETZ, "00000000dde878c080000000"),
        "01:02:03+596523:14:08"
    );
    // Negative time is malformed.
    assert_eq!(text(&Type::TIME, "ffffffffffffffff"), "\\xffffffffffffffff");
}

#[test]
fn intervals_match_postgres_style() {
    // From `SELECT v::text, encode(interval_send(v), 'hex')` on PostgreSQL 15.
    let cases: &[(&str, &str)] = &[
        (
            "000000036c97ca88000000030000000e",
            "1 year 2 mons 3 days 04:05:06.789",
        ),
        ("00000001ad274800ffffffff00000000", "-1 days +02:00:00"),
        ("00000000000000000000000000000000", "00:00:00"),
        ("00000000000000000000000100000000", "1 day"),
        ("00000000000000000000000000000018", "2 years"),
        ("000000000000000000000000ffffffff", "-1 mons"),
        ("00000000000000000000000000000001", "1 mon"),
        ("000000000000000000000000ffffffe5", "-2 years -3 mons"),
        ("ffffffffffe91ca00000000000000000", "-00:00:01.5"),
        ("0000000000000000ffffffff0000000c", "1 year -1 days"),
        (
            "ffffffff296c5c0000000001fffffff4",
            "-1 years +1 day -01:00:00",
        ),
        ("00000053d1ac10000000000000000000", "100:00:00"),
        ("ffffffffffffffff0000000100000000", "1 day -00:00:00.000001"),
        ("0000000000000000fffffffd00000000", "-3 days"),
        ("000000000016e3600000000000000000", "00:00:01.5"),
        (
            "fffffffc93743f8000000003fffffff2",
            "-1 years -2 mons +3 days -04:05:06",
        ),
        ("0000000000000000000000007f50c600", "178000000 years"),
        (
            "7fffffffffffffff0000000000000000",
            "2562047788:00:54.775807",
        ),
        (
            "80000000000000010000000000000000",
            "-2562047788:00:54.775807",
        ),
        ("000000000000000000000000fffffff5", "-11 mons"),
        ("0000000000000000ffffffff00000001", "1 mon -1 days"),
        ("ffffffff296c5c00ffffffff00000000", "-1 days -01:00:00"),
        ("00000000000186a00000000000000000", "00:00:00.1"),
        ("0000000000000001000000000000000c", "1 year 00:00:00.000001"),
        // PostgreSQL 17 infinities.
        ("7fffffffffffffff7fffffff7fffffff", "infinity"),
        ("80000000000000008000000080000000", "-infinity"),
    ];
    for (h, want) in cases {
        assert_eq!(text(&Type::INTERVAL, h), *want, "{h}");
    }
    // i64::MIN microseconds alone must not overflow.
    assert_eq!(
        text(&Type::INTERVAL, "80000000000000000000000000000000"),
        "-2562047788:00:54.775808"
    );
    assert_eq!(text(&Type::INTERVAL, "00"), "\\x00");
}
