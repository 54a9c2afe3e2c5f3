//! The connection's statements: query and command basics, empty and NUL-holding SQL,
//! leading empty statements, and the bundled SQLite's build options.

use super::*;
use dumbo_core::ErrorKind;

fn memory() -> SqliteConnection {
    SqliteConnection::open(&OpenOptions::new(":memory:")).unwrap()
}

#[test]
fn options_new_applies_uri_over_defaults() {
    let o = OpenOptions::new("file:x.db?journal_mode=DELETE");
    assert_eq!(o.pragmas.journal_mode.as_deref(), Some("DELETE"));
    assert_eq!(o.pragmas.busy_timeout, Some(5000));
    assert!(!o.readonly && !o.skip_database_pragmas);
}

#[test]
fn query_and_command_basics() {
    let c = memory();
    let r = c
        .command("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", &[])
        .unwrap();
    assert_eq!(r.row_count, 0);
    assert!(r.rows.is_none());
    let r = c
        .command(
            "INSERT INTO t(v) VALUES (?), (?)",
            &[SqlValue::Text("a".into()), SqlValue::Text("b".into())],
        )
        .unwrap();
    assert_eq!(r.row_count, 2);
    let rows = c.query("SELECT id, v FROM t ORDER BY id", &[]).unwrap();
    assert_eq!(rows.json, r#"[{"id":1,"v":"a"},{"id":2,"v":"b"}]"#);
    assert!(c.is_autocommit());
    c.close().unwrap();
}

/// Built with the workspace's `LIBSQLITE3_FLAGS` (.cargo/config.toml): without memory
/// statistics, every allocation inside SQLite would take a process-wide mutex.
#[test]
fn bundled_sqlite_keeps_no_memory_statistics() {
    let c = memory();
    let options = c.query("PRAGMA compile_options", &[]).unwrap().json;
    assert!(options.contains(r#""DEFAULT_MEMSTATUS=0""#), "{options}");
}

#[test]
fn empty_sql_does_nothing() {
    let c = memory();
    assert_eq!(c.query("", &[]).unwrap().json, "[]");
    assert_eq!(c.query("  -- just a comment", &[]).unwrap().json, "[]");
    assert_eq!(c.command(";", &[]).unwrap().row_count, 0);
    let err = c.query("", &[SqlValue::Integer(1)]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
}

#[test]
fn nul_in_sql_is_rejected() {
    let c = memory();
    let err = c.query("SELECT 1\0; DROP TABLE x", &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert!(c.execute_batch("SELECT 1\0").is_err());
}

#[test]
fn leading_empty_statement_still_runs_with_params() {
    let c = memory();
    let rows = c.query(";SELECT ? AS a", &[SqlValue::Integer(5)]).unwrap();
    assert_eq!(rows.json, r#"[{"a":5}]"#);
    c.command("CREATE TABLE t(a)", &[]).unwrap();
    let r = c.command("; INSERT INTO t VALUES (1)", &[]).unwrap();
    assert_eq!(r.row_count, 1, "a single statement keeps its count");
}
