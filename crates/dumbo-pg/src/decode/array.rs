//! The binary array format: arrays, and `int2vector`/`oidvector` that share it.
use tokio_postgres::types::Type;

use super::bytes::take_i32;
use super::cell::Cell;
use super::dispatch::decode;
use super::DecodeOptions;

/// `int2vector`/`oidvector`: sent in the array format, printed space-separated.
pub(super) fn vector_text(raw: &[u8], element: &Type, opts: &DecodeOptions) -> Option<Cell> {
    let items = decode_array(element, raw, opts)?;
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Cell::Int(i) => parts.push(i.to_string()),
            _ => return None,
        }
    }
    Some(Cell::Text(parts.join(" ")))
}

/// PostgreSQL's limit on array dimensions.
const MAX_ARRAY_DIMS: usize = 6;

/// The binary array format: ndim, has-null flag, element oid, (length, lower bound)
/// per dimension, then each element as a length (−1 for NULL) and its bytes.
/// Multi-dimensional arrays become nested arrays; lower bounds are ignored.
pub(super) fn decode_array(element: &Type, raw: &[u8], opts: &DecodeOptions) -> Option<Vec<Cell>> {
    let mut buf = raw;
    let ndim = usize::try_from(take_i32(&mut buf)?).ok()?;
    let _has_null = take_i32(&mut buf)?;
    let _element_oid = take_i32(&mut buf)?;
    if ndim > MAX_ARRAY_DIMS {
        return None;
    }
    let mut dims = Vec::with_capacity(ndim);
    for _ in 0..ndim {
        dims.push(usize::try_from(take_i32(&mut buf)?).ok()?);
        let _lower_bound = take_i32(&mut buf)?;
    }
    if ndim == 0 {
        return buf.is_empty().then(Vec::new);
    }
    let total = dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d))?;
    // Every element takes at least its four length bytes.
    if total > buf.len() / 4 {
        return None;
    }
    let mut flat = Vec::with_capacity(total);
    for _ in 0..total {
        let len = take_i32(&mut buf)?;
        if len == -1 {
            flat.push(Cell::Null);
            continue;
        }
        let len = usize::try_from(len).ok()?;
        let bytes = buf.get(..len)?;
        buf = &buf[len..];
        flat.push(decode(element, bytes, opts));
    }
    if !buf.is_empty() {
        return None;
    }
    let mut items = flat.into_iter();
    Some(nest(&mut items, &dims))
}

/// Groups a flat row-major element list into nested arrays of the given dimensions.
fn nest(items: &mut std::vec::IntoIter<Cell>, dims: &[usize]) -> Vec<Cell> {
    match dims {
        [] => Vec::new(),
        [len] => items.take(*len).collect(),
        [len, rest @ ..] => (0..*len).map(|_| Cell::Array(nest(items, rest))).collect(),
    }
}
