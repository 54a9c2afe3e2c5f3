//! Parameter value mapping: upstream's `mapSQLParamValue` with the PostgreSQL
//! formatter's overrides (`mapDate`, identity `mapArray`).
//!
//! [`display_param`] is the mapped value as upstream's formatter would hand it to JS.
//! [`describe_value`] / `JsonValue::from_sql` model what `describe` serializes,
//! including upstream's quirks (PostgreSQL arrays are not mapped element-wise).

use dumbo_core::value::iso_string_from_millis;
use dumbo_core::{Error, Result, SqlValue};

use crate::dialect::Dialect;
use dumbo_core::json::{buffer_json, JsonValue};

/// `Date.prototype.toISOString`, or the dialect's `mapDate` for PostgreSQL
/// (`T` → space, `Z` → `+00`). `None` for an invalid date.
pub(crate) fn map_date(ms: f64, dialect: Dialect) -> Option<String> {
    let iso = iso_string_from_millis(ms)?;
    Some(match dialect {
        Dialect::SQLite => iso,
        Dialect::PostgreSQL => iso.replacen('T', " ", 1).replacen('Z', "+00", 1),
    })
}

/// The parameter as upstream's dialect value mapper would produce it:
/// bigint → decimal text, Date → ISO text (PostgreSQL: `'2023-05-15 12:00:00.000+00'`),
/// JSON object → its text, arrays element-wise; everything else unchanged.
///
/// An invalid date (where JS `toISOString` would throw) is returned unchanged.
pub fn display_param(value: &SqlValue, dialect: Dialect) -> SqlValue {
    match value {
        SqlValue::BigInt(b) => SqlValue::Text(b.to_string()),
        SqlValue::Date(ms) => match map_date(*ms, dialect) {
            Some(text) => SqlValue::Text(text),
            None => SqlValue::Date(*ms),
        },
        SqlValue::Json(s) => SqlValue::Text(s.clone()),
        SqlValue::Array(items) => {
            SqlValue::Array(items.iter().map(|v| display_param(v, dialect)).collect())
        }
        other => other.clone(),
    }
}

fn invalid_date() -> Error {
    Error::data("Invalid time value")
}

/// `mapper.mapValue(value)` for `describe`: the JS value upstream would pass to the
/// placeholder mapper. Fails where JS `toISOString` throws (an invalid date).
pub(crate) fn describe_value(value: &SqlValue, dialect: Dialect) -> Result<JsonValue> {
    Ok(match value {
        SqlValue::Null => JsonValue::Null,
        SqlValue::Bool(b) => JsonValue::Bool(*b),
        SqlValue::Integer(i) => JsonValue::Int(*i),
        SqlValue::Float(f) => JsonValue::Number(*f),
        SqlValue::BigInt(b) => JsonValue::Str(b.to_string()),
        SqlValue::Text(s) => JsonValue::Str(s.clone()),
        // A Buffer is an object: upstream serializes it to JSON text.
        SqlValue::Blob(bytes) => JsonValue::Str(buffer_json(bytes)),
        SqlValue::Date(ms) => JsonValue::Str(map_date(*ms, dialect).ok_or_else(invalid_date)?),
        SqlValue::Json(s) => JsonValue::Str(s.clone()),
        SqlValue::Array(items) => JsonValue::Array(describe_array_items(items, dialect)?),
    })
}

