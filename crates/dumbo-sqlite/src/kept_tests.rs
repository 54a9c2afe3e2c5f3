//! Statements kept in slots: each run sees current data and the current schema, SQL
//! that is not one statement still runs, and forgetting or closing finalizes them.

use super::*;
use crate::read::JsonRowsSink;
use dumbo_core::ErrorKind;

fn open(path: &str) -> SqliteConnection {
    SqliteConnection::open(&OpenOptions::new(path)).unwrap()
}

fn query(c: &SqliteConnection, slot: usize, sql: &str, params: &[SqlValue]) -> Result<String> {
    let mut sink = JsonRowsSink::default();
    c.query_kept(slot, sql, params, &mut sink)?;
    Ok(sink.finish().json)
}

fn command(
    c: &SqliteConnection,
    slot: usize,
    sql: &str,
    params: &[SqlValue],
) -> Result<CommandOutcome> {
    let mut sink = JsonRowsSink::default();
    c.command_kept(slot, sql, params, &mut sink)
}

fn int(v: i64) -> SqlValue {
    SqlValue::Integer(v)
}

#[test]
fn a_kept_statement_runs_again_with_new_values() {
    let c = open(":memory:");
    c.execute_batch("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)")
        .unwrap();
    let insert = "INSERT INTO t(id, v) VALUES (?, ?)";
    for id in 1..=3 {
        let outcome = command(&c, 0, insert, &[int(id), SqlValue::Text(format!("v{id}"))]).unwrap();
        assert_eq!(outcome, CommandOutcome::Changed(1));
    }
    let select = "SELECT v FROM t WHERE id = ?";
    assert_eq!(query(&c, 1, select, &[int(2)]).unwrap(), r#"[{"v":"v2"}]"#);
    assert_eq!(query(&c, 1, select, &[int(3)]).unwrap(), r#"[{"v":"v3"}]"#);
    assert_eq!(query(&c, 1, select, &[int(9)]).unwrap(), "[]");
}

#[test]
fn a_kept_statement_follows_a_schema_change() {
    let c = open(":memory:");
    c.execute_batch("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        .unwrap();
    assert_eq!(
        query(&c, 0, "SELECT * FROM t", &[]).unwrap(),
        r#"[{"a":1}]"#
    );
    c.execute_batch("ALTER TABLE t ADD COLUMN b DEFAULT 2")
        .unwrap();
    assert_eq!(
        query(&c, 0, "SELECT * FROM t", &[]).unwrap(),
        r#"[{"a":1,"b":2}]"#
    );
}

#[test]
fn a_failed_run_leaves_the_statement_usable() {
    let c = open(":memory:");
    c.execute_batch("CREATE TABLE t(id INTEGER PRIMARY KEY)")
        .unwrap();
    let insert = "INSERT INTO t(id) VALUES (?)";
    command(&c, 0, insert, &[int(1)]).unwrap();
    let duplicate = command(&c, 0, insert, &[int(1)]).unwrap_err();
    assert_eq!(duplicate.kind, ErrorKind::UniqueConstraint);
    let missing = command(&c, 0, insert, &[]).unwrap_err();
    assert!(missing.message.contains("parameter"), "{}", missing.message);
    assert_eq!(
        command(&c, 0, insert, &[int(2)]).unwrap(),
        CommandOutcome::Changed(1)
    );
}

#[test]
fn sql_that_is_not_one_statement_runs_unkept() {
    let c = open(":memory:");
    let script = "CREATE TABLE t(a); INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)";
    assert_eq!(
        command(&c, 0, script, &[]).unwrap(),
        CommandOutcome::Changed(0)
    );
    assert_eq!(
        query(&c, 1, ";SELECT count(*) AS n FROM t", &[]).unwrap(),
        r#"[{"n":2}]"#
    );
    let err = query(&c, 2, "SELECT * FROM missing", &[]).unwrap_err();
    assert!(err.message.contains("no such table"), "{}", err.message);
    let nul = query(&c, 3, "SELECT 1\0", &[]).unwrap_err();
    assert_eq!(nul.kind, ErrorKind::InvalidOperation);
}

#[test]
fn forgetting_frees_the_slots_for_new_texts() {
    let c = open(":memory:");
    assert_eq!(query(&c, 0, "SELECT 1 AS x", &[]).unwrap(), r#"[{"x":1}]"#);
    c.forget_kept();
    assert_eq!(query(&c, 0, "SELECT 2 AS y", &[]).unwrap(), r#"[{"y":2}]"#);
}

/// A kept read is reset after it runs: it holds no read transaction, so it sees what
/// another connection committed since, and a checkpoint can complete.
#[test]
fn a_kept_read_holds_no_snapshot_and_closing_finalizes() {
    let dir = std::env::temp_dir().join(format!("dumbo-kept-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kept.db");
    let path = path.to_str().unwrap();
    let writer = open(path);
    writer
        .execute_batch("CREATE TABLE t(a); INSERT INTO t VALUES (1)")
        .unwrap();
    let reader = open(path);
    let count = "SELECT count(*) AS n FROM t";
    assert_eq!(query(&reader, 0, count, &[]).unwrap(), r#"[{"n":1}]"#);
    writer.execute_batch("INSERT INTO t VALUES (2)").unwrap();
    assert_eq!(query(&reader, 0, count, &[]).unwrap(), r#"[{"n":2}]"#);
    let checkpoint = writer
        .query("PRAGMA wal_checkpoint(TRUNCATE)", &[])
        .unwrap()
        .json;
    assert!(checkpoint.starts_with(r#"[{"busy":0"#), "{checkpoint}");
    reader.close().unwrap();
    writer.close().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
