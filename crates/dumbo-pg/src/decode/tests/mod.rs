//! Unit tests for cell decoding, one file per type family; the helpers here
//! decode hex input and write one-cell rows.
use super::*;

use super::cell::Cell;
use dumbo_rows::SpecialValue;

mod array;
mod custom;
mod datetime;
mod kinds;
mod network;
mod range;
mod rows;
mod scalar;

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

const RAW: DecodeOptions = DecodeOptions { raw_json: true };
const SERIALIZED: DecodeOptions = DecodeOptions { raw_json: false };

fn cell(ty: &Type, h: &str) -> Cell {
    decode(ty, &hex(h), &RAW)
}

fn text(ty: &Type, h: &str) -> String {
    match cell(ty, h) {
        Cell::Text(s) => s,
        other => panic!("{ty}: expected text, got {other:?}"),
    }
}

/// One row with one column written through `write_cell`.
fn row(ty: &Type, raw: Option<&[u8]>, opts: &DecodeOptions) -> JsonRows {
    let mut w = JsonRowWriter::new(&["v"]);
    w.begin_row();
    write_cell(&mut w, ty, raw, opts);
    w.end_row();
    w.finish()
}

fn special(ty: &Type, raw: &[u8], opts: &DecodeOptions) -> SpecialValue {
    let rows = row(ty, Some(raw), opts);
    assert_eq!(rows.json, r#"[{"v":null}]"#);
    assert_eq!(rows.specials.len(), 1);
    rows.specials[0].value.clone()
}

fn json(ty: &Type, raw: &[u8], opts: &DecodeOptions) -> String {
    let rows = row(ty, Some(raw), opts);
    assert!(rows.specials.is_empty(), "{:?}", rows.specials);
    rows.json
}
