//! The pure parts of upstream's migrator and schema components: which statements of a migration run, the migration
//! hash, and the de-duplication of a schema component tree's migrations.
//!
//! - A statement whose formatted query is blank (`SQL.EMPTY`, `CREATE SCHEMA` on
//!   SQLite, ...) is dropped; a migration left with none is skipped, not recorded.
//! - The hash is the lowercase hex SHA-256 of `formatter.describe(statements)`: the kept
//!   statements merged with `"\n"`, parameters inlined as JSON.
//! - De-duplication keeps the first migration of each name, in declaration order; the
//!   same name with different SQL is an error.

use std::collections::HashMap;

use dumbo_core::{Error, Result};
use sha2::{Digest, Sha256};

use crate::describe::describe;
use crate::dialect::{Dialect, Processors};
use crate::format::format;
use crate::token::TokenizedSql;

/// Lowercase hex SHA-256 of the UTF-8 bytes of `text` (64 characters), as upstream's
/// `crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))`.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(hex_digit(byte >> 4));
        out.push(hex_digit(byte & 0x0f));
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from(if nibble < 10 {
        b'0' + nibble
    } else {
        b'a' + nibble - 10
    })
}

/// Whether a rendered statement is empty: only JS `String.prototype.trim` whitespace.
pub fn is_blank(text: &str) -> bool {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
}

/// Whether a statement renders nothing in `dialect` (upstream `rendersNothing`:
/// `formatter.format(sql).query.trim().length === 0`).
pub fn renders_nothing(sql: &TokenizedSql, dialect: Dialect) -> Result<bool> {
    Ok(is_blank(&format(sql, dialect, Processors::Dialect)?.query))
}

/// What the migrator runs of one migration.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationPlan {
    /// Indexes of the statements that render SQL, in order.
    pub kept: Vec<usize>,
    /// The migration hash over the kept statements; `None` when none is kept.
    pub hash: Option<String>,
}

/// Drops the statements that render nothing and hashes the described rest.
pub fn migration_plan(sqls: &[TokenizedSql], dialect: Dialect) -> Result<MigrationPlan> {
    let mut kept = Vec::with_capacity(sqls.len());
    for (i, sql) in sqls.iter().enumerate() {
        if !renders_nothing(sql, dialect)? {
            kept.push(i);
        }
    }
    if kept.is_empty() {
        return Ok(MigrationPlan { kept, hash: None });
    }
    let parts: Vec<TokenizedSql> = kept.iter().map(|&i| sqls[i].clone()).collect();
    let described = describe(&TokenizedSql::merge(&parts, "\n"), dialect)?;
    Ok(MigrationPlan {
        kept,
        hash: Some(sha256_hex(&described)),
    })
}

