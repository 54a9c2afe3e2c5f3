//! Which columns JS finishes (`ColumnKind`), and the cells `decode_cell` borrows.
use super::*;
use postgres_types::Kind;

fn domain(base: Type) -> Type {
    Type::new("d".into(), 0, Kind::Domain(base), "public".into())
}

#[test]
fn timestamptz_columns_are_dates_and_json_columns_and_their_arrays_are_json() {
    assert_eq!(column_kind(&Type::TIMESTAMPTZ), ColumnKind::Date);
    assert_eq!(column_kind(&domain(Type::TIMESTAMPTZ)), ColumnKind::Date);
    for ty in [Type::JSON, Type::JSONB, Type::JSON_ARRAY, Type::JSONB_ARRAY] {
        assert_eq!(column_kind(&ty), ColumnKind::Json, "{ty}");
    }
    assert_eq!(column_kind(&domain(Type::JSONB)), ColumnKind::Json);
    // Arrays of timestamps are built natively, element by element.
    for ty in [
        Type::TIMESTAMPTZ_ARRAY,
        Type::TIMESTAMP,
        Type::DATE,
        Type::TEXT,
        Type::INT8,
        Type::TEXT_ARRAY,
    ] {
        assert_eq!(column_kind(&ty), ColumnKind::Plain, "{ty}");
    }
}

#[test]
fn decode_cell_borrows_text_and_raw_json_and_decodes_the_rest() {
    assert_eq!(decode_cell(&Type::TEXT, None, &RAW), CellValue::Null);
    assert_eq!(
        decode_cell(&Type::TEXT, Some(b"abc"), &RAW),
        CellValue::Text("abc")
    );
    assert_eq!(
        decode_cell(&Type::JSONB, Some(b"\x01{\"a\":1}"), &RAW),
        CellValue::Json("{\"a\":1}")
    );
    assert_eq!(
        decode_cell(&Type::JSONB, Some(b"\x01{\"a\":1}"), &SERIALIZED),
        CellValue::Decoded(Cell::Special(SpecialValue::Json("{\"a\":1}".into())))
    );
    assert_eq!(
        decode_cell(&Type::INT4, Some(&hex("0000002a")), &RAW),
        CellValue::Decoded(Cell::Int(42))
    );
}
