//! Golden cases for `format`: what upstream's formatter gives for the same SQL.

use super::*;
use dumbo_core::ErrorKind;

/// Builds tokenized SQL the way the JS tag does: text, then a token, alternately.
pub(super) fn tag(parts: &[&str], tokens: Vec<Token>) -> TokenizedSql {
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

pub(super) fn lit(v: SqlValue) -> Token {
    Token::Literal(v)
}
pub(super) fn int(i: i64) -> SqlValue {
    SqlValue::Integer(i)
}
pub(super) fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_owned())
}
pub(super) fn texts(items: &[&str]) -> Vec<SqlValue> {
    items.iter().map(|s| text(s)).collect()
}
pub(super) fn array(values: Vec<SqlValue>, mode: Option<ArrayMode>) -> Token {
    Token::Array { values, mode }
}
pub(super) fn in_(column: &str, values: Vec<SqlValue>, mode: Option<ArrayMode>) -> Token {
    Token::In {
        column: column.to_owned(),
        values,
        mode,
    }
}
pub(super) fn ok(sql: &TokenizedSql, d: Dialect, p: Processors) -> (String, Vec<SqlValue>) {
    match format(sql, d, p) {
        Ok(r) => (r.query, r.params),
        Err(e) => panic!("format failed: {e}"),
    }
}

pub(super) const ALL: [(Dialect, Processors); 4] = [
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

#[test]
fn segments_put_the_text_around_each_param() {
    let sql = tag(
        &["SELECT * FROM t WHERE a = ", " AND ", ""],
        vec![
            lit(int(1)),
            Token::In {
                column: "b".into(),
                values: vec![int(2), int(3)],
                mode: None,
            },
        ],
    );
    let seg = format_segments(&sql, Dialect::SQLite, Processors::Default).unwrap();
    assert_eq!(
        seg.texts,
        vec!["SELECT * FROM t WHERE a = ", " AND b IN (", ", ", ")"]
    );
    assert_eq!(seg.params, vec![int(1), int(2), int(3)]);
    let seg = format_segments(&sql, Dialect::PostgreSQL, Processors::Dialect).unwrap();
    assert_eq!(
        seg.texts,
        vec!["SELECT * FROM t WHERE a = ", " AND b = ANY (", ")"]
    );
    assert_eq!(
        seg.params,
        vec![int(1), SqlValue::Array(vec![int(2), int(3)])]
    );
    let empty = tag(
        &["x ", ""],
        vec![Token::Array {
            values: vec![],
            mode: None,
        }],
    );
    let err = format_segments(&empty, Dialect::SQLite, Processors::Default).err();
    assert_eq!(err.map(|e| e.kind), Some(ErrorKind::Data));
}
