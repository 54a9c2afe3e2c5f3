//! The napi binding: the only crate with `#[napi]`. It exposes the plugin registry,
//! the deferred pool layers, the SQL formatter and the SQLite and PostgreSQL drivers to JavaScript.

// `#[napi]` registrations are compiled out of `cfg(test)` builds (clippy --all-targets),
// which would otherwise flag every exported function as unused.
#![cfg_attr(test, allow(dead_code))]

mod ddl_input;
mod deferred;
mod driver_selection;
mod errors;
mod format;
mod interop;
mod js;
mod js_callback;
mod migrations;
mod pg;
mod processors;
mod registry;
mod rules;
mod sql_input;
mod sqlite;
mod sqlite_calls;
mod sqlite_database;
mod sqlite_rows;
mod values;
