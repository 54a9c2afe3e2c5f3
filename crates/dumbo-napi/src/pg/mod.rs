//! The PostgreSQL driver's binding: `PgPool` (a shared deadpool pool), `PgConnection`
//! (one checked-out or direct client) and the free functions of `/postgresql`.
//!
//! Every call formats the `SQL` in Rust on the JS thread (object parameters go
//! through the pool's serializer there), then runs on napi's tokio runtime; rows
//! are encoded as JSON text off the JS thread and materialised with one
//! `JSON.parse` (rows.rs).

mod connection;
mod event_loop;
mod exec;
mod functions;
mod options;
mod pool;
mod settings;
#[cfg(unix)]
mod settle;
