//! The PostgreSQL driver's binding: `PgPool` (a shared deadpool pool), `PgConnection`
//! (one checked-out or direct client) and the free functions of `/postgresql`.
//!
//! Every call formats the `SQL` in Rust on the JS thread (object parameters go
//! through the pool's serializer there), then runs on the JS thread's event loop
//! (event_loop.rs) or, where there is none to use, on napi's tokio runtime; a
//! result's cells are decoded into JS values on the JS thread (rows.rs).

mod connection;
mod event_loop;
mod exec;
mod functions;
mod options;
mod pool;
mod rows;
mod settings;
#[cfg(unix)]
mod settle;
