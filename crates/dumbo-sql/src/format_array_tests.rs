//! Golden cases for `format` with arrays and `IN`: how each dialect and processor set
//! binds or expands them, and how placeholders number across tokens.

use super::tests::*;
use super::*;
use dumbo_core::ErrorKind;

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
