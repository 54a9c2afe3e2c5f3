//! Range types, printed as node-postgres returns them.
use tokio_postgres::types::Type;

use super::bytes::{be_i32, be_i64, take_i32};
use super::datetime::date_text;
use crate::numeric::numeric_to_string;

/// PostgreSQL's text output of a range bound's subtype, for the subtypes whose text
/// does not depend on session settings (date assumes the default ISO DateStyle).
fn subtype_text(subtype: &Type, raw: &[u8]) -> Option<String> {
    match *subtype {
        Type::INT4 => Some(be_i32(raw)?.to_string()),
        Type::INT8 => Some(be_i64(raw)?.to_string()),
        Type::NUMERIC => numeric_to_string(raw),
        Type::DATE => Some(date_text(be_i32(raw)?)),
        _ => None,
    }
}

const RANGE_EMPTY: u8 = 0x01;
const RANGE_LB_INC: u8 = 0x02;
const RANGE_UB_INC: u8 = 0x04;
const RANGE_LB_INF: u8 = 0x08;
const RANGE_UB_INF: u8 = 0x10;

/// A range's text (`[1,10)`, `empty`, `(,5)`), as node-postgres returns it.
pub(super) fn range_text(subtype: &Type, raw: &[u8]) -> Option<String> {
    let (&flags, mut buf) = raw.split_first()?;
    if flags & RANGE_EMPTY != 0 {
        return buf.is_empty().then(|| "empty".to_owned());
    }
    let mut bound = |infinite: bool| -> Option<String> {
        if infinite {
            return Some(String::new());
        }
        let len = usize::try_from(take_i32(&mut buf)?).ok()?;
        let bytes = buf.get(..len)?;
        buf = &buf[len..];
        Some(quote_range_bound(&subtype_text(subtype, bytes)?))
    };
    let lower = bound(flags & RANGE_LB_INF != 0)?;
    let upper = bound(flags & RANGE_UB_INF != 0)?;
    if !buf.is_empty() {
        return None;
    }
    Some(format!(
        "{}{lower},{upper}{}",
        if flags & RANGE_LB_INC != 0 { '[' } else { '(' },
        if flags & RANGE_UB_INC != 0 { ']' } else { ')' },
    ))
}

/// Double-quotes a bound that is empty or contains range syntax or whitespace.
pub(super) fn quote_range_bound(text: &str) -> String {
    let needs_quotes = text.is_empty()
        || text.chars().any(|c| {
            matches!(c, '"' | '\\' | '(' | ')' | '[' | ']' | ',') || c.is_ascii_whitespace()
        });
    if !needs_quotes {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push(c);
        }
        out.push(c);
    }
    out.push('"');
    out
}
