//! Dumbo's SQL template engine: tokenized SQL (the output of the JS `SQL` tag) turned
//! into a parametrized query for SQLite or PostgreSQL, a readable description of it
//! (the input to migration hashing), identifier quoting and JSON path helpers; schema
//! (DDL) tokens and the migration hash.
//!
//! Ports upstream `core/sql/**` and the dialect folders `storage/*/core/sql/**`.
#![forbid(unsafe_code)]

pub mod ddl;
mod describe;
mod dialect;
mod format;
mod fragment_text;
mod identifier;
pub mod json_path;
pub mod migration;
pub mod reserved;
mod token;
mod value_mapper;

pub use ddl::{ColumnDef, ColumnDefault, ColumnType, DdlToken, TableRef};
pub use describe::{describe, describe_with};
pub use dialect::{Dialect, Processors};
pub use format::{format, format_segments, FormatSegments, ParametrizedSql};
pub use fragment_text::{fragment_text, FragmentTokens, CHUNK_SEPARATOR};
pub use identifier::{quote_identifier, quote_identifier_with};
pub use token::{ArrayMode, Token, TokenizedSql, PARAM_MARKER};
pub use value_mapper::display_param;
