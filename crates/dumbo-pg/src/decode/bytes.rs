//! Big-endian readers for the fixed-width parts of binary values.

pub(super) fn be<const N: usize>(raw: &[u8]) -> Option<[u8; N]> {
    raw.try_into().ok()
}

pub(super) fn be_i16(raw: &[u8]) -> Option<i16> {
    be(raw).map(i16::from_be_bytes)
}

pub(super) fn be_i32(raw: &[u8]) -> Option<i32> {
    be(raw).map(i32::from_be_bytes)
}

pub(super) fn be_u32(raw: &[u8]) -> Option<u32> {
    be(raw).map(u32::from_be_bytes)
}

pub(super) fn be_i64(raw: &[u8]) -> Option<i64> {
    be(raw).map(i64::from_be_bytes)
}

pub(super) fn be_u64(raw: &[u8]) -> Option<u64> {
    be(raw).map(u64::from_be_bytes)
}

pub(super) fn be_f64(raw: &[u8]) -> Option<f64> {
    be(raw).map(f64::from_be_bytes)
}

/// Reads a big-endian i32 at the cursor and advances it.
pub(super) fn take_i32(buf: &mut &[u8]) -> Option<i32> {
    let (head, rest) = buf.split_first_chunk::<4>()?;
    *buf = rest;
    Some(i32::from_be_bytes(*head))
}
