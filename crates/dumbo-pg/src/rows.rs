//! A statement's result rows as the server sent them, decoded only when the caller
//! reads them: the binding turns each cell straight into its JS value on the JS
//! thread ([`crate::decode::decode_cell`]), and [`ResultRows::to_json`] writes the
//! `dumbo_rows` JSON format for Rust callers.

use dumbo_rows::{JsonRowWriter, JsonRows};
use tokio_postgres::Row;

use crate::decode::{self, DecodeOptions};

/// Rows of one statement.
#[derive(Debug)]
pub enum ResultRows {
    /// Extended protocol: binary values; each row carries its column list.
    Binary(Vec<Row>),
    /// Simple protocol (multi-statement strings): text values.
    Text {
        columns: Vec<String>,
        rows: Vec<Vec<Option<String>>>,
    },
}

impl Default for ResultRows {
    fn default() -> Self {
        ResultRows::Binary(Vec::new())
    }
}

impl ResultRows {
    /// The rows in the JSON row format.
    pub fn to_json(&self, opts: &DecodeOptions) -> JsonRows {
        match self {
            ResultRows::Binary(rows) => match rows.first() {
                Some(first) => decode::rows_to_json(first.columns(), rows, opts),
                None => JsonRowWriter::new::<&str>(&[]).finish(),
            },
            ResultRows::Text { columns, rows } => decode::text_rows_to_json(columns, rows),
        }
    }
}
