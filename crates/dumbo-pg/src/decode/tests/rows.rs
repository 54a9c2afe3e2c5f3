//! Whole rows: NULL cells, simple-protocol text rows, arbitrary bytes.
use super::*;

#[test]
fn null_cells() {
    assert_eq!(row(&Type::INT4, None, &RAW).json, r#"[{"v":null}]"#);
    assert!(row(&Type::INT8, None, &RAW).specials.is_empty());
}

#[test]
fn text_rows() {
    let columns = vec!["a".to_owned(), "b".to_owned(), "a".to_owned()];
    let rows = vec![
        vec![Some("1".to_owned()), None, Some("x\"y".to_owned())],
        vec![Some("2".to_owned())],
    ];
    let out = text_rows_to_json(&columns, &rows);
    assert_eq!(
        out.json,
        r#"[{"a":"1","b":null,"a":"x\"y"},{"a":"2","b":null,"a":null}]"#
    );
    assert_eq!(out.row_count, 2);
    assert_eq!(out.columns, columns);
    assert!(out.specials.is_empty());
}

#[test]
fn random_bytes_never_panic() {
    let types = [
        Type::BOOL,
        Type::INT2,
        Type::INT4,
        Type::INT8,
        Type::OID,
        Type::FLOAT4,
        Type::FLOAT8,
        Type::NUMERIC,
        Type::CHAR,
        Type::JSON,
        Type::JSONB,
        Type::JSONPATH,
        Type::UUID,
        Type::TIMESTAMPTZ,
        Type::TIMESTAMP,
        Type::DATE,
        Type::TIME,
        Type::TIMETZ,
        Type::INTERVAL,
        Type::INET,
        Type::CIDR,
        Type::MACADDR,
        Type::MONEY,
        Type::BIT,
        Type::VARBIT,
        Type::PG_LSN,
        Type::TID,
        Type::POINT,
        Type::CIRCLE,
        Type::INT2_VECTOR,
        Type::INT4_RANGE,
        Type::NUM_RANGE,
        Type::DATE_RANGE,
        Type::INT4_ARRAY,
        Type::INT8_ARRAY,
        Type::NUMERIC_ARRAY,
        Type::TEXT_ARRAY,
        Type::INTERVAL_ARRAY,
        Type::TS_VECTOR,
    ];
    // A small deterministic generator (xorshift) over lengths 0..64.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 64) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        // Often make it look like an array/numeric header with small counts.
        if next() % 2 == 0 && bytes.len() >= 12 {
            bytes[..4].copy_from_slice(&((next() % 3) as i32).to_be_bytes());
        }
        for ty in &types {
            for opts in [RAW, SERIALIZED] {
                let _ = row(ty, Some(&bytes), &opts);
            }
        }
    }
}
