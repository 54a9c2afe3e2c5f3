//! Positional parameter binding: what node-sqlite3 does with the values upstream's
//! sqlite3 client hands it, after the SQLite value mapping (booleans as 1/0, dates as
//! ISO text, objects as JSON text).

use dumbo_core::json::stringify_sql;
use dumbo_core::value::iso_string_from_millis;
use dumbo_core::{Error, Result, SqlValue};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::Statement;

use crate::errors::{map_sqlite_error, parameter_count_mismatch};

/// Binds `params` to `?1..?n` after checking that the statement takes exactly as
/// many parameters.
pub(crate) fn bind_all(stmt: &mut Statement<'_>, params: &[SqlValue]) -> Result<()> {
    let expected = stmt.parameter_count();
    if expected != params.len() {
        return Err(parameter_count_mismatch(expected, params.len()));
    }
    for (i, value) in params.iter().enumerate() {
        stmt.raw_bind_parameter(i + 1, to_sql(value)?)
            .map_err(map_sqlite_error)?;
    }
    Ok(())
}

/// The SQLite value for one parameter.
pub(crate) fn to_sql(value: &SqlValue) -> Result<ToSqlOutput<'_>> {
    Ok(match value {
        SqlValue::Null => ToSqlOutput::Borrowed(ValueRef::Null),
        SqlValue::Bool(b) => ToSqlOutput::Owned(Value::Integer(i64::from(*b))),
        SqlValue::Integer(i) => ToSqlOutput::Owned(Value::Integer(*i)),
        SqlValue::Float(f) => ToSqlOutput::Owned(Value::Real(*f)),
        SqlValue::BigInt(n) => {
            ToSqlOutput::Owned(Value::Integer(i64::try_from(*n).map_err(|_| {
                Error::data(format!(
                    "BigInt value {n} is out of range for a SQLite INTEGER"
                ))
            })?))
        }
        SqlValue::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        SqlValue::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        SqlValue::Date(ms) => ToSqlOutput::Owned(Value::Text(iso_date(*ms)?)),
        SqlValue::Json(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        // Arrays are normally expanded by the formatter; a nested one binds as the
        // JSON text JavaScript would produce (BigInt as decimal string).
        SqlValue::Array(_) => ToSqlOutput::Owned(Value::Text(stringify_sql(value))),
    })
}

fn iso_date(ms: f64) -> Result<String> {
    iso_string_from_millis(ms)
        .ok_or_else(|| Error::data("Invalid Date cannot be bound as a SQLite parameter"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    fn owned(v: &SqlValue) -> Value {
        match to_sql(v).unwrap() {
            ToSqlOutput::Owned(v) => v,
            ToSqlOutput::Borrowed(r) => Value::try_from(r).unwrap(),
            _ => panic!("unexpected output"),
        }
    }

    #[test]
    fn scalar_values() {
        assert_eq!(owned(&SqlValue::Null), Value::Null);
        assert_eq!(owned(&SqlValue::Bool(true)), Value::Integer(1));
        assert_eq!(owned(&SqlValue::Bool(false)), Value::Integer(0));
        assert_eq!(owned(&SqlValue::Integer(-3)), Value::Integer(-3));
        assert_eq!(owned(&SqlValue::Float(1.5)), Value::Real(1.5));
        assert_eq!(
            owned(&SqlValue::BigInt(i128::from(i64::MIN))),
            Value::Integer(i64::MIN)
        );
        assert_eq!(owned(&SqlValue::Text("é".into())), Value::Text("é".into()));
        assert_eq!(owned(&SqlValue::Blob(vec![0, 1])), Value::Blob(vec![0, 1]));
        assert_eq!(
            owned(&SqlValue::Date(1_684_152_000_000.0)),
            Value::Text("2023-05-15T12:00:00.000Z".into())
        );
        assert_eq!(
            owned(&SqlValue::Json("{\"a\":1}".into())),
            Value::Text("{\"a\":1}".into())
        );
    }

    #[test]
    fn out_of_range_values_are_data_errors() {
        let err = to_sql(&SqlValue::BigInt(i128::from(i64::MAX) + 1)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Data);
        assert_eq!(
            err.message,
            "BigInt value 9223372036854775808 is out of range for a SQLite INTEGER"
        );
        assert_eq!(
            to_sql(&SqlValue::Date(f64::NAN)).unwrap_err().kind,
            ErrorKind::Data
        );
        assert_eq!(
            to_sql(&SqlValue::Date(9e15)).unwrap_err().kind,
            ErrorKind::Data
        );
    }

    #[test]
    fn arrays_become_json_text() {
        let v = SqlValue::Array(vec![
            SqlValue::Integer(1),
            SqlValue::Text("a\"b".into()),
            SqlValue::Null,
            SqlValue::Bool(true),
            SqlValue::Float(2.5),
            SqlValue::Float(f64::NAN),
            SqlValue::BigInt(12345678901234567890),
            SqlValue::Blob(vec![1, 2]),
            SqlValue::Date(0.0),
            SqlValue::Date(f64::INFINITY),
            SqlValue::Json("{\"x\":[1]}".into()),
            SqlValue::Array(vec![]),
        ]);
        assert_eq!(
            owned(&v),
            Value::Text(
                r#"[1,"a\"b",null,true,2.5,null,"12345678901234567890",{"type":"Buffer","data":[1,2]},"1970-01-01T00:00:00.000Z",null,{"x":[1]},[]]"#
                    .into()
            )
        );
    }
}
