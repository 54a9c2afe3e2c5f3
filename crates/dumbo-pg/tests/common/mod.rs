//! Shared setup for the PostgreSQL integration tests.
#![allow(dead_code)]

use std::time::Duration;

use dumbo_core::{Error, ErrorKind, SqlValue};
use dumbo_pg::client::{ExecOptions, PgClient, QueryOutcome};
use dumbo_pg::config::{self, PgConnectOptions};
use tokio::sync::OnceCell;

/// The admin URL, or `None` (after a notice) when tests should be skipped.
pub fn test_url() -> Option<String> {
    match std::env::var("DUMBO_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("DUMBO_TEST_PG_URL is not set");
            }
            eprintln!("notice: DUMBO_TEST_PG_URL is not set; skipping PostgreSQL tests");
            None
        }
    }
}

/// A fresh database `name` (dropped and recreated once per test binary).
pub async fn database(cell: &'static OnceCell<String>, name: &str) -> Option<PgConnectOptions> {
    let url = test_url()?;
    cell.get_or_init(|| async {
        let admin = config::parse(&url, None).expect("admin URL parses");
        let client = PgClient::connect(&admin, Some(Duration::from_secs(10)))
            .await
            .expect("admin connection");
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await
            .expect("drop test database");
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        url.clone()
    })
    .await;
    Some(config::parse(&url, Some(name)).expect("test URL parses"))
}

/// Options with a URL changed by `edit` (e.g. another port).
pub fn with_url(edit: impl FnOnce(&str) -> String) -> Option<PgConnectOptions> {
    let url = test_url()?;
    Some(config::parse(&edit(&url), None).expect("edited URL parses"))
}

pub async fn connect(opts: &PgConnectOptions) -> PgClient {
    PgClient::connect(opts, Some(Duration::from_secs(10)))
        .await
        .expect("connects")
}

pub async fn run(client: &PgClient, sql: &str) -> QueryOutcome {
    run_with(client, sql, &[]).await
}

pub async fn run_with(client: &PgClient, sql: &str, params: &[SqlValue]) -> QueryOutcome {
    match client.execute(sql, params, &ExecOptions::default()).await {
        Ok(outcome) => outcome,
        Err(e) => panic!("{sql} failed: {e}"),
    }
}

pub async fn fail(client: &PgClient, sql: &str, opts: &ExecOptions) -> Error {
    match client.execute(sql, &[], opts).await {
        Ok(_) => panic!("{sql} should fail"),
        Err(e) => e,
    }
}

/// The SQLSTATE (or transport code) and a named field of an error.
pub fn code(e: &Error) -> &str {
    e.driver.as_ref().map_or("", |d| d.code.as_str())
}

pub fn field<'a>(e: &'a Error, name: &str) -> Option<&'a str> {
    let driver = e.driver.as_ref()?;
    driver
        .fields
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

pub fn assert_kind(e: &Error, kind: ErrorKind, sqlstate: &str) {
    assert_eq!(e.kind, kind, "{e}");
    assert_eq!(code(e), sqlstate, "{e}");
}

/// A local TCP port that accepts connections and never answers; the listener
/// task keeps accepted sockets open for the life of the test runtime.
pub async fn silent_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    format!("postgresql://u:Hidden77@127.0.0.1:{}/db", addr.port())
}
