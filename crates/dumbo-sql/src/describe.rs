//! Readable SQL with every parameter inlined: upstream's `describeSQL`
//! (`SQL.describe` / `formatter.describe`).
//!
//! Upstream formats with a placeholder mapper that returns
//! `serializer.serialize(mappedValue)` (default `JSONSerializer`), so strings appear in
//! JSON double quotes and JSON objects are serialized twice. The migrator hashes this
//! text, so it must match upstream byte for byte.

use dumbo_core::{Result, SqlValue};

use crate::dialect::{Dialect, Processors};
use crate::format::{walk, Sink};
use crate::token::TokenizedSql;
use crate::value_mapper::{describe_array_items, describe_value};
use dumbo_core::json::{stringify, JsonValue};

struct DescribeSink {
    dialect: Dialect,
    out: String,
}

impl Sink for DescribeSink {
    fn push_sql(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn add_param(&mut self, value: &SqlValue) -> Result<()> {
        let mapped = describe_value(value, self.dialect)?;
        self.out.push_str(&stringify(&mapped));
        Ok(())
    }

    fn add_params(&mut self, values: &[SqlValue]) -> Result<()> {
        let items = describe_array_items(values, self.dialect)?;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&stringify(item));
        }
        Ok(())
    }

    fn add_array_param(&mut self, values: &[SqlValue]) -> Result<()> {
        let items = describe_array_items(values, self.dialect)?;
        self.out.push_str(&stringify(&JsonValue::Array(items)));
        Ok(())
    }
}

/// `formatter.describe(sql, { serializer: JSONSerializer })` for the dialect's
/// formatter: what the migrator hashes and the executors trace. Same as
/// [`describe_with`] with [`Processors::Dialect`].
///
/// Fails on malformed tokenized SQL, empty arrays, or an invalid date (where JS
/// `toISOString` throws).
pub fn describe(sql: &TokenizedSql, dialect: Dialect) -> Result<String> {
    describe_with(sql, dialect, Processors::Dialect)
}

