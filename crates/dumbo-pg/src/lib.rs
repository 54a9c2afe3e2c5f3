//! The PostgreSQL driver: tokio-postgres connections, deadpool pools, text-format
//! parameters, and result rows with the decoding of their binary cells.
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
pub mod rows;
pub mod session_attrs;
pub mod tls;
pub mod transaction;
