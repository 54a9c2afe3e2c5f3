//! Result rows: binary cell values decoded into `JsonRows` (STUB: helper B).
use dumbo_core::{JsonRowWriter, JsonRows};
use tokio_postgres::types::Type;
use tokio_postgres::{Column, Row};

/// How rows are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// `json`/`jsonb` text is embedded as-is (the default serializer); otherwise it is
    /// passed as `SpecialValue::Json` for the pool's serializer to deserialize.
    pub raw_json: bool,
}

/// Writes one cell (`raw` is the binary value, `None` for NULL).
pub fn write_cell(_w: &mut JsonRowWriter, _ty: &Type, _raw: Option<&[u8]>, _opts: &DecodeOptions) {
    todo!("helper B")
}

/// All rows of one statement result, columns in order.
pub fn rows_to_json(_columns: &[Column], _rows: &[Row], _opts: &DecodeOptions) -> JsonRows {
    todo!("helper B")
}

/// Rows from the simple query protocol (text values; multi-statement strings).
pub fn text_rows_to_json(_columns: &[String], _rows: &[Vec<Option<String>>]) -> JsonRows {
    todo!("helper B")
}