/// Describe with an explicit processors registry: [`Processors::Default`] mirrors
/// `SQL.describe(sql, formatter)`, [`Processors::Dialect`] mirrors `formatter.describe`.
/// They differ only for PostgreSQL arrays / `SQL.in` (expanded vs one array value).
pub fn describe_with(
    sql: &TokenizedSql,
    dialect: Dialect,
    processors: Processors,
) -> Result<String> {
    let mut sink = DescribeSink {
        dialect,
        out: String::new(),
    };
    walk(sql, dialect, processors, &mut sink)?;
    Ok(sink.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::{ArrayMode, Token, PARAM_MARKER};
    use dumbo_core::ErrorKind;

    fn tag(parts: &[&str], tokens: Vec<Token>) -> TokenizedSql {
        let mut sql = TokenizedSql::default();
        let mut tokens = tokens.into_iter();
        for part in parts {
            sql.push_sql(part);
            if let Some(t) = tokens.next() {
                sql.push_token(t);
            }
        }
        sql
    }

    fn text(s: &str) -> SqlValue {
        SqlValue::Text(s.to_owned())
    }

    fn d(sql: &TokenizedSql, dialect: Dialect) -> String {
        match describe(sql, dialect) {
            Ok(s) => s,
            Err(e) => panic!("describe failed: {e}"),
        }
    }

    const BOTH: [Dialect; 2] = [Dialect::SQLite, Dialect::PostgreSQL];

    #[test]
    fn inlines_strings_and_numbers_as_json() {
        let sql = tag(
            &["SELECT * FROM users WHERE id = ", " AND name = "],
            vec![
                Token::Literal(SqlValue::Integer(123)),
                Token::Literal(text("John")),
            ],
        );
        for dialect in BOTH {
            assert_eq!(
                d(&sql, dialect),
                "SELECT * FROM users WHERE id = 123 AND name = \"John\""
            );
        }
    }

    #[test]
    fn array_of_sql_is_joined_with_newline() {
        let a = tag(&["SELECT "], vec![Token::Literal(SqlValue::Integer(123))]);
        let b = tag(&["SELECT "], vec![Token::Literal(text("test"))]);
        let merged = TokenizedSql::merge(&[a, b], "\n");
        assert_eq!(d(&merged, Dialect::SQLite), "SELECT 123\nSELECT \"test\"");
    }

    #[test]
    fn objects_are_double_serialized() {
        // sqliteFormatter.describe(SQL`INSERT INTO test (data) VALUES (${{ title: "director's cut" }})`)
        let sql = tag(
            &["INSERT INTO test (data) VALUES (", ")"],
            vec![Token::Literal(SqlValue::Json(
                "{\"title\":\"director's cut\"}".into(),
            ))],
        );
        for dialect in BOTH {
            assert_eq!(
                d(&sql, dialect),
                r#"INSERT INTO test (data) VALUES ("{\"title\":\"director's cut\"}")"#
            );
        }
    }

    #[test]
    fn special_values() {
        let sql = tag(
            &["VALUES (", ", ", ", ", ", ", ", ", ", ", ", ", ", ", ")"],
            vec![
                Token::Literal(SqlValue::Null),
                Token::Literal(SqlValue::Bool(true)),
                Token::Literal(SqlValue::Bool(false)),
                Token::Literal(SqlValue::Float(-15.5)),
                Token::Literal(SqlValue::Float(f64::NAN)),
                Token::Literal(SqlValue::BigInt(123_456_789_012_345)),
                Token::Literal(SqlValue::Date(1_684_152_000_000.0)),
                Token::Literal(text("line\n\"q\" \\ it's")),
            ],
        );
        assert_eq!(
            d(&sql, Dialect::SQLite),
            r#"VALUES (null, true, false, -15.5, null, "123456789012345", "2023-05-15T12:00:00.000Z", "line\n\"q\" \\ it's")"#
        );
        assert_eq!(
            d(&sql, Dialect::PostgreSQL),
            r#"VALUES (null, true, false, -15.5, null, "123456789012345", "2023-05-15 12:00:00.000+00", "line\n\"q\" \\ it's")"#
        );
    }

    #[test]
    fn identifiers_and_plain_text_are_inlined() {
        let sql = TokenizedSql {
            chunks: vec![
                "CREATE TABLE ".into(),
                PARAM_MARKER.into(),
                " (".into(),
                PARAM_MARKER.into(),
                ")".into(),
            ],
            tokens: vec![
                Token::Identifier("User Table".into()),
                Token::Plain("id INTEGER".into()),
            ],
        };
        assert_eq!(
            d(&sql, Dialect::SQLite),
            "CREATE TABLE \"User Table\" (id INTEGER)"
        );
    }

    #[test]
    fn arrays_and_in_per_registry() {
        let values = vec![
            text("a"),
            SqlValue::Json("{\"x\":1}".into()),
            SqlValue::Date(0.0),
        ];
        let arr = tag(
            &["WHERE id = ANY (", ")"],
            vec![Token::Array {
                values: values.clone(),
                mode: None,
            }],
        );
        // sqliteFormatter: expanded, each element mapped then serialized.
        assert_eq!(
            d(&arr, Dialect::SQLite),
            r#"WHERE id = ANY ("a", "{\"x\":1}", "1970-01-01T00:00:00.000Z")"#
        );
        // pgFormatter.describe: one array value, elements unmapped (mapArray is identity).
        assert_eq!(
            d(&arr, Dialect::PostgreSQL),
            r#"WHERE id = ANY (["a",{"x":1},"1970-01-01T00:00:00.000Z"])"#
        );
        // SQL.describe(sql, pgFormatter): default registry expands, elements still unmapped.
        assert_eq!(
            describe_with(&arr, Dialect::PostgreSQL, Processors::Default).ok(),
            Some(r#"WHERE id = ANY ("a", {"x":1}, "1970-01-01T00:00:00.000Z")"#.to_owned())
        );

        let in_native = tag(
            &["WHERE "],
            vec![Token::In {
                column: "id".into(),
                values: vec![SqlValue::Integer(1), SqlValue::Integer(2)],
                mode: None,
            }],
        );
        assert_eq!(d(&in_native, Dialect::PostgreSQL), "WHERE id = ANY ([1,2])");
        assert_eq!(d(&in_native, Dialect::SQLite), "WHERE id IN (1, 2)");
        assert_eq!(
            describe_with(&in_native, Dialect::PostgreSQL, Processors::Default).ok(),
            Some("WHERE id IN (1, 2)".to_owned())
        );
        let in_params = tag(
            &["WHERE "],
            vec![Token::In {
                column: "id".into(),
                values: vec![SqlValue::Integer(1), SqlValue::Integer(2)],
                mode: Some(ArrayMode::Params),
            }],
        );
        assert_eq!(d(&in_params, Dialect::PostgreSQL), "WHERE id IN (1, 2)");
        let in_empty = tag(
            &["WHERE "],
            vec![Token::In {
                column: "id".into(),
                values: vec![],
                mode: None,
            }],
        );
        for dialect in BOTH {
            assert_eq!(d(&in_empty, dialect), "WHERE false");
        }
    }

    #[test]
    fn errors() {
        let bad_date = tag(&["SELECT "], vec![Token::Literal(SqlValue::Date(f64::NAN))]);
        assert_eq!(
            describe(&bad_date, Dialect::SQLite).map_err(|e| e.kind),
            Err(ErrorKind::Data)
        );
        let empty = tag(
            &["SELECT "],
            vec![Token::Array {
                values: vec![],
                mode: None,
            }],
        );
        assert_eq!(
            describe(&empty, Dialect::PostgreSQL).map_err(|e| e.kind),
            Err(ErrorKind::Data)
        );
        let malformed = TokenizedSql {
            chunks: vec![PARAM_MARKER.into()],
            tokens: vec![],
        };
        assert_eq!(
            describe(&malformed, Dialect::SQLite).map_err(|e| e.kind),
            Err(ErrorKind::InvalidOperation)
        );
    }
}
