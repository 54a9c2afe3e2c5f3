//! Per-type dispatch: which decoder handles a column type, and the fallback for
//! values no decoder accepts.
use dumbo_rows::SpecialValue;
use postgres_types::Kind;
use tokio_postgres::types::Type;

use super::array::{decode_array, vector_text};
use super::bytes::{be, be_f64, be_i16, be_i32, be_i64, be_u32, be_u64};
use super::cell::Cell;
use super::datetime::{date_cell, interval_text, time_text, timestamp_cell, timetz_text};
use super::geometry::{circle_cell, point_cell};
use super::network::{inet_text, mac_text};
use super::range::range_text;
use super::scalar::{bit_text, char_text, float4_as_js, money_text, uuid_text};
use super::DecodeOptions;
use crate::numeric::numeric_to_string;

/// Decodes one non-null value; anything malformed falls back to [`fallback`].
pub(super) fn decode(ty: &Type, raw: &[u8], opts: &DecodeOptions) -> Cell {
    decode_known(ty, raw, opts).unwrap_or_else(|| fallback(raw))
}

fn text_of(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

fn json_cell(text: String, opts: &DecodeOptions) -> Cell {
    if opts.raw_json {
        Cell::Json(text)
    } else {
        Cell::Special(SpecialValue::Json(text))
    }
}

fn decode_known(ty: &Type, raw: &[u8], opts: &DecodeOptions) -> Option<Cell> {
    let cell = match *ty {
        Type::BOOL => match raw {
            [b] => Cell::Bool(*b != 0),
            _ => return None,
        },
        Type::INT2 => Cell::Int(i64::from(be_i16(raw)?)),
        Type::INT4 => Cell::Int(i64::from(be_i32(raw)?)),
        Type::OID => Cell::Int(i64::from(be_u32(raw)?)),
        Type::INT8 => Cell::Special(SpecialValue::BigInt(be_i64(raw)?)),
        Type::FLOAT4 => Cell::Float(float4_as_js(f32::from_be_bytes(be(raw)?))),
        Type::FLOAT8 => Cell::Float(be_f64(raw)?),
        Type::NUMERIC => Cell::Text(numeric_to_string(raw)?),
        Type::TEXT
        | Type::VARCHAR
        | Type::BPCHAR
        | Type::NAME
        | Type::UNKNOWN
        | Type::XML
        | Type::REFCURSOR => Cell::Text(text_of(raw)),
        Type::CHAR => Cell::Text(char_text(raw)?),
        Type::JSON => json_cell(String::from_utf8(raw.to_vec()).ok()?, opts),
        Type::JSONB => match raw.split_first() {
            Some((1, text)) => json_cell(String::from_utf8(text.to_vec()).ok()?, opts),
            _ => return None,
        },
        Type::JSONPATH => match raw.split_first() {
            Some((1, text)) => Cell::Text(text_of(text)),
            _ => return None,
        },
        Type::BYTEA => Cell::Special(SpecialValue::Blob(raw.to_vec())),
        Type::UUID => Cell::Text(uuid_text(raw)?),
        Type::TIMESTAMPTZ => timestamp_cell(be_i64(raw)?, SpecialValue::Date),
        Type::TIMESTAMP => timestamp_cell(be_i64(raw)?, SpecialValue::LocalDate),
        Type::DATE => date_cell(be_i32(raw)?),
        Type::TIME => Cell::Text(time_text(be_i64(raw)?)?),
        Type::TIMETZ => Cell::Text(timetz_text(raw)?),
        Type::INTERVAL => Cell::Text(interval_text(raw)?),
        Type::INET | Type::CIDR => Cell::Text(inet_text(raw, *ty == Type::CIDR)?),
        Type::MACADDR | Type::MACADDR8 => Cell::Text(mac_text(raw)?),
        Type::MONEY => Cell::Text(money_text(be_i64(raw)?)),
        Type::BIT | Type::VARBIT => Cell::Text(bit_text(raw)?),
        Type::PG_LSN => {
            let lsn = be_u64(raw)?;
            Cell::Text(format!("{:X}/{:X}", lsn >> 32, lsn & 0xFFFF_FFFF))
        }
        Type::TID => {
            let block = be_u32(raw.get(..4)?)?;
            let offset = be(raw.get(4..)?).map(u16::from_be_bytes)?;
            Cell::Text(format!("({block},{offset})"))
        }
        Type::XID | Type::CID => Cell::Text(be_u32(raw)?.to_string()),
        Type::XID8 => Cell::Text(be_u64(raw)?.to_string()),
        // The catalog name cannot be looked up here; the oid is the closest text.
        Type::REGPROC
        | Type::REGPROCEDURE
        | Type::REGOPER
        | Type::REGOPERATOR
        | Type::REGCLASS
        | Type::REGTYPE
        | Type::REGCONFIG
        | Type::REGDICTIONARY
        | Type::REGNAMESPACE
        | Type::REGROLE
        | Type::REGCOLLATION => Cell::Text(be_u32(raw)?.to_string()),
        Type::POINT => point_cell(raw)?,
        Type::CIRCLE => circle_cell(raw)?,
        Type::INT2_VECTOR => vector_text(raw, &Type::INT2, opts)?,
        Type::OID_VECTOR => vector_text(raw, &Type::OID, opts)?,
        _ => match ty.kind() {
            Kind::Array(element) => Cell::Array(decode_array(element, raw, opts)?),
            Kind::Domain(base) => decode_known(base, raw, opts)?,
            Kind::Enum(_) => Cell::Text(text_of(raw)),
            Kind::Range(subtype) => Cell::Text(range_text(subtype, raw)?),
            _ => return None,
        },
    };
    Some(cell)
}

/// A value of an undecoded type: its text when it looks like text (enums, citext and
/// other types whose binary form is their text), otherwise `\x` and hex.
fn fallback(raw: &[u8]) -> Cell {
    match std::str::from_utf8(raw) {
        Ok(s) if !s.chars().any(|c| c.is_control() && c != '\t' && c != '\n') => {
            Cell::Text(s.to_owned())
        }
        _ => Cell::Text(hex_text(raw)),
    }
}

fn hex_text(raw: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(raw.len() * 2 + 2);
    out.push_str("\\x");
    for b in raw {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}
