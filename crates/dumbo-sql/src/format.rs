//! Formatting tokenized SQL into a query plus params: ports `formatSQL` from upstream
//! `core/sql/formatters/sqlFormatter.ts`, the builder of
//! `core/sql/parametrizedSQL/parametrizedSQL.ts`, the default processors of
//! `core/sql/processors/defaultProcessors.ts` and the PostgreSQL array / IN processors
//! of `storage/postgresql/core/sql/processors/arrayProcessors.ts`.
//!
//! One walker ([`walk`]) interprets the tokens; a [`Sink`] decides what a parameter
//! becomes (a placeholder plus a bound value here, an inlined value in `describe`).

use dumbo_core::{Error, Result, SqlValue};

use crate::dialect::{Dialect, Processors};
use crate::identifier::quote_identifier;
use crate::token::{ArrayMode, Token, TokenizedSql, PARAM_MARKER};

/// `ParametrizedSQL`: the query text and its bound parameters, in placeholder order.
#[derive(Debug, Clone, PartialEq)]
pub struct ParametrizedSql {
    pub query: String,
    pub params: Vec<SqlValue>,
}

const EMPTY_ARRAY_MESSAGE: &str = "Empty arrays are not supported. If you're using it with SELECT IN statement Use SQL.in(column, array) helper instead.";

/// Where the walker writes (upstream `ParametrizedSQLBuilder`).
pub(crate) trait Sink {
    /// `addSQL`: raw text.
    fn push_sql(&mut self, text: &str);
    /// `addParam(value)` for a single value.
    fn add_param(&mut self, value: &SqlValue) -> Result<()>;
    /// `addParams(mapValue(array))`: one placeholder per element, joined by `", "`.
    fn add_params(&mut self, values: &[SqlValue]) -> Result<()>;
    /// `addParam(mapValue(array))`: the whole array as one parameter.
    fn add_array_param(&mut self, values: &[SqlValue]) -> Result<()>;
}

/// Walks the chunks and tokens of `sql`, writing into `sink`.
pub(crate) fn walk<S: Sink>(
    sql: &TokenizedSql,
    dialect: Dialect,
    processors: Processors,
    sink: &mut S,
) -> Result<()> {
    let mut tokens = sql.tokens.iter();
    let mut used = 0usize;
    for chunk in &sql.chunks {
        if chunk != PARAM_MARKER {
            sink.push_sql(chunk);
            continue;
        }
        let token = tokens.next().ok_or_else(|| {
            Error::invalid_operation(format!(
                "Malformed TokenizedSQL: parameter marker #{} has no matching token ({} tokens given)",
                used + 1,
                sql.tokens.len()
            ))
        })?;
        used += 1;
        process_token(token, dialect, processors, sink)?;
    }
    let left = tokens.len();
    if left > 0 {
        return Err(Error::invalid_operation(format!(
            "Malformed TokenizedSQL: {left} token(s) left without a parameter marker ({used} markers, {} tokens)",
            sql.tokens.len()
        )));
    }
    Ok(())
}

fn process_token<S: Sink>(
    token: &Token,
    dialect: Dialect,
    processors: Processors,
    sink: &mut S,
) -> Result<()> {
    let native = processors.native_arrays(dialect);
    match token {
        Token::Literal(value) => sink.add_param(value),
        Token::Identifier(name) => {
            sink.push_sql(&quote_identifier(name, dialect));
            Ok(())
        }
        Token::Plain(text) => {
            sink.push_sql(text);
            Ok(())
        }
        Token::Array { values, mode } => {
            if values.is_empty() {
                return Err(Error::data(EMPTY_ARRAY_MESSAGE));
            }
            if native && *mode != Some(ArrayMode::Params) {
                sink.add_array_param(values)
            } else {
                sink.add_params(values)
            }
        }
        Token::In {
            column,
            values,
            mode,
        } => {
            if values.is_empty() {
                return sink.add_param(&SqlValue::Bool(false));
            }
            // Upstream inlines the column verbatim; we quote it (plain names are unchanged).
            sink.push_sql(&quote_identifier(column, dialect));
            if native && *mode != Some(ArrayMode::Params) {
                sink.push_sql(" = ANY (");
                sink.add_array_param(values)?;
            } else {
                sink.push_sql(" IN (");
                sink.add_params(values)?;
            }
            sink.push_sql(")");
            Ok(())
        }
    }
}

/// Collects the query with dialect placeholders and the bound values (unconverted).
struct ParamSink {
    dialect: Dialect,
    query: String,
    params: Vec<SqlValue>,
}

