//! Unit tests for the schema (DDL) tokens.

use super::*;
use dumbo_core::{Error, ErrorKind, SqlValue};

const PG: Dialect = Dialect::PostgreSQL;
const LITE: Dialect = Dialect::SQLite;

fn table(schema: Option<&str>, name: &str) -> TableRef {
    TableRef {
        schema: schema.map(str::to_owned),
        table: name.to_owned(),
    }
}

fn render(token: &DdlToken, dialect: Dialect) -> String {
    match token.render(dialect) {
        Ok(s) => s,
        Err(e) => panic!("render failed: {e}"),
    }
}

fn render_err(token: &DdlToken, dialect: Dialect) -> Error {
    match token.render(dialect) {
        Ok(s) => panic!("expected an error, got {s}"),
        Err(e) => e,
    }
}

fn col(name: &str, column_type: ColumnType) -> ColumnDef {
    ColumnDef {
        name: name.to_owned(),
        column_type,
        primary_key: false,
        not_null: false,
        unique: false,
        default: None,
    }
}

#[test]
fn table_references_per_dialect() {
    let crm = DdlToken::TableReference(table(Some("crm"), "users"));
    assert_eq!(render(&crm, PG), "crm.users");
    assert_eq!(render(&crm, LITE), "\"crm.users\"");
    let default = DdlToken::TableReference(table(Some(DEFAULT_DATABASE_SCHEMA_NAME), "users"));
    assert_eq!(render(&default, PG), "users");
    assert_eq!(render(&default, LITE), "users");
    let none = DdlToken::TableReference(table(None, "users"));
    assert_eq!(render(&none, PG), "users");
    let reserved = DdlToken::TableReference(table(Some("order"), "user"));
    assert_eq!(render(&reserved, PG), "\"order\".\"user\"");
}

#[test]
fn sqlite_rejects_dotted_native_names() {
    for (token, message) in [
        (
            DdlToken::TableReference(table(Some("crm"), "a.b")),
            "SQLite table names containing . are reserved for logical schema mapping",
        ),
        (
            DdlToken::TableReference(table(Some("c.rm"), "users")),
            "SQLite database schema names containing . are reserved for logical schema mapping",
        ),
        (
            DdlToken::IndexReference {
                schema: Some("crm".into()),
                table: "users".into(),
                index: "a.idx".into(),
            },
            "SQLite index names containing . are reserved for logical schema mapping",
        ),
    ] {
        let e = render_err(&token, LITE);
        assert_eq!(e.kind, ErrorKind::InvalidOperation);
        assert_eq!(e.message, message);
    }
    // A dotted table in the default schema is still rejected; PostgreSQL quotes it.
    let dotted = DdlToken::TableReference(table(None, "a.b"));
    assert!(dotted.render(LITE).is_err());
    assert_eq!(render(&dotted, PG), "\"a.b\"");
}

#[test]
fn index_references() {
    let idx = DdlToken::IndexReference {
        schema: Some("crm".into()),
        table: "users".into(),
        index: "users_email_idx".into(),
    };
    assert_eq!(render(&idx, PG), "users_email_idx");
    assert_eq!(render(&idx, LITE), "\"crm.users_email_idx\"");
}

#[test]
fn create_schema() {
    let crm = DdlToken::CreateSchema {
        schema: Some("crm".into()),
    };
    assert_eq!(render(&crm, PG), "CREATE SCHEMA IF NOT EXISTS crm");
    assert_eq!(render(&crm, LITE), "");
    let default = DdlToken::CreateSchema {
        schema: Some(DEFAULT_DATABASE_SCHEMA_NAME.into()),
    };
    assert_eq!(render(&default, PG), "");
}

#[test]
fn rename_table() {
    let rename = DdlToken::RenameTable {
        table: table(Some("crm"), "users"),
        new_name: "archived_users".into(),
    };
    assert_eq!(
        render(&rename, PG),
        "ALTER TABLE crm.users RENAME TO archived_users"
    );
    assert_eq!(
        render(&rename, LITE),
        "ALTER TABLE \"crm.users\" RENAME TO \"crm.archived_users\""
    );
}

#[test]
fn json_index_targets() {
    let doc = |unique| DdlToken::JsonDocumentIndexTarget {
        column: "data".into(),
        unique,
    };
    assert_eq!(render(&doc(false), PG), "USING GIN (data)");
    assert_eq!(render(&doc(true), PG), "(data)");
    assert_eq!(render(&doc(false), LITE), "(data)");
    let path = DdlToken::JsonPathTarget {
        column: "data".into(),
        path: vec!["profile".into(), "email".into()],
    };
    assert_eq!(render(&path, PG), "((data #>> '{profile,email}'))");
    assert_eq!(
        render(&path, LITE),
        "(json_extract(data, '$.profile.email'))"
    );
    let dotted = DdlToken::JsonPathTarget {
        column: "data".into(),
        path: vec!["user.name".into()],
    };
    assert_eq!(
        render(&dotted, LITE),
        "(json_extract(data, '$.\"user.name\"'))"
    );
}

