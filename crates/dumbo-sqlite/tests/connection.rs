//! Integration tests for `SqliteConnection` on `:memory:` and temporary files.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use dumbo_core::{ErrorKind, SqlValue};
use dumbo_rows::SpecialValue;
use dumbo_sqlite::transaction;
use dumbo_sqlite::{OpenOptions, PragmaOptions, SqliteConnection};

/// A unique temporary database path, removed (with its -wal/-shm/-journal) on drop.
struct TempDb(PathBuf);

impl TempDb {
    fn new(tag: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "dumbo-sqlite-test-{}-{n}-{nanos}-{tag}.db",
            std::process::id()
        );
        TempDb(std::env::temp_dir().join(name))
    }

    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = self.0.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

fn open(path: &str) -> SqliteConnection {
    SqliteConnection::open(&OpenOptions::new(path)).unwrap()
}

fn memory() -> SqliteConnection {
    open(":memory:")
}

/// The single value of a one-row, one-column query, as JSON text.
fn scalar(c: &SqliteConnection, sql: &str) -> String {
    let rows = c.query(sql, &[]).unwrap();
    assert_eq!(rows.row_count, 1, "{sql}");
    let json = rows.json;
    let start = json.find(':').unwrap() + 1;
    json[start..json.len() - 2].to_owned()
}

fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_owned())
}

// ---------------------------------------------------------------- pragmas

#[test]
fn default_pragmas_are_applied_on_a_file_database() {
    let db = TempDb::new("defaults");
    let c = open(&db.path());
    assert_eq!(scalar(&c, "PRAGMA journal_mode"), "\"wal\"");
    assert_eq!(scalar(&c, "PRAGMA busy_timeout"), "5000");
    assert_eq!(scalar(&c, "PRAGMA foreign_keys"), "1");
    assert_eq!(scalar(&c, "PRAGMA synchronous"), "1");
    assert_eq!(scalar(&c, "PRAGMA cache_size"), "-1000000");
    assert_eq!(scalar(&c, "PRAGMA temp_store"), "2");
    c.close().unwrap();
}

#[test]
fn user_pragmas_are_applied() {
    let db = TempDb::new("user");
    let mut o = OpenOptions::new(db.path());
    o.pragmas = PragmaOptions {
        busy_timeout: Some(1234),
        foreign_keys: Some(false),
        journal_mode: Some("truncate".into()),
        synchronous: Some("FULL".into()),
        ..Default::default()
    }
    .merged_over(o.pragmas);
    let c = SqliteConnection::open(&o).unwrap();
    assert_eq!(scalar(&c, "PRAGMA busy_timeout"), "1234");
    assert_eq!(scalar(&c, "PRAGMA foreign_keys"), "0");
    assert_eq!(scalar(&c, "PRAGMA journal_mode"), "\"truncate\"");
    assert_eq!(scalar(&c, "PRAGMA synchronous"), "2");
}

#[test]
fn uri_pragmas_override_defaults_and_user_pragmas_override_uri() {
    let db = TempDb::new("uri");
    let uri = format!(
        "file:{}?journal_mode=DELETE&busy_timeout=250&foreign_keys=off",
        db.path()
    );
    let c = open(&uri);
    assert_eq!(scalar(&c, "PRAGMA journal_mode"), "\"delete\"");
    assert_eq!(scalar(&c, "PRAGMA busy_timeout"), "250");
    assert_eq!(scalar(&c, "PRAGMA foreign_keys"), "0");
    // The URI names the same file SQLite opened.
    c.command("CREATE TABLE t(a)", &[]).unwrap();
    c.close().unwrap();
    assert!(db.0.exists());

    let mut o = OpenOptions::new(uri);
    o.pragmas = PragmaOptions {
        busy_timeout: Some(99),
        ..Default::default()
    }
    .merged_over(o.pragmas);
    let c = SqliteConnection::open(&o).unwrap();
    assert_eq!(scalar(&c, "PRAGMA busy_timeout"), "99");
    assert_eq!(scalar(&c, "PRAGMA foreign_keys"), "0");
    assert_eq!(scalar(&c, "SELECT count(*) FROM t"), "0");
}

