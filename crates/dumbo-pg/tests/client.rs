//! Statements on one connection: results, multi-statement strings, cached plans,
//! timeouts, cancellation, TLS and transactions.

mod common;

use std::time::{Duration, Instant};

use common::{assert_kind, connect, database, fail, run, run_with};
use dumbo_core::{ErrorKind, SqlValue};
use dumbo_pg::client::{check_connection, ExecOptions, PgClient};
use dumbo_pg::config::{self, PgConnectOptions};
use dumbo_pg::pool::{PgPool, PoolOptions};
use dumbo_pg::transaction;
use tokio::sync::OnceCell;

static DB: OnceCell<String> = OnceCell::const_new();

async fn opts() -> Option<PgConnectOptions> {
    database(&DB, "dumbo_rs_client").await
}

fn single_pool(opts: PgConnectOptions) -> PgPool {
    let settings = PoolOptions {
        max_size: 1,
        ..PoolOptions::default()
    };
    PgPool::new(opts, settings).expect("pool")
}

fn with_timeout(ms: u64) -> ExecOptions {
    ExecOptions {
        timeout: Some(Duration::from_millis(ms)),
        ..ExecOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn direct_client_selects() {
    let Some(opts) = opts().await else { return };
    let client = PgClient::connect(&opts, None).await.expect("connects");
    assert!(!client.is_closed());
    assert_eq!(client.endpoint(), opts.endpoint);
    let out = run(&client, "SELECT 1 AS one, 'a'::text AS t").await;
    assert_eq!(out.row_count, 1);
    assert!(out.has_columns);
    assert_eq!(out.json().json, r#"[{"one":1,"t":"a"}]"#);
    let out = run_with(&client, "SELECT $1::int + 1 AS n", &[SqlValue::Integer(41)]).await;
    assert_eq!(out.json().json, r#"[{"n":42}]"#);
    // The unnamed statement (the default) learns columns only from a row.
    let out = run(&client, "SELECT 1 AS x WHERE false").await;
    assert_eq!((out.row_count, out.has_columns), (0, false));
    client.discard();
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_report_row_counts() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;
    let out = run(&client, "CREATE TABLE counts (a int)").await;
    assert_eq!((out.row_count, out.has_columns), (0, false));
    assert_eq!(out.json().json, "[]");
    let out = run(&client, "INSERT INTO counts SELECT generate_series(1, 3)").await;
    assert_eq!(out.row_count, 3);
    let out = run(&client, "UPDATE counts SET a = a + 1 WHERE a > 1").await;
    assert_eq!(out.row_count, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn multi_statement_strings_use_the_simple_protocol() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;
    let out = run(
        &client,
        "CREATE SCHEMA IF NOT EXISTS multi; CREATE TABLE multi.t (a int); \
         INSERT INTO multi.t VALUES (1), (2);",
    )
    .await;
    assert_eq!((out.row_count, out.has_columns), (2, false));
    let out = run(
        &client,
        "SELECT 1; SELECT a, NULL AS n FROM multi.t ORDER BY a",
    )
    .await;
    assert_eq!(out.row_count, 2);
    assert!(out.has_columns);
    assert_eq!(out.json().columns, vec!["a", "n"]);
    assert_eq!(out.json().row_count, 2);
    // Inside a transaction too (a failed prepare would abort it).
    client.batch_execute("BEGIN").await.expect("begin");
    let in_tx = ExecOptions {
        in_transaction: true,
        ..ExecOptions::default()
    };
    let out = client
        .execute(
            "DROP SCHEMA multi CASCADE; CREATE SCHEMA multi;",
            &[],
            &in_tx,
        )
        .await
        .expect("multi-statement in a transaction");
    assert!(!out.has_columns);
    client.batch_execute("COMMIT").await.expect("commit");
}

#[tokio::test(flavor = "multi_thread")]
async fn stale_cached_plans_are_retried() {
    let Some(mut opts) = opts().await else { return };
    opts.prepare = true;
    let pool = single_pool(opts);
    let client = pool.acquire().await.expect("acquire");
    run(&client, "CREATE TABLE stale (a int)").await;
    run(&client, "INSERT INTO stale VALUES (1)").await;
    let out = run(&client, "SELECT * FROM stale").await;
    assert_eq!(out.json().columns, vec!["a"]);
    run(&client, "ALTER TABLE stale ADD COLUMN b int").await;
    let out = run(&client, "SELECT * FROM stale").await;
    assert_eq!(out.json().columns, vec!["a", "b"]);

    // In a transaction the error surfaces (the transaction is aborted anyway)...
    client.batch_execute("BEGIN").await.expect("begin");
    run(&client, "ALTER TABLE stale ADD COLUMN c int").await;
    let in_tx = ExecOptions {
        in_transaction: true,
        ..ExecOptions::default()
    };
    let e = fail(&client, "SELECT * FROM stale", &in_tx).await;
    assert_eq!(common::code(&e), "0A000", "{e}");
    client.batch_execute("ROLLBACK").await.expect("rollback");
    // ...and the statement was dropped from the cache: it is prepared afresh even
    // where no retry is allowed.
    run(&client, "ALTER TABLE stale ADD COLUMN d int").await;
    let out = client
        .execute("SELECT * FROM stale", &[], &in_tx)
        .await
        .expect("prepared afresh");
    assert_eq!(out.json().columns, vec!["a", "b", "d"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn statement_timeout_does_not_leak() {
    let Some(opts) = opts().await else { return };
    let pool = single_pool(opts);
    let client = pool.acquire().await.expect("acquire");
    let default = run(&client, "SHOW statement_timeout").await.json().json;

    let started = Instant::now();
    let e = fail(&client, "SELECT pg_sleep(5)", &with_timeout(100)).await;
    assert_kind(&e, ErrorKind::QueryCanceled, "57014");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        run(&client, "SHOW statement_timeout").await.json().json,
        default
    );
    run(&client, "SELECT pg_sleep(0.3)").await;
    let ok = client
        .execute("SELECT 1 AS x", &[], &with_timeout(1000))
        .await
        .expect("fast statement with a timeout");
    assert_eq!(ok.row_count, 1);
    drop(client);

    // Same pooled connection, inside a transaction that is rolled back.
    let client = pool.acquire().await.expect("re-acquire");
    assert_eq!(
        run(&client, "SHOW statement_timeout").await.json().json,
        default
    );
    client.batch_execute("BEGIN").await.expect("begin");
    let opts = ExecOptions {
        in_transaction: true,
        ..with_timeout(100)
    };
    let e = fail(&client, "SELECT pg_sleep(5)", &opts).await;
    assert_eq!(e.kind, ErrorKind::QueryCanceled);
    client.batch_execute("ROLLBACK").await.expect("rollback");
    assert_eq!(
        run(&client, "SHOW statement_timeout").await.json().json,
        default
    );
    run(&client, "SELECT pg_sleep(0.3)").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn canceller_cancels_the_running_statement() {
    let Some(opts) = opts().await else { return };
    let pool = single_pool(opts);
    let client = pool.acquire().await.expect("acquire");
    let canceller = client.canceller();
    let cancel = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        canceller.cancel().await
    });
    let started = Instant::now();
    let e = fail(&client, "SELECT pg_sleep(10)", &ExecOptions::default()).await;
    assert_kind(&e, ErrorKind::QueryCanceled, "57014");
    assert!(started.elapsed() < Duration::from_secs(5));
    cancel.await.expect("joined").expect("cancel request sent");
    client.discard();
    // The discarded session keeps its slot until the server has ended it (so the
    // server never sees more sessions than the pool's max), then leaves the pool.
    tokio::time::timeout(Duration::from_secs(3), async {
        while pool.status().size != 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("a discarded client leaves the pool");
    let client = pool.acquire().await.expect("a new connection");
    run(&client, "SELECT 1").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn tls_modes_connect() {
    let Some(url) = common::test_url() else {
        return;
    };
    let sep = if url.contains('?') { '&' } else { '?' };
    let with_mode = |mode: &str| config::parse(&format!("{url}{sep}sslmode={mode}"), None);
    let plain = connect(&with_mode("disable").expect("parses")).await;
    let server_has_tls = run(&plain, "SHOW ssl").await.json().json.contains("on");
    for mode in ["require", "prefer", "disable"] {
        let opts = with_mode(mode).expect("parses");
        if mode == "require" && !server_has_tls {
            // libpq semantics: `require` refuses a server without TLS.
            let e = PgClient::connect(&opts, Some(Duration::from_secs(10)))
                .await
                .err()
                .expect("require must fail without server TLS");
            assert_eq!(e.kind, ErrorKind::Connection, "{e}");
            continue;
        }
        let client = connect(&opts).await;
        let out = run(
            &client,
            "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS ssl",
        )
        .await;
        let expected = mode != "disable" && server_has_tls;
        assert_eq!(
            out.json().json,
            format!(r#"[{{"ssl":{expected}}}]"#),
            "{mode}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn transactions_use_begin_sql() {
    let Some(opts) = opts().await else { return };
    let client = connect(&opts).await;
    let begin = transaction::begin_sql(Some("serializable"), true).expect("begin sql");
    client.batch_execute(&begin).await.expect("begin");
    let out = run(
        &client,
        "SELECT current_setting('transaction_isolation') AS i, \
         current_setting('transaction_read_only') AS ro",
    )
    .await;
    assert_eq!(out.json().json, r#"[{"i":"serializable","ro":"on"}]"#);
    client
        .batch_execute(transaction::COMMIT_SQL)
        .await
        .expect("commit");

    run(&client, "CREATE TABLE tx (a int)").await;
    client.batch_execute("BEGIN").await.expect("begin");
    run(&client, "INSERT INTO tx VALUES (1)").await;
    client
        .batch_execute(&transaction::savepoint_sql(2))
        .await
        .expect("savepoint");
    run(&client, "INSERT INTO tx VALUES (2)").await;
    client
        .batch_execute(&transaction::rollback_to_sql(2))
        .await
        .expect("rollback to");
    client
        .batch_execute(&transaction::savepoint_sql(2))
        .await
        .expect("savepoint");
    run(&client, "INSERT INTO tx VALUES (3)").await;
    client
        .batch_execute(&transaction::release_sql(2))
        .await
        .expect("release");
    client
        .batch_execute(transaction::COMMIT_SQL)
        .await
        .expect("commit");
    let out = run(&client, "SELECT a FROM tx ORDER BY a").await;
    assert_eq!(out.json().json, r#"[{"a":1},{"a":3}]"#);

    client.batch_execute("BEGIN").await.expect("begin");
    let e = client
        .batch_execute("SELECT nope")
        .await
        .expect_err("fails");
    assert_kind(&e, ErrorKind::InvalidOperation, "42703");
    let e = client.batch_execute("SELECT 1").await.expect_err("aborted");
    assert_kind(&e, ErrorKind::Dumbo, "25P02");
    client
        .batch_execute(transaction::ROLLBACK_SQL)
        .await
        .expect("rollback");
}

#[tokio::test(flavor = "multi_thread")]
async fn check_connection_reports_success_and_refusal() {
    let Some(opts) = opts().await else { return };
    let ok = check_connection(&opts, Some(Duration::from_secs(5))).await;
    assert!(ok.successful, "{:?}", ok.error);
    assert_eq!(ok.error_type, None);

    let refused =
        config::parse("postgresql://postgres@127.0.0.1:1/postgres", None).expect("parses");
    let bad = check_connection(&refused, Some(Duration::from_secs(5))).await;
    assert!(!bad.successful);
    assert_eq!(bad.error_type, Some("ConnectionRefused"));
    assert_eq!(bad.code.as_deref(), Some("ECONNREFUSED"));
    let error = bad.error.expect("an error");
    assert_eq!(error.kind, ErrorKind::Connection);
}