#[test]
fn column_types_per_dialect() {
    let cases: Vec<(ColumnType, &str, &str)> = vec![
        (
            ColumnType::AutoIncrement {
                primary_key: true,
                bigint: false,
            },
            "SERIAL PRIMARY KEY",
            "INTEGER PRIMARY KEY AUTOINCREMENT",
        ),
        (
            ColumnType::AutoIncrement {
                primary_key: true,
                bigint: true,
            },
            "BIGSERIAL PRIMARY KEY",
            "INTEGER PRIMARY KEY AUTOINCREMENT",
        ),
        (
            ColumnType::AutoIncrement {
                primary_key: false,
                bigint: false,
            },
            "SERIAL ",
            "INTEGER  AUTOINCREMENT",
        ),
        (ColumnType::BigInteger, "BIGINT", "INTEGER"),
        (ColumnType::BigSerial, "BIGSERIAL", "INTEGER"),
        (ColumnType::Boolean, "BOOLEAN", "INTEGER"),
        (ColumnType::Integer, "INTEGER", "INTEGER"),
        (ColumnType::Json, "JSONB", "TEXT"),
        (ColumnType::Jsonb, "JSONB", "BLOB"),
        (ColumnType::Serial, "SERIAL", "INTEGER"),
        (ColumnType::Text, "TEXT", "TEXT"),
        (ColumnType::Timestamp, "TIMESTAMP", "DATETIME"),
        (ColumnType::Timestamptz, "TIMESTAMPTZ", "DATETIME"),
        (
            ColumnType::Varchar(Some(255.0)),
            "VARCHAR (255)",
            "VARCHAR (255)",
        ),
        (ColumnType::Varchar(None), "VARCHAR", "VARCHAR"),
        (ColumnType::Raw("citext".into()), "citext", "citext"),
    ];
    for (t, pg, lite) in cases {
        let c = DdlToken::Column(col("c", t));
        assert_eq!(render(&c, PG), format!("c {pg}"));
        assert_eq!(render(&c, LITE), format!("c {lite}"));
    }
    let unknown = DdlToken::Column(col("c", ColumnType::from_token_type("SQL_COLUMN_MONEY")));
    let e = render_err(&unknown, PG);
    assert_eq!(e.kind, ErrorKind::NotRegistered);
    assert_eq!(
        e.message,
        "No SQL processor registered for column type: SQL_COLUMN_MONEY"
    );
}

#[test]
fn column_constraints_and_defaults() {
    let mut c = col("name", ColumnType::Varchar(Some(255.0)));
    c.not_null = true;
    c.unique = true;
    c.primary_key = true;
    c.default = Some(ColumnDefault::Value(SqlValue::Text("it's".into())));
    assert_eq!(
        render(&DdlToken::Column(c.clone()), PG),
        "name VARCHAR (255) PRIMARY KEY NOT NULL UNIQUE DEFAULT 'it''s'"
    );
    let defaults: Vec<(ColumnDefault, &str)> = vec![
        (
            ColumnDefault::Plain("CURRENT_TIMESTAMP".into()),
            "CURRENT_TIMESTAMP",
        ),
        (ColumnDefault::Value(SqlValue::Null), "NULL"),
        (ColumnDefault::Value(SqlValue::Bool(true)), "TRUE"),
        (ColumnDefault::Value(SqlValue::Bool(false)), "FALSE"),
        (ColumnDefault::Value(SqlValue::Integer(42)), "42"),
        (ColumnDefault::Value(SqlValue::Float(1.5)), "1.5"),
        (
            ColumnDefault::Value(SqlValue::BigInt(9_007_199_254_740_993)),
            "9007199254740993",
        ),
        (
            ColumnDefault::Value(SqlValue::Date(1_684_152_000_000.0)),
            "'2023-05-15T12:00:00.000Z'",
        ),
        (
            ColumnDefault::Value(SqlValue::Json("{\"a\":\"b'c\"}".into())),
            "'{\"a\":\"b''c\"}'",
        ),
    ];
    for (default, expected) in defaults {
        let mut c = col("d", ColumnType::Text);
        c.default = Some(default);
        assert_eq!(
            render(&DdlToken::Column(c), LITE),
            format!("d TEXT DEFAULT {expected}")
        );
    }
    let mut bad = col("d", ColumnType::Text);
    bad.default = Some(ColumnDefault::Token("SQL_IDENTIFIER".into()));
    let e = render_err(&DdlToken::Column(bad), PG);
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    assert_eq!(
        e.message,
        "Unsupported SQL token \"SQL_IDENTIFIER\" as a column default"
    );
}

#[test]
fn column_names_are_quoted_when_needed() {
    let c = DdlToken::Column(col("timestamp", ColumnType::Timestamp));
    // `timestamp` is not reserved in either map (the ledger column relies on it).
    assert_eq!(render(&c, PG), "timestamp TIMESTAMP");
    let c = DdlToken::Column(col("Order", ColumnType::Text));
    assert_eq!(render(&c, PG), "\"Order\" TEXT");
}
