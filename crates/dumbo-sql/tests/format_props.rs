//! Property tests of the SQL formatter (reliability, docs/reliability.md): any
//! tokenized SQL, well-formed or not, with hostile text anywhere, formats or
//! describes to a result or an error, never a panic; and what it produces keeps
//! every value out of the SQL text.
//!
//! proptest runs 256 cases per property by default (`PROPTEST_CASES` raises it).

use dumbo_core::SqlValue;
use dumbo_sql::{
    describe_with, format, quote_identifier, ArrayMode, Dialect, Processors, Token, TokenizedSql,
    PARAM_MARKER,
};
use proptest::prelude::*;

/// Text that is hard on SQL: quotes, backslashes, placeholders, comments, `;`,
/// NUL, non-ASCII and control characters, plus arbitrary strings.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "'",
        "''",
        "\"",
        "\\",
        "\\'",
        "$1",
        "$2",
        "?",
        "?1",
        ":name",
        "@p",
        "--",
        "/*",
        "*/",
        ";",
        "\0",
        "DROP TABLE canary",
        "é",
        "😀",
        "\u{202e}",
        "\r\n",
        "\t",
        " ",
        "a",
        "Z",
        "_",
        "$$",
        "E'",
        "U&'",
        "\\x00",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat()),
        any::<String>(),
        "[a-z_][a-z0-9_$]{0,10}",
    ]
}

fn value() -> impl Strategy<Value = SqlValue> {
    let leaf = prop_oneof![
        Just(SqlValue::Null),
        any::<bool>().prop_map(SqlValue::Bool),
        any::<i64>().prop_map(SqlValue::Integer),
        any::<f64>().prop_map(SqlValue::Float),
        any::<i128>().prop_map(SqlValue::BigInt),
        hostile_text().prop_map(SqlValue::Text),
        prop::collection::vec(any::<u8>(), 0..16).prop_map(SqlValue::Blob),
        any::<f64>().prop_map(SqlValue::Date),
        hostile_text().prop_map(SqlValue::Json),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(SqlValue::Array)
    })
}

fn mode() -> impl Strategy<Value = Option<ArrayMode>> {
    prop_oneof![
        Just(None),
        Just(Some(ArrayMode::Params)),
        Just(Some(ArrayMode::Native))
    ]
}

fn token() -> impl Strategy<Value = Token> {
    prop_oneof![
        value().prop_map(Token::Literal),
        hostile_text().prop_map(Token::Identifier),
        hostile_text().prop_map(Token::Plain),
        (prop::collection::vec(value(), 0..5), mode())
            .prop_map(|(values, mode)| Token::Array { values, mode }),
        (hostile_text(), prop::collection::vec(value(), 0..5), mode()).prop_map(
            |(column, values, mode)| Token::In {
                column,
                values,
                mode
            }
        ),
    ]
}

/// Chunks and tokens, with as many markers as tokens or (sometimes) not.
fn tokenized() -> impl Strategy<Value = TokenizedSql> {
    (
        prop::collection::vec(
            prop_oneof![3 => hostile_text(), 2 => Just(PARAM_MARKER.to_owned())],
            0..10,
        ),
        prop::collection::vec(token(), 0..6),
        any::<bool>(),
    )
        .prop_map(|(mut chunks, tokens, matched)| {
            if matched {
                // Exactly one marker per token, between text chunks.
                chunks.retain(|c| c != PARAM_MARKER);
                let mut out = Vec::new();
                for i in 0..tokens.len() {
                    out.push(chunks.get(i).cloned().unwrap_or_default());
                    out.push(PARAM_MARKER.to_owned());
                }
                out.push(chunks.last().cloned().unwrap_or_default());
                chunks = out;
            }
            TokenizedSql { chunks, tokens }
        })
}

const DIALECTS: [Dialect; 2] = [Dialect::SQLite, Dialect::PostgreSQL];
const PROCESSORS: [Processors; 2] = [Processors::Default, Processors::Dialect];

/// Reverses `quote_identifier`: a bare name, or `"…"` with `""` for `"`.
fn unquote(quoted: &str) -> Option<String> {
    let Some(inner) = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')) else {
        return Some(quoted.to_owned());
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' && chars.next() != Some('"') {
            return None; // a lone quote would end the identifier early
        }
        out.push(c);
    }
    Some(out)
}

proptest! {
    #[test]
    fn format_and_describe_never_panic(sql in tokenized()) {
        for dialect in DIALECTS {
            for processors in PROCESSORS {
                let _ = format(&sql, dialect, processors);
                let _ = describe_with(&sql, dialect, processors);
            }
        }
    }

    #[test]
    fn well_formed_sql_formats_and_values_only_travel_as_parameters(
        text in prop::collection::vec(hostile_text(), 2..3),
        values in prop::collection::vec(value(), 1..4),
    ) {
        // text0 $1 text1 $2 ... : literals only, so every value is a parameter.
        let mut chunks = Vec::new();
        for _ in &values {
            chunks.push(text[0].clone());
            chunks.push(PARAM_MARKER.to_owned());
        }
        chunks.push(text[1].clone());
        let sql = TokenizedSql { chunks, tokens: values.iter().cloned().map(Token::Literal).collect() };
        for dialect in DIALECTS {
            let out = format(&sql, dialect, Processors::Dialect).expect("well-formed SQL formats");
            prop_assert_eq!(&out.params, &values);
            let expected_text: String = match dialect {
                Dialect::SQLite => values.iter().map(|_| format!("{}?", text[0])).collect::<String>() + &text[1],
                Dialect::PostgreSQL => values
                    .iter()
                    .enumerate()
                    .map(|(i, _)| format!("{}${}", text[0], i + 1))
                    .collect::<String>() + &text[1],
            };
            prop_assert_eq!(out.query, expected_text);
        }
    }

    #[test]
    fn identifiers_are_quoted_so_that_they_read_back_exactly(name in hostile_text()) {
        for dialect in DIALECTS {
            let quoted = quote_identifier(&name, dialect);
            prop_assert_eq!(unquote(&quoted), Some(name.clone()), "{}", quoted);
        }
    }
}