/// `mapper.mapValue(array)` for `describe`, as a list: element-wise for SQLite,
/// untouched (PostgreSQL `mapArray` is identity) for PostgreSQL.
pub(crate) fn describe_array_items(items: &[SqlValue], dialect: Dialect) -> Result<Vec<JsonValue>> {
    match dialect {
        Dialect::SQLite => items
            .iter()
            .map(|v| describe_value(v, Dialect::SQLite))
            .collect(),
        Dialect::PostgreSQL => Ok(items.iter().map(JsonValue::from_sql).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::json::stringify;

    // new Date('2023-05-15T12:00:00Z').getTime()
    const MAY_15: f64 = 1_684_152_000_000.0;
    // new Date('2023-01-01T00:00:00.000Z').getTime()
    const JAN_1: f64 = 1_672_531_200_000.0;

    fn text(s: &str) -> SqlValue {
        SqlValue::Text(s.to_owned())
    }

    #[test]
    fn display_keeps_primitives() {
        for d in [Dialect::SQLite, Dialect::PostgreSQL] {
            assert_eq!(display_param(&SqlValue::Null, d), SqlValue::Null);
            assert_eq!(
                display_param(&SqlValue::Integer(123), d),
                SqlValue::Integer(123)
            );
            assert_eq!(
                display_param(&SqlValue::Float(-15.5), d),
                SqlValue::Float(-15.5)
            );
            assert_eq!(display_param(&text("test"), d), text("test"));
            assert_eq!(
                display_param(&SqlValue::Bool(true), d),
                SqlValue::Bool(true)
            );
            assert_eq!(
                display_param(&SqlValue::Bool(false), d),
                SqlValue::Bool(false)
            );
            assert_eq!(
                display_param(&SqlValue::Blob(vec![1, 2]), d),
                SqlValue::Blob(vec![1, 2])
            );
            assert_eq!(
                display_param(&SqlValue::BigInt(123_456_789_012_345), d),
                text("123456789012345")
            );
            assert_eq!(
                display_param(&SqlValue::Json("{\"key\":\"value\"}".into()), d),
                text("{\"key\":\"value\"}")
            );
        }
        let nan = display_param(&SqlValue::Float(f64::NAN), Dialect::SQLite);
        assert!(matches!(nan, SqlValue::Float(f) if f.is_nan()));
    }

    #[test]
    fn display_maps_dates_per_dialect() {
        assert_eq!(
            display_param(&SqlValue::Date(MAY_15), Dialect::SQLite),
            text("2023-05-15T12:00:00.000Z")
        );
        assert_eq!(
            display_param(&SqlValue::Date(MAY_15), Dialect::PostgreSQL),
            text("2023-05-15 12:00:00.000+00")
        );
        assert_eq!(
            display_param(&SqlValue::Date(JAN_1), Dialect::PostgreSQL),
            text("2023-01-01 00:00:00.000+00")
        );
        assert_eq!(
            display_param(&SqlValue::Date(JAN_1), Dialect::SQLite),
            text("2023-01-01T00:00:00.000Z")
        );
        let invalid = display_param(&SqlValue::Date(f64::NAN), Dialect::SQLite);
        assert!(matches!(invalid, SqlValue::Date(f) if f.is_nan()));
    }

    #[test]
    fn display_maps_arrays_element_wise() {
        let arr = SqlValue::Array(vec![
            SqlValue::Json("{\"title\":\"director's cut\"}".into()),
            SqlValue::Array(vec![text("nested user's value"), SqlValue::BigInt(7)]),
            SqlValue::Date(MAY_15),
        ]);
        assert_eq!(
            display_param(&arr, Dialect::PostgreSQL),
            SqlValue::Array(vec![
                text("{\"title\":\"director's cut\"}"),
                SqlValue::Array(vec![text("nested user's value"), text("7")]),
                text("2023-05-15 12:00:00.000+00"),
            ])
        );
    }

    #[test]
    fn describe_values_follow_upstream_mapping() {
        let v = describe_value(&SqlValue::Json("{\"a\":1}".into()), Dialect::SQLite);
        assert_eq!(v, Ok(JsonValue::Str("{\"a\":1}".into())));
        let v = describe_value(&SqlValue::Blob(vec![1, 255]), Dialect::SQLite);
        assert_eq!(
            v.map(|v| stringify(&v)),
            Ok("\"{\\\"type\\\":\\\"Buffer\\\",\\\"data\\\":[1,255]}\"".to_owned())
        );
        let err = describe_value(&SqlValue::Date(f64::NAN), Dialect::PostgreSQL);
        assert_eq!(
            err.map_err(|e| e.message),
            Err("Invalid time value".to_owned())
        );
    }

    #[test]
    fn describe_arrays_are_mapped_for_sqlite_but_not_postgresql() {
        let items = vec![
            SqlValue::Date(MAY_15),
            SqlValue::Json("{\"a\":1}".into()),
            SqlValue::BigInt(5),
            SqlValue::Blob(vec![3]),
            SqlValue::Date(f64::NAN),
        ];
        let sqlite = describe_array_items(&items[..4], Dialect::SQLite)
            .map(|v| stringify(&JsonValue::Array(v)));
        assert_eq!(
            sqlite,
            Ok(r#"["2023-05-15T12:00:00.000Z","{\"a\":1}","5","{\"type\":\"Buffer\",\"data\":[3]}"]"#.to_owned())
        );
        let pg = describe_array_items(&items, Dialect::PostgreSQL)
            .map(|v| stringify(&JsonValue::Array(v)));
        assert_eq!(
            pg,
            Ok(
                r#"["2023-05-15T12:00:00.000Z",{"a":1},"5",{"type":"Buffer","data":[3]},null]"#
                    .to_owned()
            )
        );
    }
}
