//! Dumbo's database-independent core: errors, values, result rows, the plugin
//! registry rules, connection-string detection, deferred loading and transaction
//! nesting. No database crate is reachable from here.
#![forbid(unsafe_code)]

pub mod error;
pub mod rows;
pub mod value;

pub use error::{DriverError, Error, ErrorKind, Result};
pub use rows::{JsonRowWriter, JsonRows, SpecialCell, SpecialValue};
pub use value::SqlValue;
