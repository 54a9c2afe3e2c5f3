//! Dumbo's database-independent core: errors, values, JSON text, the plugin
//! registry rules, connection-string detection and deferred loading.
//! No database crate is reachable from here.
#![forbid(unsafe_code)]

pub mod connection_string;
pub mod deferred;
pub mod error;
pub mod json;
pub mod registry;
pub mod value;

pub use error::{DriverError, Error, ErrorKind, Result};
pub use value::SqlValue;