impl Sink for ParamSink {
    fn push_sql(&mut self, text: &str) {
        self.query.push_str(text);
    }

    fn add_param(&mut self, value: &SqlValue) -> Result<()> {
        self.dialect
            .push_placeholder(&mut self.query, self.params.len());
        self.params.push(value.clone());
        Ok(())
    }

    fn add_params(&mut self, values: &[SqlValue]) -> Result<()> {
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.query.push_str(", ");
            }
            self.add_param(value)?;
        }
        Ok(())
    }

    fn add_array_param(&mut self, values: &[SqlValue]) -> Result<()> {
        self.add_param(&SqlValue::Array(values.to_vec()))
    }
}

/// Formats tokenized SQL into a query with `?` (SQLite) or `$n` (PostgreSQL)
/// placeholders and the params to bind, in order.
///
/// Params are the values as given (dates, bigints and JSON are left for the driver to
/// bind); use [`crate::display_param`] for upstream's mapped form.
/// [`Processors::Default`] mirrors `SQL.format(sql, formatter)`;
/// [`Processors::Dialect`] mirrors `pgFormatter.format` / `sqliteFormatter.format`.
pub fn format(
    sql: &TokenizedSql,
    dialect: Dialect,
    processors: Processors,
) -> Result<ParametrizedSql> {
    let capacity = sql.chunks.iter().map(String::len).sum::<usize>() + sql.tokens.len() * 4;
    let mut sink = ParamSink {
        dialect,
        query: String::with_capacity(capacity),
        params: Vec::with_capacity(sql.tokens.len()),
    };
    walk(sql, dialect, processors, &mut sink)?;
    Ok(ParametrizedSql {
        query: sink.query,
        params: sink.params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dumbo_core::ErrorKind;

    /// Builds tokenized SQL the way the JS tag does: text, then a token, alternately.
    fn tag(parts: &[&str], tokens: Vec<Token>) -> TokenizedSql {
        let mut sql = TokenizedSql::default();
        let mut tokens = tokens.into_iter();
        for part in parts {
            sql.push_sql(part);
            if let Some(t) = tokens.next() {
                sql.push_token(t);
            }
        }
        for t in tokens {
            sql.push_token(t);
        }
        sql
    }

    fn lit(v: SqlValue) -> Token {
        Token::Literal(v)
    }
    fn int(i: i64) -> SqlValue {
        SqlValue::Integer(i)
    }
    fn text(s: &str) -> SqlValue {
        SqlValue::Text(s.to_owned())
    }
    fn texts(items: &[&str]) -> Vec<SqlValue> {
        items.iter().map(|s| text(s)).collect()
    }
    fn array(values: Vec<SqlValue>, mode: Option<ArrayMode>) -> Token {
        Token::Array { values, mode }
    }
    fn in_(column: &str, values: Vec<SqlValue>, mode: Option<ArrayMode>) -> Token {
        Token::In {
            column: column.to_owned(),
            values,
            mode,
        }
    }
    fn ok(sql: &TokenizedSql, d: Dialect, p: Processors) -> (String, Vec<SqlValue>) {
        match format(sql, d, p) {
            Ok(r) => (r.query, r.params),
            Err(e) => panic!("format failed: {e}"),
        }
    }

    const ALL: [(Dialect, Processors); 4] = [
        (Dialect::SQLite, Processors::Default),
        (Dialect::SQLite, Processors::Dialect),
        (Dialect::PostgreSQL, Processors::Default),
        (Dialect::PostgreSQL, Processors::Dialect),
    ];

    #[test]
    fn basic_parameters() {
        let sql = tag(&["SELECT * FROM users WHERE id = "], vec![lit(int(123))]);
        assert_eq!(
            ok(&sql, Dialect::PostgreSQL, Processors::Dialect),
            ("SELECT * FROM users WHERE id = $1".into(), vec![int(123)])
        );
        assert_eq!(
            ok(&sql, Dialect::SQLite, Processors::Dialect),
            ("SELECT * FROM users WHERE id = ?".into(), vec![int(123)])
        );
    }

    #[test]
    fn multiple_and_nested_parameters() {
        let inner = tag(&["status = "], vec![lit(text("active"))]);
        let mut outer = tag(&["SELECT * FROM users WHERE "], vec![]);
        outer.append(&inner);
        outer.push_sql(" AND id = ");
        outer.push_token(lit(int(456)));
        assert_eq!(
            ok(&outer, Dialect::PostgreSQL, Processors::Dialect),
            (
                "SELECT * FROM users WHERE status = $1 AND id = $2".into(),
                vec![text("active"), int(456)]
            )
        );
        assert_eq!(
            ok(&outer, Dialect::SQLite, Processors::Dialect).0,
            "SELECT * FROM users WHERE status = ? AND id = ?"
        );
    }

    #[test]
    fn array_of_sql_merged_with_newline() {
        let a = tag(
            &["INSERT INTO users (name) VALUES (", ")"],
            vec![lit(text("Alice"))],
        );
        let b = tag(
            &["INSERT INTO users (name) VALUES (", ")"],
            vec![lit(text("Bob"))],
        );
        let merged = TokenizedSql::merge(&[a, b], "\n");
        assert_eq!(
            ok(&merged, Dialect::PostgreSQL, Processors::Dialect),
            (
                "INSERT INTO users (name) VALUES ($1)\nINSERT INTO users (name) VALUES ($2)".into(),
                texts(&["Alice", "Bob"])
            )
        );
        assert_eq!(
            ok(&merged, Dialect::SQLite, Processors::Dialect).0,
            "INSERT INTO users (name) VALUES (?)\nINSERT INTO users (name) VALUES (?)"
        );
    }

    #[test]
    fn identifiers_are_inlined_and_quoted_when_needed() {
        let sql = tag(
            &["SELECT ", " FROM ", " WHERE id = "],
            vec![
                Token::Identifier("name".into()),
                Token::Identifier("users".into()),
                lit(int(123)),
            ],
        );
        for (d, p) in ALL {
            let (q, params) = ok(&sql, d, p);
            assert_eq!(params, vec![int(123)]);
            let expected = match d {
                Dialect::SQLite => "SELECT name FROM users WHERE id = ?",
                Dialect::PostgreSQL => "SELECT name FROM users WHERE id = $1",
            };
            assert_eq!(q, expected);
        }
        let caps = tag(
            &["SELECT ", " FROM ", ";"],
            vec![
                Token::Identifier("Name".into()),
                Token::Identifier("Users".into()),
            ],
        );
        assert_eq!(
            ok(&caps, Dialect::PostgreSQL, Processors::Default),
            ("SELECT \"Name\" FROM \"Users\";".into(), vec![])
        );
        let spaced = tag(
            &["CREATE TABLE ", " (id INTEGER)"],
            vec![Token::Identifier("User Table".into())],
        );
        assert_eq!(
            ok(&spaced, Dialect::SQLite, Processors::Dialect).0,
            "CREATE TABLE \"User Table\" (id INTEGER)"
        );
    }

    #[test]
    fn plain_tokens_render_verbatim() {
        let sql = TokenizedSql {
            chunks: vec!["SELECT ".into(), PARAM_MARKER.into(), ";".into()],
            tokens: vec![Token::Plain("some'unsafe".into())],
        };
        for (d, p) in ALL {
            assert_eq!(ok(&sql, d, p), ("SELECT some'unsafe;".into(), vec![]));
        }
    }

    #[test]
    fn literal_values_are_passed_unconverted() {
        let values = vec![
            SqlValue::Null,
            SqlValue::Bool(true),
            SqlValue::Float(-15.5),
            SqlValue::BigInt(123_456_789_012_345),
            SqlValue::Date(1_672_531_200_000.0),
            SqlValue::Json("{\"key\":\"value\"}".into()),
            SqlValue::Blob(vec![0, 1]),
            text("O'Reilly"),
        ];
        let sql = tag(
            &[
                "INSERT INTO t VALUES (",
                ", ",
                ", ",
                ", ",
                ", ",
                ", ",
                ", ",
                ", ",
                ")",
            ],
            values.iter().cloned().map(Token::Literal).collect(),
        );
        let (q, params) = ok(&sql, Dialect::PostgreSQL, Processors::Dialect);
        assert_eq!(q, "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
        assert_eq!(params, values);
        let (q, params) = ok(&sql, Dialect::SQLite, Processors::Dialect);
        assert_eq!(q, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        assert_eq!(params, values);
    }

    #[test]
    fn sql_format_default_processors_expand_arrays_even_for_postgresql() {
        // SQL.format(SQL`SELECT * FROM users WHERE id IN (${[1,2,3]});`, pgFormatter)
        let sql = tag(
            &["SELECT * FROM users WHERE id IN (", ");"],
            vec![array(vec![int(1), int(2), int(3)], None)],
        );
        assert_eq!(
            ok(&sql, Dialect::PostgreSQL, Processors::Default),
            (
                "SELECT * FROM users WHERE id IN ($1, $2, $3);".into(),
                vec![int(1), int(2), int(3)]
            )
        );
        assert_eq!(
            ok(&sql, Dialect::SQLite, Processors::Default),
            (
                "SELECT * FROM users WHERE id IN (?, ?, ?);".into(),
                vec![int(1), int(2), int(3)]
            )
        );
        let native = tag(
            &["x IN (", ")"],
            vec![array(vec![int(1)], Some(ArrayMode::Native))],
        );
        assert_eq!(
            ok(&native, Dialect::PostgreSQL, Processors::Default).0,
            "x IN ($1)"
        );
    }

    #[test]
    fn pg_dialect_binds_arrays_natively() {
        let ids = texts(&["id1", "id2", "id3"]);
        for mode in [None, Some(ArrayMode::Native)] {
            let sql = tag(
                &["SELECT * FROM users WHERE _id = ANY (", ")"],
                vec![array(ids.clone(), mode)],
            );
            assert_eq!(
                ok(&sql, Dialect::PostgreSQL, Processors::Dialect),
                (
                    "SELECT * FROM users WHERE _id = ANY ($1)".into(),
                    vec![SqlValue::Array(ids.clone())]
                )
            );
        }
        let params = tag(
            &["SELECT * FROM users WHERE _id IN (", ")"],
            vec![array(ids.clone(), Some(ArrayMode::Params))],
        );
        assert_eq!(
            ok(&params, Dialect::PostgreSQL, Processors::Dialect),
            (
                "SELECT * FROM users WHERE _id IN ($1, $2, $3)".into(),
                ids.clone()
            )
        );
    }

    #[test]
    fn sqlite_dialect_expands_arrays() {
        let ids = texts(&["id1", "id2", "id3"]);
        for mode in [None, Some(ArrayMode::Native), Some(ArrayMode::Params)] {
            let sql = tag(
                &["SELECT * FROM users WHERE _id IN (", ")"],
                vec![array(ids.clone(), mode)],
            );
            assert_eq!(
                ok(&sql, Dialect::SQLite, Processors::Dialect),
                (
                    "SELECT * FROM users WHERE _id IN (?, ?, ?)".into(),
                    ids.clone()
                )
            );
        }
    }

    #[test]
    fn sql_in_per_dialect_and_mode() {
        let ids = texts(&["id1", "id2", "id3"]);
        for mode in [None, Some(ArrayMode::Native)] {
            let sql = tag(
                &["SELECT * FROM users WHERE "],
                vec![in_("_id", ids.clone(), mode)],
            );
            assert_eq!(
                ok(&sql, Dialect::PostgreSQL, Processors::Dialect),
                (
                    "SELECT * FROM users WHERE _id = ANY ($1)".into(),
                    vec![SqlValue::Array(ids.clone())]
                )
            );
            assert_eq!(
                ok(&sql, Dialect::PostgreSQL, Processors::Default),
                (
                    "SELECT * FROM users WHERE _id IN ($1, $2, $3)".into(),
                    ids.clone()
                )
            );
            assert_eq!(
                ok(&sql, Dialect::SQLite, Processors::Dialect),
                (
                    "SELECT * FROM users WHERE _id IN (?, ?, ?)".into(),
                    ids.clone()
                )
            );
        }
        let sql = tag(
            &["SELECT * FROM users WHERE "],
            vec![in_("_id", ids.clone(), Some(ArrayMode::Params))],
        );
        assert_eq!(
            ok(&sql, Dialect::PostgreSQL, Processors::Dialect),
            (
                "SELECT * FROM users WHERE _id IN ($1, $2, $3)".into(),
                ids.clone()
            )
        );
        assert_eq!(
            ok(&sql, Dialect::SQLite, Processors::Dialect),
            ("SELECT * FROM users WHERE _id IN (?, ?, ?)".into(), ids)
        );
    }

    #[test]
    fn empty_in_binds_false() {
        for mode in [None, Some(ArrayMode::Native), Some(ArrayMode::Params)] {
            let sql = tag(
                &["SELECT COUNT(*) FROM t WHERE ", " AND x = "],
                vec![in_("id", vec![], mode), lit(int(1))],
            );
            assert_eq!(
                ok(&sql, Dialect::SQLite, Processors::Dialect),
                (
                    "SELECT COUNT(*) FROM t WHERE ? AND x = ?".into(),
                    vec![SqlValue::Bool(false), int(1)]
                )
            );
            assert_eq!(
                ok(&sql, Dialect::PostgreSQL, Processors::Dialect),
                (
                    "SELECT COUNT(*) FROM t WHERE $1 AND x = $2".into(),
                    vec![SqlValue::Bool(false), int(1)]
                )
            );
        }
    }

    #[test]
    fn in_column_is_quoted_unlike_upstream() {
        let sql = tag(
            &["SELECT 1 WHERE "],
            vec![in_("id) OR 1=1 --", vec![int(1)], None)],
        );
        assert_eq!(
            ok(&sql, Dialect::SQLite, Processors::Dialect).0,
            "SELECT 1 WHERE \"id) OR 1=1 --\" IN (?)"
        );
        let sql = tag(&["WHERE "], vec![in_("userId", vec![int(1)], None)]);
        assert_eq!(
            ok(&sql, Dialect::PostgreSQL, Processors::Dialect).0,
            "WHERE \"userId\" = ANY ($1)"
        );
        let sql = tag(&["WHERE "], vec![in_("order", vec![int(1)], None)]);
        assert_eq!(
            ok(&sql, Dialect::PostgreSQL, Processors::Default).0,
            "WHERE \"order\" IN ($1)"
        );
    }

    #[test]
    fn placeholders_number_across_tokens() {
        let sql = tag(
            &["a = ", " AND ", " AND b IN (", ") AND c = ", ""],
            vec![
                lit(int(1)),
                in_("x", vec![int(2), int(3)], Some(ArrayMode::Params)),
                array(vec![int(4), int(5)], Some(ArrayMode::Params)),
                lit(int(6)),
            ],
        );
        assert_eq!(
            ok(&sql, Dialect::PostgreSQL, Processors::Dialect),
            (
                "a = $1 AND x IN ($2, $3) AND b IN ($4, $5) AND c = $6".into(),
                vec![int(1), int(2), int(3), int(4), int(5), int(6)]
            )
        );
        let native = tag(
            &["a = ", " AND ", " AND c = "],
            vec![
                lit(int(1)),
                in_("x", vec![int(2), int(3)], None),
                lit(int(6)),
            ],
        );
        assert_eq!(
            ok(&native, Dialect::PostgreSQL, Processors::Dialect),
            (
                "a = $1 AND x = ANY ($2) AND c = $3".into(),
                vec![int(1), SqlValue::Array(vec![int(2), int(3)]), int(6)]
            )
        );
    }

    #[test]
    fn empty_arrays_are_data_errors() {
        for (d, p) in ALL {
            for mode in [None, Some(ArrayMode::Native), Some(ArrayMode::Params)] {
                let sql = tag(
                    &["SELECT * FROM users WHERE id = ANY(", ")"],
                    vec![array(vec![], mode)],
                );
                let err = format(&sql, d, p).err();
                assert_eq!(err.as_ref().map(|e| e.kind), Some(ErrorKind::Data));
                assert_eq!(err.map(|e| e.message), Some(EMPTY_ARRAY_MESSAGE.to_owned()));
            }
        }
    }

    #[test]
    fn malformed_tokenized_sql_is_an_invalid_operation() {
        let missing = TokenizedSql {
            chunks: vec!["a = ".into(), PARAM_MARKER.into(), PARAM_MARKER.into()],
            tokens: vec![lit(int(1))],
        };
        let err = format(&missing, Dialect::SQLite, Processors::Dialect).err();
        assert_eq!(err.map(|e| e.kind), Some(ErrorKind::InvalidOperation));

        let extra = TokenizedSql {
            chunks: vec!["a = 1".into()],
            tokens: vec![lit(int(1))],
        };
        let err = format(&extra, Dialect::PostgreSQL, Processors::Dialect).err();
        assert_eq!(err.map(|e| e.kind), Some(ErrorKind::InvalidOperation));
    }

    #[test]
    fn edge_inputs_do_not_panic() {
        assert_eq!(
            ok(
                &TokenizedSql::default(),
                Dialect::SQLite,
                Processors::Dialect
            ),
            (String::new(), vec![])
        );
        assert_eq!(
            ok(
                &TokenizedSql::empty(),
                Dialect::PostgreSQL,
                Processors::Dialect
            ),
            (String::new(), vec![])
        );
        let raw = TokenizedSql::raw("SELECT * FROM users");
        assert_eq!(
            ok(&raw, Dialect::PostgreSQL, Processors::Default),
            ("SELECT * FROM users".into(), vec![])
        );
    }

    #[test]
    fn many_placeholders_number_correctly() {
        let values: Vec<SqlValue> = (0..12).map(int).collect();
        let sql = tag(
            &["VALUES ("],
            vec![array(values.clone(), Some(ArrayMode::Params))],
        );
        let (q, params) = ok(&sql, Dialect::PostgreSQL, Processors::Dialect);
        assert!(q.ends_with("$10, $11, $12"), "{q}");
        assert_eq!(params, values);
    }
}
