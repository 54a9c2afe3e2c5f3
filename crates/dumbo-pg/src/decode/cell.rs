//! The decoded value of one cell and how it is written: as JSON text or as a special.
use dumbo_core::json::write_json_string;
use dumbo_rows::{JsonRowWriter, SpecialValue};

/// A decoded value, before it is written as JSON or as a special.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    /// A number JSON carries exactly (`int2`, `int4`, `oid`).
    Int(i64),
    /// A float; non-finite ones need a special.
    Float(f64),
    Text(String),
    /// JSON text embedded verbatim.
    Json(String),
    Special(SpecialValue),
    Array(Vec<Cell>),
}

impl Cell {
    /// Whether JSON text carries the value exactly.
    fn is_json_exact(&self) -> bool {
        match self {
            Cell::Null | Cell::Bool(_) | Cell::Int(_) | Cell::Text(_) | Cell::Json(_) => true,
            Cell::Float(f) => f.is_finite(),
            Cell::Special(_) => false,
            Cell::Array(items) => items.iter().all(Cell::is_json_exact),
        }
    }

    /// JSON text of a value for which `is_json_exact` holds.
    fn write_json(&self, out: &mut String) {
        match self {
            Cell::Null => out.push_str("null"),
            Cell::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Cell::Int(i) => out.push_str(&i.to_string()),
            Cell::Float(f) if f.is_finite() => out.push_str(&format!("{f}")),
            Cell::Float(_) | Cell::Special(_) => out.push_str("null"),
            Cell::Text(s) => write_json_string(out, s),
            Cell::Json(s) => out.push_str(s),
            Cell::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
        }
    }

    /// The value as an element of a special array. Arrays are uniform, so the
    /// variants without a natural special (`Bool`, `Text`, `Json`) only appear here
    /// in arrays that need no special; they are passed as JSON text for completeness.
    pub(super) fn into_special(self) -> SpecialValue {
        match self {
            Cell::Null => SpecialValue::Null,
            Cell::Int(i) => SpecialValue::Float(i as f64),
            Cell::Float(f) => SpecialValue::Float(f),
            Cell::Special(s) => s,
            Cell::Array(items) => {
                SpecialValue::Array(items.into_iter().map(Cell::into_special).collect())
            }
            Cell::Bool(_) | Cell::Text(_) | Cell::Json(_) => {
                let mut text = String::new();
                self.write_json(&mut text);
                SpecialValue::Json(text)
            }
        }
    }
}

pub(super) fn write_decoded(w: &mut JsonRowWriter, cell: Cell) {
    match cell {
        Cell::Null => w.null(),
        Cell::Bool(b) => w.bool(b),
        Cell::Int(i) => w.integer(i),
        Cell::Float(f) => w.float(f),
        Cell::Text(s) => w.text(&s),
        Cell::Json(s) => w.raw_json(&s),
        Cell::Special(s) => w.special(s),
        array @ Cell::Array(_) => {
            if array.is_json_exact() {
                let mut text = String::new();
                array.write_json(&mut text);
                w.raw_json(&text);
            } else {
                w.special(array.into_special());
            }
        }
    }
}
