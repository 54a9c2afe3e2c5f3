//! Dumbo's SQLite driver core: connection strings, pragmas, a connection over
//! rusqlite (bundled SQLite), parameter binding, row reading, transaction SQL and
//! error mapping. Ports `storage/sqlite/**` of upstream `@event-driven-io/dumbo`.
#![forbid(unsafe_code)]

mod bind;
pub mod connection;
pub mod connection_string;
pub mod errors;
mod kept;
pub mod pragmas;
pub mod read;
pub mod transaction;

pub use connection::{CommandOutcome, CommandResult, OpenOptions, SqliteConnection};
pub use errors::map_sqlite_error;
pub use pragmas::PragmaOptions;
pub use read::{Cell, ColumnNames, RowSink};
