//! Geometric types with a pg-types object form: `point`, `circle`.
use super::bytes::be_f64;
use super::cell::Cell;

/// `point` as pg-types parses it: `{"x":…,"y":…}`.
pub(super) fn point_cell(raw: &[u8]) -> Option<Cell> {
    let x = be_f64(raw.get(..8)?)?;
    let y = be_f64(raw.get(8..)?)?;
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    Some(Cell::Json(format!("{{\"x\":{x},\"y\":{y}}}")))
}

/// `circle` as pg-types parses it: `{"x":…,"y":…,"radius":…}`.
pub(super) fn circle_cell(raw: &[u8]) -> Option<Cell> {
    let x = be_f64(raw.get(..8)?)?;
    let y = be_f64(raw.get(8..16)?)?;
    let radius = be_f64(raw.get(16..)?)?;
    if !x.is_finite() || !y.is_finite() || !radius.is_finite() {
        return None;
    }
    Some(Cell::Json(format!(
        "{{\"x\":{x},\"y\":{y},\"radius\":{radius}}}"
    )))
}