#[test]
fn skip_database_pragmas_leaves_journal_mode_alone() {
    let db = TempDb::new("skip");
    let mut o = OpenOptions::new(db.path());
    o.skip_database_pragmas = true;
    let c = SqliteConnection::open(&o).unwrap();
    assert_eq!(scalar(&c, "PRAGMA journal_mode"), "\"delete\"");
    // Connection-level pragmas still apply.
    assert_eq!(scalar(&c, "PRAGMA foreign_keys"), "1");
}

#[test]
fn a_read_only_file_opened_read_write_says_why_the_journal_mode_cannot_be_set() {
    let db = TempDb::new("readonly");
    {
        let mut o = OpenOptions::new(db.path());
        o.skip_database_pragmas = true; // journal_mode stays DELETE
        let c = SqliteConnection::open(&o).unwrap();
        c.command("CREATE TABLE t (v INTEGER)", &[]).unwrap();
    }
    // `mode=ro` makes the file read-only for SQLite even when the process could
    // write it (tests may run as root), as a file without write permission does.
    let uri = format!("file:{}?mode=ro", db.path());
    let e = SqliteConnection::open(&OpenOptions::new(uri.as_str())).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    assert_eq!(
        e.message,
        "attempt to write a readonly database (while setting journal_mode=WAL on opening: the database file is read-only; open it with readonly: true)"
    );
    let mut o = OpenOptions::new(uri.as_str());
    o.readonly = true;
    let c = SqliteConnection::open(&o).unwrap();
    assert_eq!(scalar(&c, "SELECT count(*) FROM t"), "0");
}

#[test]
fn invalid_pragmas_are_rejected_before_opening() {
    let db = TempDb::new("badpragma");
    let mut o = OpenOptions::new(db.path());
    o.pragmas.journal_mode = Some("WAL; DROP TABLE users".into());
    let err = SqliteConnection::open(&o).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert!(err.message.contains("journal_mode"), "{}", err.message);
    assert!(!db.0.exists());

    let uri = format!("file:{}?temp_store=disk", db.path());
    let err = SqliteConnection::open(&OpenOptions::new(uri)).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert!(err.message.contains("temp_store"), "{}", err.message);
}

#[test]
fn in_memory_database_opens_with_defaults() {
    let c = memory();
    assert_eq!(scalar(&c, "PRAGMA journal_mode"), "\"memory\"");
    assert_eq!(scalar(&c, "PRAGMA foreign_keys"), "1");
}

// ---------------------------------------------------------------- row counts

