//! SQLSTATE classes and connect failures, mapped to Dumbo error kinds.

mod common;

use std::time::Duration;

use common::{assert_kind, code, connect, database, fail, field, run};
use dumbo_core::{ErrorKind, SqlValue};
use dumbo_pg::client::{ExecOptions, PgClient};
use dumbo_pg::config::{self, PgConnectOptions};
use tokio::sync::OnceCell;

static DB: OnceCell<String> = OnceCell::const_new();

async fn opts() -> Option<PgConnectOptions> {
    database(&DB, "dumbo_rs_errors").await
}

fn plain() -> ExecOptions {
    ExecOptions::default()
}

async fn setup(client: &PgClient, table: &str) {
    client
        .batch_execute(&format!(
            "CREATE TABLE {table}_parent (id int PRIMARY KEY);
             CREATE TABLE {table} (
                 id int PRIMARY KEY,
                 name text NOT NULL CONSTRAINT {table}_name_uq UNIQUE,
                 qty int CONSTRAINT {table}_qty_ck CHECK (qty >= 0),
                 parent int CONSTRAINT {table}_parent_fk REFERENCES {table}_parent (id)
             );
             INSERT INTO {table} VALUES (1, 'a', 1, NULL), (2, 'b', 1, NULL);"
        ))
        .await
        .expect("setup");
}

#[tokio::test(flavor = "multi_thread")]
async fn integrity_violations_keep_driver_fields() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;
    setup(&client, "items").await;

    let e = fail(
        &client,
        "INSERT INTO items VALUES (3, 'a', 1, NULL)",
        &plain(),
    )
    .await;
    assert_kind(&e, ErrorKind::UniqueConstraint, "23505");
    assert_eq!(field(&e, "constraint"), Some("items_name_uq"));
    assert_eq!(field(&e, "table"), Some("items"));
    assert_eq!(field(&e, "schema"), Some("public"));
    assert_eq!(field(&e, "severity"), Some("ERROR"));
    assert_eq!(field(&e, "detail"), Some("Key (name)=(a) already exists."));
    assert!(e.message.contains("duplicate key value"), "{}", e.message);

    let e = fail(
        &client,
        "INSERT INTO items VALUES (3, 'c', 1, 99)",
        &plain(),
    )
    .await;
    assert_kind(&e, ErrorKind::ForeignKeyViolation, "23503");
    assert_eq!(field(&e, "constraint"), Some("items_parent_fk"));

    let e = fail(
        &client,
        "INSERT INTO items VALUES (3, NULL, 1, NULL)",
        &plain(),
    )
    .await;
    assert_kind(&e, ErrorKind::NotNullViolation, "23502");
    assert_eq!(field(&e, "column"), Some("name"));

    let e = fail(&client, "UPDATE items SET qty = -1", &plain()).await;
    assert_kind(&e, ErrorKind::CheckViolation, "23514");
    assert_eq!(field(&e, "constraint"), Some("items_qty_ck"));

    let params = [SqlValue::Integer(1), SqlValue::Text("a".into())];
    let e = client
        .execute(
            "INSERT INTO items (id, name) VALUES ($1, $2)",
            &params,
            &plain(),
        )
        .await
        .expect_err("duplicate key");
    assert_kind(&e, ErrorKind::UniqueConstraint, "23505");
}

#[tokio::test(flavor = "multi_thread")]
async fn syntax_undefined_and_data_errors() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;

    let e = fail(&client, "SELEC 1", &plain()).await;
    assert_kind(&e, ErrorKind::InvalidOperation, "42601");
    assert_eq!(field(&e, "position"), Some("1"));

    let e = fail(&client, "SELECT * FROM no_such_table", &plain()).await;
    assert_kind(&e, ErrorKind::InvalidOperation, "42P01");
    assert!(e.message.contains("no_such_table"), "{}", e.message);

    let e = fail(&client, "SELECT 1 / 0", &plain()).await;
    assert_kind(&e, ErrorKind::Data, "22012");

    let e = fail(&client, "SELECT 'x'::int", &plain()).await;
    assert_kind(&e, ErrorKind::Data, "22P02");

    let e = fail(&client, "SELECT $1::int", &plain()).await;
    assert_eq!(e.kind, ErrorKind::InvalidOperation, "{e}");

    let e = fail(&client, "SELECT 1; SELEC 2", &plain()).await;
    assert_kind(&e, ErrorKind::InvalidOperation, "42601");

    let e = fail(
        &client,
        "DO $$ BEGIN RAISE EXCEPTION 'boom'; END $$",
        &plain(),
    )
    .await;
    assert_kind(&e, ErrorKind::Dumbo, "P0001");
    assert_eq!(e.message, "boom");
}

#[tokio::test(flavor = "multi_thread")]
async fn serialization_failure() {
    let Some(opts) = opts().await else { return };
    let a = connect(&opts).await;
    let b = connect(&opts).await;
    a.batch_execute("CREATE TABLE ser (id int PRIMARY KEY, v int); INSERT INTO ser VALUES (1, 0);")
        .await
        .expect("setup");
    a.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT * FROM ser;")
        .await
        .expect("snapshot");
    b.batch_execute("UPDATE ser SET v = 1 WHERE id = 1")
        .await
        .expect("concurrent update");
    let in_tx = ExecOptions {
        in_transaction: true,
        ..plain()
    };
    let e = fail(&a, "UPDATE ser SET v = 2 WHERE id = 1", &in_tx).await;
    assert_kind(&e, ErrorKind::Serialization, "40001");
    a.batch_execute("ROLLBACK").await.expect("rollback");
}

