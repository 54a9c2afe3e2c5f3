//! The PostgreSQL driver: tokio-postgres connections, deadpool pools, text-format
//! parameters and binary result decoding into `dumbo_rows::JsonRows`.
//! No napi here: the binding crate drives these async functions on its runtime.
#![forbid(unsafe_code)]

pub mod client;
pub mod config;
pub mod decode;
pub mod encode;
pub mod errors;
mod io_error;
mod numeric;
pub mod pool;
pub mod session_attrs;
pub mod tls;
pub mod transaction;
