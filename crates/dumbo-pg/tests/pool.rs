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
    assert_eq!(out.json().json, r#"[{"application_name":"reused"}]"#);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn waiters_get_connections_in_the_order_they_asked() {
    let Some(opts) = opts().await else { return };
    let pool = Arc::new(pool(opts, 1, 10_000));
    let held = pool.acquire().await.expect("held");
    run(&held, "SELECT 1").await;
    // Tickets in call order, tasks spawned in reverse: the tickets decide.
    let tickets: Vec<_> = (0..32).map(|_| pool.ticket()).collect();
    let served = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for (i, ticket) in tickets.into_iter().enumerate().rev() {
        let pool = pool.clone();
        let served = served.clone();
        tasks.push(tokio::spawn(async move {
            let client = pool.acquire_after(ticket).await.expect("acquired");
            served.lock().expect("lock").push(i);
            run(&client, "SELECT 1").await;
        }));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(held);
    for task in tasks {
        task.await.expect("task");
    }
    let order = served.lock().expect("lock").clone();
    assert_eq!(order, (0..32).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread")]
async fn abort_cancels_running_statements_and_refuses_new_ones() {
    let Some(opts) = opts().await else { return };
    let pool = Arc::new(pool(opts, 2, 1000));
    let running = pool.acquire().await.expect("running");
    let idle_in_use = pool.acquire().await.expect("held");
    run(&idle_in_use, "BEGIN").await;
    assert_eq!(pool.checked_out(), 2);
    let started = Instant::now();
    let sleeping = tokio::spawn(async move {
        let e = running
            .execute(
                "SELECT pg_sleep(30)",
                &[],
                &dumbo_pg::client::ExecOptions::default(),
            )
            .await
            .expect_err("canceled");
        drop(running);
        e
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    pool.abort().await;
    let e = sleeping.await.expect("task");
    assert!(started.elapsed() < Duration::from_secs(10), "not aborted");
    assert_eq!(e.kind, ErrorKind::QueryCanceled);
    assert_eq!(
        e.message,
        "Statement canceled: the connection pool was closed with force"
    );
    let e = idle_in_use
        .batch_execute("SELECT 1")
        .await
        .expect_err("refused");
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    assert_eq!(e.message, "Connection pool has been closed");
    drop(idle_in_use);
    assert_eq!(pool.checked_out(), 0);
    assert_eq!(pool.status().size, 0, "connections closed when released");
    assert!(pool.acquire().await.is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn nul_in_sql_text_is_refused_before_sending_and_the_connection_stays_usable() {
    let Some(opts) = opts().await else { return };
    let pool = pool(opts, 1, 1000);
    let client = pool.acquire().await.expect("client");
    for sql in ["SELECT 'a\0b'", "SELECT 1 AS \"a\0b\""] {
        let e = client
            .execute(sql, &[], &dumbo_pg::client::ExecOptions::default())
            .await
            .expect_err("refused");
        assert_eq!(e.kind, ErrorKind::InvalidOperation, "{sql}");
        assert_eq!(e.message, "SQL text contains a NUL character");
    }
    let e = client
        .batch_execute("SELECT 'a\0b'")
        .await
        .expect_err("refused");
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    let out = run(&client, "SELECT 1 AS one").await;
    assert_eq!(out.json().json, r#"[{"one":1}]"#);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_dropped_inside_a_transaction_is_closed_not_pooled_again() {
    let Some(opts) = opts().await else { return };
    let pool = pool(opts, 1, 2000);
    run(
        &pool.acquire().await.expect("setup"),
        "CREATE TABLE IF NOT EXISTS poison (v text)",
    )
    .await;
    let first_pid = {
        let client = pool.acquire().await.expect("client");
        client.set_in_transaction(true);
        run(&client, "BEGIN").await;
        run(&client, "INSERT INTO poison VALUES ('uncommitted')").await;
        let out = run(&client, "SELECT pg_backend_pid() AS pid").await;
        out.json().json
        // dropped here without COMMIT or ROLLBACK
    };
    let next = pool.acquire().await.expect("next");
    let out = run(&next, "SELECT pg_backend_pid() AS pid").await;
    assert_ne!(
        out.json().json,
        first_pid,
        "the session in a transaction was pooled again"
    );
    let out = run(&next, "SELECT count(*)::int AS n FROM poison").await;
    assert_eq!(out.json().json, r#"[{"n":0}]"#);
    drop(next);
    // A transaction that ended cleanly keeps its connection pooled.
    let client = pool.acquire().await.expect("client");
    let pid = run(&client, "SELECT pg_backend_pid() AS pid")
        .await
        .json()
        .json;
    client.set_in_transaction(true);
    run(&client, "BEGIN").await;
    run(&client, "COMMIT").await;
    client.set_in_transaction(false);
    drop(client);
    let again = pool.acquire().await.expect("again");
    assert_eq!(
        run(&again, "SELECT pg_backend_pid() AS pid")
            .await
            .json()
            .json,
        pid
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_the_server_ended_is_never_handed_out_again() {
    let Some(opts) = opts().await else { return };
    let admin = common::connect(&opts).await;
    let pool = pool(opts, 1, 5000);
    for _ in 0..20 {
        let client = pool.acquire().await.expect("client");
        let pid = run(&client, "SELECT pg_backend_pid()::text AS pid")
            .await
            .json()
            .json;
        let pid: String = pid.chars().filter(char::is_ascii_digit).collect();
        run(&admin, &format!("SELECT pg_terminate_backend({pid})")).await;
        let e = client
            .execute("SELECT 1", &[], &dumbo_pg::client::ExecOptions::default())
            .await
            .expect_err("the session is gone");
        assert!(
            matches!(e.kind, ErrorKind::AdminShutdown | ErrorKind::Connection),
            "{e:?}"
        );
        drop(client);
        // At once: the next caller gets a working session, never the dead one.
        let next = pool.acquire().await.expect("next");
        run(&next, "SELECT 1").await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_discarded_live_session_keeps_its_slot_until_the_server_ended_it() {
    let Some(opts) = opts().await else { return };
    let admin = common::connect(&opts).await;
    let pool = pool(opts, 1, 5000);
    for _ in 0..10 {
        let client = pool.acquire().await.expect("client");
        run(&client, "SET application_name = 'discarded_slot'").await;
        client.discard();
        // The replacement opens only once the discarded session is gone.
        let next = pool.acquire().await.expect("next");
        let out = run(
            &admin,
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'discarded_slot'",
        )
        .await;
        assert_eq!(out.json().json, r#"[{"n":0}]"#);
        drop(next);
    }
}