/// `dedupeMigrations`: `(name, fingerprint)` pairs in declaration order, where equal
/// fingerprints mean the same SQL (upstream `haveSameSQL`). Returns the indexes of the
/// migrations to keep: the first of each name.
pub fn dedupe_migrations<N: AsRef<str>, F: AsRef<str>>(
    migrations: &[(N, F)],
) -> Result<Vec<usize>> {
    let mut first: HashMap<&str, &str> = HashMap::with_capacity(migrations.len());
    let mut kept = Vec::with_capacity(migrations.len());
    for (i, (name, fingerprint)) in migrations.iter().enumerate() {
        let (name, fingerprint) = (name.as_ref(), fingerprint.as_ref());
        match first.get(name) {
            None => {
                first.insert(name, fingerprint);
                kept.push(i);
            }
            Some(previous) if *previous == fingerprint => {}
            Some(_) => {
                return Err(Error::invalid_operation(format!(
                    "Duplicate migration name \"{name}\" in schema component tree"
                )))
            }
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{ColumnDef, ColumnDefault, ColumnType, DdlToken, TableRef};
    use crate::token::Token;
    use dumbo_core::{ErrorKind, SqlValue};

    fn ok<T>(r: Result<T>) -> T {
        match r {
            Ok(v) => v,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    #[test]
    fn sha256_matches_known_vectors() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // UTF-8 bytes, as TextEncoder.
        assert_eq!(
            sha256_hex("zażółć"),
            "7eefe5e3046c86cec19ce1215e0a04724124d948468005a1ebc4adf2643bea13"
        );
    }

    fn create_schema(schema: &str) -> TokenizedSql {
        let mut sql = TokenizedSql::default();
        sql.push_token(Token::Ddl(Box::new(DdlToken::CreateSchema {
            schema: Some(schema.into()),
        })));
        sql
    }

    #[test]
    fn drops_statements_that_render_nothing() {
        let sqls = vec![
            TokenizedSql::empty(),
            create_schema("crm"),
            TokenizedSql::raw("CREATE TABLE a (id INT)"),
            TokenizedSql::raw("  \n "),
        ];
        let lite = ok(migration_plan(&sqls, Dialect::SQLite));
        assert_eq!(lite.kept, vec![2]);
        assert_eq!(
            lite.hash.as_deref(),
            Some(sha256_hex("CREATE TABLE a (id INT)").as_str())
        );
        let pg = ok(migration_plan(&sqls, Dialect::PostgreSQL));
        assert_eq!(pg.kept, vec![1, 2]);
        assert_eq!(
            pg.hash.as_deref(),
            Some(sha256_hex("CREATE SCHEMA IF NOT EXISTS crm\nCREATE TABLE a (id INT)").as_str())
        );
        let none = ok(migration_plan(&[create_schema("crm")], Dialect::SQLite));
        assert_eq!(
            none,
            MigrationPlan {
                kept: vec![],
                hash: None
            }
        );
    }

    #[test]
    fn hashes_the_described_statements_with_inlined_params() {
        let mut insert = TokenizedSql::default();
        insert
            .push_sql("INSERT INTO t (name) VALUES (")
            .push_token(Token::Literal(SqlValue::Text("it's".into())))
            .push_sql(")");
        let plan = ok(migration_plan(
            std::slice::from_ref(&insert),
            Dialect::PostgreSQL,
        ));
        assert_eq!(
            plan.hash.as_deref(),
            Some(sha256_hex("INSERT INTO t (name) VALUES (\"it's\")").as_str())
        );
    }

    #[test]
    fn ledger_ddl_hash_is_stable() {
        let column = |name: &str, column_type, not_null, unique, default| {
            let mut sql = TokenizedSql::default();
            sql.push_token(Token::Ddl(Box::new(DdlToken::Column(ColumnDef {
                name: name.into(),
                column_type,
                primary_key: false,
                not_null,
                unique,
                default,
            }))));
            sql
        };
        let columns = TokenizedSql::merge(
            &[
                column(
                    "id",
                    ColumnType::AutoIncrement {
                        primary_key: true,
                        bigint: false,
                    },
                    false,
                    false,
                    None,
                ),
                column("name", ColumnType::Varchar(Some(255.0)), true, true, None),
                column(
                    "application",
                    ColumnType::Varchar(Some(255.0)),
                    true,
                    false,
                    Some(ColumnDefault::Value(SqlValue::Text("default".into()))),
                ),
                column(
                    "sql_hash",
                    ColumnType::Varchar(Some(64.0)),
                    true,
                    false,
                    None,
                ),
                column(
                    "timestamp",
                    ColumnType::Timestamp,
                    true,
                    false,
                    Some(ColumnDefault::Plain("CURRENT_TIMESTAMP".into())),
                ),
            ],
            ", ",
        );
        let mut table = TokenizedSql::default();
        table
            .push_sql("CREATE TABLE IF NOT EXISTS ")
            .push_token(Token::Ddl(Box::new(DdlToken::TableReference(TableRef {
                schema: None,
                table: "dmb_migrations".into(),
            }))))
            .push_sql(" (")
            .append(&columns)
            .push_sql(")");
        let expected = "CREATE TABLE IF NOT EXISTS dmb_migrations (id SERIAL PRIMARY KEY, name VARCHAR (255) NOT NULL UNIQUE, application VARCHAR (255) NOT NULL DEFAULT 'default', sql_hash VARCHAR (64) NOT NULL, timestamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";
        assert_eq!(
            ok(format(&table, Dialect::PostgreSQL, Processors::Dialect)).query,
            expected
        );
        let plan = ok(migration_plan(&[table], Dialect::PostgreSQL));
        assert_eq!(plan.hash.as_deref(), Some(sha256_hex(expected).as_str()));
    }

    #[test]
    fn dedupe_keeps_the_first_of_each_name() {
        let kept = ok(dedupe_migrations(&[
            ("a", "1"),
            ("b", "2"),
            ("a", "1"),
            ("c", "3"),
        ]));
        assert_eq!(kept, vec![0, 1, 3]);
        let err = match dedupe_migrations(&[("a", "1"), ("a", "2")]) {
            Ok(_) => panic!("expected a duplicate error"),
            Err(e) => e,
        };
        assert_eq!(err.kind, ErrorKind::InvalidOperation);
        assert_eq!(
            err.message,
            "Duplicate migration name \"a\" in schema component tree"
        );
    }
}
