//! Pools: exhaustion, closing, connect failures and shared pools.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{database, run};
use dumbo_core::ErrorKind;
use dumbo_pg::config::{self, PgConnectOptions};
use dumbo_pg::pool::{acquire_shared, close_all_shared, release_shared, PgPool, PoolOptions};
use tokio::sync::OnceCell;

static DB: OnceCell<String> = OnceCell::const_new();

async fn opts() -> Option<PgConnectOptions> {
    database(&DB, "dumbo_rs_pool").await
}

fn pool(opts: PgConnectOptions, max_size: usize, wait_ms: u64) -> PgPool {
    let settings = PoolOptions {
        max_size,
        wait_timeout: Some(Duration::from_millis(wait_ms)),
        ..PoolOptions::default()
    };
    PgPool::new(opts, settings).expect("pool")
}

#[tokio::test(flavor = "multi_thread")]
async fn exhausted_pool_fails_after_the_wait_timeout() {
    let Some(opts) = opts().await else { return };
    let pool = pool(opts, 1, 200);
    let held = pool.acquire().await.expect("first");
    run(&held, "SELECT 1").await;
    let started = Instant::now();
    let e = pool.acquire().await.err().expect("exhausted");
    let waited = started.elapsed();
    assert_eq!(e.kind, ErrorKind::Connection);
    assert_eq!(
        e.message,
        "Connection pool exhausted: no connection became free within 200 ms (max 1 connections)"
    );
    assert!(waited >= Duration::from_millis(150), "{waited:?}");
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    drop(held);
    let again = pool.acquire().await.expect("free again");
    run(&again, "SELECT 1").await;
    let status = pool.status();
    assert_eq!((status.size, status.max_size, status.available), (1, 1, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn pooled_connections_are_reused() {
    let Some(opts) = opts().await else { return };
    let pool = pool(opts, 2, 1000);
    let first = pool.acquire().await.expect("acquire");
    first
        .batch_execute("SET application_name = 'reused'")
        .await
        .expect("set");
    drop(first);
    let second = pool.acquire().await.expect("acquire");
    let out = run(&second, "SHOW application_name").await;
    assert_eq!(out.rows.json, r#"[{"application_name":"reused"}]"#);
    assert_eq!(pool.status().size, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn closed_pool_refuses_acquire() {
    let Some(opts) = opts().await else { return };
    let pool = pool(opts, 2, 1000);
    let client = pool.acquire().await.expect("acquire");
    pool.close();
    assert!(pool.is_closed());
    let e = pool.acquire().await.err().expect("closed");
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    assert_eq!(e.message, "Connection pool has been closed");
    drop(client);
    assert_eq!(pool.status().size, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn pool_connect_failures_are_connection_errors() {
    let opts = config::parse("postgresql://u:Secret42@127.0.0.1:1/db", None).expect("parses");
    let pool = pool(opts, 1, 1000);
    let e = pool.acquire().await.err().expect("refused");
    assert_eq!(e.kind, ErrorKind::Connection);
    assert_eq!(
        e.message,
        "Failed to connect to PostgreSQL at 127.0.0.1:1: connection refused"
    );
    assert!(!format!("{e:?}").contains("Secret42"));
}

#[tokio::test(flavor = "multi_thread")]
async fn pool_connect_timeout_bounds_a_silent_server() {
    let url = common::silent_server().await;
    let opts = config::parse(&url, None).expect("parses");
    let settings = PoolOptions {
        max_size: 1,
        wait_timeout: Some(Duration::from_millis(200)),
        connect_timeout: Some(Duration::from_millis(300)),
    };
    let pool = PgPool::new(opts, settings).expect("pool");
    let started = Instant::now();
    let e = pool.acquire().await.err().expect("timed out");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(e.kind, ErrorKind::Connection);
    assert_eq!(common::code(&e), "ETIMEDOUT");
    assert!(
        e.message.ends_with(": timed out after 300 ms"),
        "{}",
        e.message
    );
    assert_eq!(pool.status().size, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn pool_rejects_zero_size() {
    let opts = config::parse("postgresql://h/db", None).expect("parses");
    let settings = PoolOptions {
        max_size: 0,
        ..PoolOptions::default()
    };
    let e = PgPool::new(opts, settings).err().expect("rejected");
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
}

#[tokio::test(flavor = "multi_thread")]
async fn shared_pools_are_reference_counted() {
    let Some(opts) = opts().await else { return };
    let key = "dumbo_rs_pool|shared";
    let make = || PgPool::new(opts.clone(), PoolOptions::default());
    let first = acquire_shared(key, make).expect("first");
    let second = acquire_shared(key, || panic!("must reuse the pool")).expect("second");
    assert!(Arc::ptr_eq(&first, &second));
    run(&first.acquire().await.expect("acquire"), "SELECT 1").await;

    assert!(!release_shared(key, false), "one user left");
    assert!(!first.is_closed());
    assert!(release_shared(key, false), "last user closes");
    assert!(first.is_closed());
    assert!(!release_shared(key, false), "already gone");

    let third = acquire_shared(key, make).expect("recreated");
    assert!(!Arc::ptr_eq(&first, &third));
    acquire_shared(key, make).expect("second user");
    assert!(release_shared(key, true), "force closes at once");
    assert!(third.is_closed());

    let other = acquire_shared("dumbo_rs_pool|other", make).expect("other");
    close_all_shared();
    assert!(other.is_closed());
}