#[tokio::test(flavor = "multi_thread")]
async fn lock_not_available() {
    let Some(opts) = opts().await else { return };
    let a = connect(&opts).await;
    let b = connect(&opts).await;
    a.batch_execute("CREATE TABLE locked (id int PRIMARY KEY); INSERT INTO locked VALUES (1);")
        .await
        .expect("setup");
    a.batch_execute("BEGIN; SELECT * FROM locked WHERE id = 1 FOR UPDATE;")
        .await
        .expect("lock");
    let e = fail(
        &b,
        "SELECT * FROM locked WHERE id = 1 FOR UPDATE NOWAIT",
        &plain(),
    )
    .await;
    assert_kind(&e, ErrorKind::LockNotAvailable, "55P03");
    a.batch_execute("ROLLBACK").await.expect("rollback");
}

#[tokio::test(flavor = "multi_thread")]
async fn deadlock_detected() {
    let Some(opts) = opts().await else { return };
    let a = connect(&opts).await;
    let b = connect(&opts).await;
    a.batch_execute(
        "CREATE TABLE dl (id int PRIMARY KEY, v int); INSERT INTO dl VALUES (1, 0), (2, 0);",
    )
    .await
    .expect("setup");
    a.batch_execute("BEGIN; UPDATE dl SET v = 1 WHERE id = 1;")
        .await
        .expect("a locks 1");
    b.batch_execute("BEGIN; UPDATE dl SET v = 1 WHERE id = 2;")
        .await
        .expect("b locks 2");
    let waiting = tokio::spawn(async move {
        let result = a.batch_execute("UPDATE dl SET v = 2 WHERE id = 2").await;
        (a, result)
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let second = b.batch_execute("UPDATE dl SET v = 2 WHERE id = 1").await;
    let (a, first) = waiting.await.expect("joined");
    let errors: Vec<_> = [first, second]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_kind(&errors[0], ErrorKind::Deadlock, "40P01");
    a.batch_execute("ROLLBACK").await.expect("rollback a");
    b.batch_execute("ROLLBACK").await.expect("rollback b");
}

#[tokio::test(flavor = "multi_thread")]
async fn terminated_connections() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;
    let e = client
        .batch_execute("SELECT pg_terminate_backend(pg_backend_pid())")
        .await
        .expect_err("terminated");
    assert_kind(&e, ErrorKind::AdminShutdown, "57P01");
    tokio::time::sleep(Duration::from_millis(50)).await;
    let e = fail(&client, "SELECT 1", &plain()).await;
    assert_eq!(e.kind, ErrorKind::Connection, "{e}");
    assert!(
        e.message.starts_with(&format!(
            "Connection to PostgreSQL at {} failed: ",
            opts.endpoint
        )),
        "{}",
        e.message
    );
    assert!(client.is_closed());
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_refused_names_the_endpoint_not_the_password() {
    let opts =
        config::parse("postgresql://postgres:SuperSecret9@127.0.0.1:1/db", None).expect("parses");
    let e = PgClient::connect(&opts, Some(Duration::from_secs(5)))
        .await
        .err()
        .expect("refused");
    assert_kind(&e, ErrorKind::Connection, "ECONNREFUSED");
    assert_eq!(
        e.message,
        "Failed to connect to PostgreSQL at 127.0.0.1:1: connection refused"
    );
    assert!(!format!("{e:?}").contains("SuperSecret9"));
}

#[tokio::test(flavor = "multi_thread")]
async fn connect_timeout_bounds_a_silent_server() {
    let url = common::silent_server().await;
    let opts = config::parse(&url, None).expect("parses");
    let started = std::time::Instant::now();
    let e = PgClient::connect(&opts, Some(Duration::from_millis(200)))
        .await
        .err()
        .expect("timed out");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_kind(&e, ErrorKind::Connection, "ETIMEDOUT");
    assert_eq!(
        e.message,
        format!(
            "Failed to connect to PostgreSQL at {}: timed out after 200 ms",
            opts.endpoint
        )
    );
    assert!(!e.message.contains("Hidden77"));
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_host_is_a_connection_error() {
    let opts =
        config::parse("postgresql://u:pw@no-such-host.invalid:5432/db", None).expect("parses");
    let e = PgClient::connect(&opts, Some(Duration::from_secs(10)))
        .await
        .err()
        .expect("unknown host");
    assert_eq!(e.kind, ErrorKind::Connection, "{e}");
    assert!(matches!(code(&e), "ENOTFOUND" | "ETIMEDOUT"), "{e:?}");
    assert!(
        e.message.contains("no-such-host.invalid:5432"),
        "{}",
        e.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_database_is_a_connection_error() {
    let Some(url) = common::test_url() else {
        return;
    };
    let opts = config::parse(&url, Some("dumbo_rs_no_such_db")).expect("parses");
    let e = PgClient::connect(&opts, Some(Duration::from_secs(5)))
        .await
        .err()
        .expect("no such database");
    assert_kind(&e, ErrorKind::Connection, "3D000");
    assert!(
        e.message.starts_with(&format!(
            "Failed to connect to PostgreSQL at {}: database \"dumbo_rs_no_such_db\" does not exist",
            opts.endpoint
        )),
        "{}",
        e.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_after_errors_still_work() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;
    fail(&client, "SELECT * FROM nope", &plain()).await;
    run(&client, "CREATE TABLE after_error (a int)").await;
}