#[test]
fn row_counts_for_each_kind_of_statement() {
    let c = memory();
    let ddl = c
        .command("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", &[])
        .unwrap();
    assert_eq!(ddl.row_count, 0);
    assert!(ddl.rows.is_none());

    let ins = c
        .command(
            "INSERT INTO t(v) VALUES (?), (?), (?)",
            &[text("a"), text("b"), text("c")],
        )
        .unwrap();
    assert_eq!(ins.row_count, 3);

    // DDL right after a write reports 0, not the previous statement's count.
    let idx = c.command("CREATE INDEX t_v ON t(v)", &[]).unwrap();
    assert_eq!(idx.row_count, 0);

    let upd = c
        .command(
            "UPDATE t SET v = 'x' WHERE id <= ?",
            &[SqlValue::Integer(2)],
        )
        .unwrap();
    assert_eq!(upd.row_count, 2);
    let none = c
        .command("UPDATE t SET v = 'y' WHERE id > 100", &[])
        .unwrap();
    assert_eq!(none.row_count, 0);

    let ret = c
        .command(
            "UPDATE t SET v = 'z' WHERE id >= ? RETURNING id, v",
            &[SqlValue::Integer(2)],
        )
        .unwrap();
    assert_eq!(ret.row_count, 2);
    let rows = ret.rows.unwrap();
    assert_eq!(rows.json, r#"[{"id":2,"v":"z"},{"id":3,"v":"z"}]"#);

    let del = c.command("DELETE FROM t WHERE id = 1", &[]).unwrap();
    assert_eq!(del.row_count, 1);
    let del_ret = c.command("DELETE FROM t RETURNING id", &[]).unwrap();
    assert_eq!(del_ret.row_count, 2);

    // A SELECT passed as a command returns its rows.
    let sel = c.command("SELECT 1 AS one", &[]).unwrap();
    assert_eq!(sel.row_count, 1);
    assert_eq!(sel.rows.unwrap().json, r#"[{"one":1}]"#);

    let drop = c.command("DROP TABLE t", &[]).unwrap();
    assert_eq!(drop.row_count, 0);
}

#[test]
fn insert_returning_counts_rows() {
    let c = memory();
    c.command("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)", &[])
        .unwrap();
    let r = c
        .command(
            "INSERT INTO t(v) VALUES (?), (?) RETURNING id",
            &[text("a"), text("b")],
        )
        .unwrap();
    assert_eq!(r.row_count, 2);
    assert_eq!(r.rows.unwrap().json, r#"[{"id":1},{"id":2}]"#);
    assert_eq!(scalar(&c, "SELECT count(*) AS n FROM t"), "2");
}

#[test]
fn cached_statements_are_reused_with_new_parameters() {
    let c = memory();
    c.command("CREATE TABLE t(a INTEGER)", &[]).unwrap();
    for i in 0..10 {
        let r = c
            .command("INSERT INTO t VALUES (?)", &[SqlValue::Integer(i)])
            .unwrap();
        assert_eq!(r.row_count, 1);
    }
    let rows = c
        .query(
            "SELECT sum(a) AS s FROM t WHERE a >= ?",
            &[SqlValue::Integer(5)],
        )
        .unwrap();
    assert_eq!(rows.json, r#"[{"s":35}]"#);
    // A cached SELECT * sees columns added later.
    assert_eq!(
        c.query("SELECT * FROM t LIMIT 1", &[]).unwrap().columns,
        ["a"]
    );
    c.command("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'", &[])
        .unwrap();
    let rows = c.query("SELECT * FROM t LIMIT 1", &[]).unwrap();
    assert_eq!(rows.columns, ["a", "b"]);
    assert_eq!(rows.json, r#"[{"a":0,"b":"x"}]"#);
}

// ---------------------------------------------------------------- values

#[test]
fn values_round_trip() {
    let c = memory();
    c.command("CREATE TABLE v(x)", &[]).unwrap();
    let values = vec![
        SqlValue::Integer(42),
        SqlValue::Integer(-9_007_199_254_740_991),
        SqlValue::BigInt(i128::from(i64::MAX)),
        SqlValue::BigInt(-5),
        SqlValue::Float(3.25),
        text("héllo ✓ 🦀"),
        text("a\0b"),
        SqlValue::Blob(vec![0, 255, 1]),
        SqlValue::Null,
        SqlValue::Bool(true),
        SqlValue::Bool(false),
        SqlValue::Date(1_684_152_000_000.0),
        SqlValue::Json(r#"{"a":[1,2]}"#.into()),
        SqlValue::Array(vec![SqlValue::Integer(1), text("x")]),
    ];
    for v in &values {
        c.command("INSERT INTO v VALUES (?)", std::slice::from_ref(v))
            .unwrap();
    }
    let rows = c
        .query("SELECT x, typeof(x) AS t FROM v ORDER BY rowid", &[])
        .unwrap();
    assert_eq!(rows.row_count, values.len() as u32);
    assert_eq!(
        rows.json,
        concat!(
            r#"[{"x":42,"t":"integer"},"#,
            r#"{"x":-9007199254740991,"t":"integer"},"#,
            r#"{"x":null,"t":"integer"},"#,
            r#"{"x":-5,"t":"integer"},"#,
            r#"{"x":3.25,"t":"real"},"#,
            r#"{"x":"héllo ✓ 🦀","t":"text"},"#,
            r#"{"x":"a\u0000b","t":"text"},"#,
            r#"{"x":null,"t":"blob"},"#,
            r#"{"x":null,"t":"null"},"#,
            r#"{"x":1,"t":"integer"},"#,
            r#"{"x":0,"t":"integer"},"#,
            r#"{"x":"2023-05-15T12:00:00.000Z","t":"text"},"#,
            r#"{"x":"{\"a\":[1,2]}","t":"text"},"#,
            r#"{"x":"[1,\"x\"]","t":"text"}]"#,
        )
    );
    assert_eq!(rows.specials.len(), 2);
    assert_eq!(rows.specials[0].row, 2);
    assert_eq!(rows.specials[0].column, 0);
    assert_eq!(rows.specials[0].value, SpecialValue::BigInt(i64::MAX));
    assert_eq!(rows.specials[1].row, 7);
    assert_eq!(rows.specials[1].value, SpecialValue::Blob(vec![0, 255, 1]));
}

#[test]
fn unbindable_values_are_data_errors() {
    let c = memory();
    let err = c
        .query("SELECT ?", &[SqlValue::BigInt(i128::from(i64::MAX) + 1)])
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Data);
    assert!(err.message.contains("out of range"), "{}", err.message);
    let err = c
        .query("SELECT ?", &[SqlValue::Date(f64::NAN)])
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Data);
}

#[test]
fn parameter_count_mismatch_is_invalid_operation() {
    let c = memory();
    let err = c.query("SELECT ?, ?", &[SqlValue::Integer(1)]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert_eq!(
        err.message,
        "Wrong number of parameters: the SQL statement expects 2 but 1 were given"
    );
    let err = c.command("SELECT 1", &[SqlValue::Integer(1)]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    // The statement stays usable afterwards.
    assert_eq!(
        c.query(
            "SELECT ? AS a, ? AS b",
            &[SqlValue::Integer(1), SqlValue::Integer(2)]
        )
        .unwrap()
        .json,
        r#"[{"a":1,"b":2}]"#
    );
}

// ---------------------------------------------------------------- multiple statements

#[test]
fn multiple_statements_without_parameters_run_in_order() {
    let c = memory();
    let r = c
        .command(
            "CREATE TABLE m(x); INSERT INTO m VALUES (1); INSERT INTO m VALUES (2);",
            &[],
        )
        .unwrap();
    assert_eq!(r.row_count, 0);
    assert!(r.rows.is_none());
    let rows = c
        .query(
            "INSERT INTO m VALUES (3); SELECT x FROM m ORDER BY x; -- trailing comment",
            &[],
        )
        .unwrap();
    assert_eq!(rows.json, r#"[{"x":1},{"x":2},{"x":3}]"#);
    let rows = c.query("SELECT 1 AS a; DELETE FROM m", &[]).unwrap();
    assert_eq!(rows.json, "[]", "rows of the last statement");
    assert_eq!(scalar(&c, "SELECT count(*) AS n FROM m"), "0");

    c.execute_batch("INSERT INTO m VALUES (7); INSERT INTO m VALUES (8)")
        .unwrap();
    assert_eq!(scalar(&c, "SELECT count(*) AS n FROM m"), "2");
}

#[test]
fn multiple_statements_with_parameters_are_rejected() {
    let c = memory();
    c.command("CREATE TABLE m(x)", &[]).unwrap();
    let err = c
        .command(
            "INSERT INTO m VALUES (?); INSERT INTO m VALUES (?)",
            &[SqlValue::Integer(1), SqlValue::Integer(2)],
        )
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert!(
        err.message.contains("Multiple statements"),
        "{}",
        err.message
    );
    // The second statement depends on nothing, yet nothing ran.
    assert_eq!(scalar(&c, "SELECT count(*) AS n FROM m"), "0");
    let err = c
        .query(
            "CREATE TABLE z(a); INSERT INTO z VALUES (?)",
            &[SqlValue::Integer(1)],
        )
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert!(
        err.message.contains("Multiple statements"),
        "{}",
        err.message
    );
}

#[test]
fn an_error_in_a_later_statement_stops_the_batch() {
    let c = memory();
    let err = c
        .command(
            "CREATE TABLE e(x UNIQUE); INSERT INTO e VALUES (1); INSERT INTO e VALUES (1); INSERT INTO e VALUES (2)",
            &[],
        )
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::UniqueConstraint);
    assert_eq!(scalar(&c, "SELECT count(*) AS n FROM e"), "1");
    let err = c.command("SELECT 1; SELEC 2", &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
}

// ---------------------------------------------------------------- errors

fn constraint_db() -> SqliteConnection {
    let c = memory();
    c.execute_batch(
        "CREATE TABLE parent(id INTEGER PRIMARY KEY, code TEXT UNIQUE);
         CREATE TABLE child(
           id INTEGER PRIMARY KEY,
           parent_id INTEGER REFERENCES parent(id),
           name TEXT NOT NULL,
           age INTEGER CHECK (age >= 0)
         );
         INSERT INTO parent VALUES (1, 'a');",
    )
    .unwrap();
    c
}

#[test]
fn constraint_violations_map_to_their_classes() {
    let c = constraint_db();
    let cases = [
        (
            "INSERT INTO parent VALUES (2, 'a')",
            ErrorKind::UniqueConstraint,
            "SQLITE_CONSTRAINT_UNIQUE",
        ),
        (
            "INSERT INTO parent VALUES (1, 'b')",
            ErrorKind::UniqueConstraint,
            "SQLITE_CONSTRAINT_PRIMARYKEY",
        ),
        (
            "INSERT INTO child(parent_id, name, age) VALUES (99, 'x', 1)",
            ErrorKind::ForeignKeyViolation,
            "SQLITE_CONSTRAINT_FOREIGNKEY",
        ),
        (
            "INSERT INTO child(parent_id, name, age) VALUES (1, NULL, 1)",
            ErrorKind::NotNullViolation,
            "SQLITE_CONSTRAINT_NOTNULL",
        ),
        (
            "INSERT INTO child(parent_id, name, age) VALUES (1, 'x', -1)",
            ErrorKind::CheckViolation,
            "SQLITE_CONSTRAINT_CHECK",
        ),
    ];
    for (sql, kind, extended) in cases {
        let err = c.command(sql, &[]).unwrap_err();
        assert_eq!(err.kind, kind, "{sql}: {}", err.message);
        let driver = err.driver.unwrap();
        assert_eq!(driver.code, "SQLITE_CONSTRAINT", "{sql}");
        assert_eq!(driver.fields, vec![("extendedCode", extended.to_owned())]);
        assert!(driver.errno.is_some());
    }
    let err = c
        .command("INSERT INTO parent VALUES (2, 'a')", &[])
        .unwrap_err();
    assert_eq!(err.message, "UNIQUE constraint failed: parent.code");
    assert_eq!(err.driver.unwrap().errno, Some(2067));
}

#[test]
fn syntax_errors_and_missing_tables_are_invalid_operations() {
    let c = memory();
    let err = c.query("SELEC 1", &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert!(err.message.contains("syntax error"), "{}", err.message);
    assert_eq!(err.driver.unwrap().code, "SQLITE_ERROR");

    let err = c.query("SELECT * FROM nope", &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert_eq!(err.message, "no such table: nope");

    let err = c
        .command("INSERT INTO nope VALUES (?)", &[SqlValue::Integer(1)])
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert_eq!(err.message, "no such table: nope");
}

#[test]
fn a_file_that_is_not_a_database_fails_at_open() {
    let db = TempDb::new("notadb");
    std::fs::write(&db.0, vec![b'x'; 4096]).unwrap();
    for skip in [false, true] {
        let mut o = OpenOptions::new(db.path());
        o.skip_database_pragmas = skip;
        let err = SqliteConnection::open(&o).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Connection, "{}", err.message);
        assert_eq!(err.driver.unwrap().code, "SQLITE_NOTADB");
    }
}

#[test]
fn a_directory_cannot_be_opened() {
    let dir = std::env::temp_dir();
    let err = SqliteConnection::open(&OpenOptions::new(dir.to_string_lossy())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Connection, "{}", err.message);
    assert_eq!(err.driver.unwrap().code, "SQLITE_CANTOPEN");
}

#[test]
fn a_missing_directory_cannot_be_opened() {
    let path = std::env::temp_dir()
        .join("dumbo-sqlite-no-such-dir-7f3a")
        .join("x.db");
    let err = SqliteConnection::open(&OpenOptions::new(path.to_string_lossy())).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Connection, "{}", err.message);
}

#[test]
fn readonly_connections_cannot_write() {
    let db = TempDb::new("readonly");
    let writer = open(&db.path());
    writer.command("CREATE TABLE t(a); ", &[]).unwrap();
    writer.command("INSERT INTO t VALUES (1)", &[]).unwrap();

    let mut o = OpenOptions::new(db.path());
    o.readonly = true;
    let reader = SqliteConnection::open(&o).unwrap();
    assert_eq!(scalar(&reader, "SELECT count(*) AS n FROM t"), "1");
    let err = reader.command("INSERT INTO t VALUES (2)", &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation, "{}", err.message);
    let driver = err.driver.unwrap();
    assert_eq!(driver.code, "SQLITE_READONLY");
    assert_eq!(err.message, "attempt to write a readonly database");
}

#[test]
fn readonly_connections_do_not_change_the_journal_mode() {
    let db = TempDb::new("readonly-journal");
    let mut o = OpenOptions::new(db.path());
    o.pragmas.journal_mode = Some("DELETE".into());
    let writer = SqliteConnection::open(&o).unwrap();
    writer.command("CREATE TABLE t(a)", &[]).unwrap();

    // Default pragmas ask for WAL, which a read-only connection cannot set.
    let mut o = OpenOptions::new(db.path());
    o.readonly = true;
    let reader = SqliteConnection::open(&o).unwrap();
    assert_eq!(scalar(&reader, "PRAGMA journal_mode"), "\"delete\"");
    assert_eq!(scalar(&reader, "SELECT count(*) AS n FROM t"), "0");
}

#[test]
fn readonly_open_of_a_missing_file_fails() {
    let db = TempDb::new("missing");
    let mut o = OpenOptions::new(db.path());
    o.readonly = true;
    let err = SqliteConnection::open(&o).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Connection, "{}", err.message);
    assert!(!db.0.exists());
}

#[test]
fn a_held_write_lock_gives_lock_not_available() {
    let db = TempDb::new("busy");
    let mut o = OpenOptions::new(db.path());
    o.pragmas.busy_timeout = Some(50);
    let a = SqliteConnection::open(&o).unwrap();
    let b = SqliteConnection::open(&o).unwrap();

    let begin = transaction::begin_sql(None).unwrap();
    a.command(&begin, &[]).unwrap();
    assert!(!a.is_autocommit());

    let started = std::time::Instant::now();
    let err = b.command(&begin, &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::LockNotAvailable, "{}", err.message);
    assert_eq!(err.driver.unwrap().code, "SQLITE_BUSY");
    assert!(started.elapsed() >= std::time::Duration::from_millis(40));
    assert!(b.is_autocommit());

    a.command(transaction::COMMIT_SQL, &[]).unwrap();
    b.command(&begin, &[]).unwrap();
    b.command(transaction::ROLLBACK_SQL, &[]).unwrap();
}

// ---------------------------------------------------------------- transactions

#[test]
fn transactions_and_savepoints() {
    let c = memory();
    c.command("CREATE TABLE t(a)", &[]).unwrap();
    c.command(&transaction::begin_sql(Some("deferred")).unwrap(), &[])
        .unwrap();
    assert!(!c.is_autocommit());
    c.command("INSERT INTO t VALUES (1)", &[]).unwrap();
    c.command(&transaction::savepoint_sql(2), &[]).unwrap();
    c.command("INSERT INTO t VALUES (2)", &[]).unwrap();
    c.command(&transaction::rollback_to_sql(2), &[]).unwrap();
    c.command(&transaction::release_sql(2), &[]).unwrap();
    c.command(&transaction::savepoint_sql(2), &[]).unwrap();
    c.command("INSERT INTO t VALUES (3)", &[]).unwrap();
    c.command(&transaction::release_sql(2), &[]).unwrap();
    c.command(transaction::COMMIT_SQL, &[]).unwrap();
    assert!(c.is_autocommit());
    let rows = c.query("SELECT a FROM t ORDER BY a", &[]).unwrap();
    assert_eq!(rows.json, r#"[{"a":1},{"a":3}]"#);

    c.command(&transaction::begin_sql(None).unwrap(), &[])
        .unwrap();
    c.command("INSERT INTO t VALUES (4)", &[]).unwrap();
    c.command(transaction::ROLLBACK_SQL, &[]).unwrap();
    assert_eq!(scalar(&c, "SELECT count(*) AS n FROM t"), "2");

    let err = c.command(transaction::COMMIT_SQL, &[]).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
}

#[test]
fn data_persists_across_connections() {
    let db = TempDb::new("persist");
    let a = open(&db.path());
    a.command("CREATE TABLE t(a TEXT)", &[]).unwrap();
    a.command("INSERT INTO t VALUES (?)", &[text("kept")])
        .unwrap();
    a.close().unwrap();
    let b = open(&format!("file:{}", db.path()));
    assert_eq!(scalar(&b, "SELECT a FROM t"), "\"kept\"");
}
