//! The query text of SQL whose tokens are only bound parameters and identifiers (SQL
//! built from call sites and `SQL.merge`): what [`crate::format`] writes for it, from
//! the chunks alone. The values never cross: JS hands the driver its own flat array.
//!
//! The chunks arrive as one string joined with [`CHUNK_SEPARATOR`]: a statement merged
//! from thousands of fragments has tens of thousands of chunks, and reading them one
//! by one through Node-API costs more than formatting them.

use crate::dialect::Dialect;
use crate::identifier::quote_identifier;
use crate::token::PARAM_MARKER;

/// Joins the chunks handed to [`fragment_text`]. A chunk that holds it splits into
/// more pieces than the caller counted, and the text is refused.
pub const CHUNK_SEPARATOR: char = '\0';

/// The tokens of the statement, in order: `count` of them, the ones at the positions
/// in `identifier_at` (ascending) being identifiers named by `identifier_names`, every
/// other one a bound parameter.
#[derive(Debug, Clone, Copy)]
pub struct FragmentTokens<'a> {
    pub count: usize,
    pub identifier_at: &'a [u32],
    pub identifier_names: &'a [String],
}

/// The text for `chunk_count` chunks joined with [`CHUNK_SEPARATOR`]: each parameter
/// marker becomes the next placeholder, or the quoted identifier at that position.
/// `None` when the pieces, markers and tokens do not match one for one (the caller
/// then formats the whole SQL, which reports what is wrong).
pub fn fragment_text(
    joined: &str,
    chunk_count: usize,
    tokens: FragmentTokens<'_>,
    dialect: Dialect,
) -> Option<String> {
    if tokens.identifier_at.len() != tokens.identifier_names.len() {
        return None;
    }
    if chunk_count == 0 {
        return (joined.is_empty() && tokens.count == 0).then(String::new);
    }
    let mut text = String::with_capacity(joined.len() + tokens.count * 3);
    let mut pieces = 0usize;
    let mut token = 0usize;
    let mut params = 0usize;
    let mut identifiers = tokens
        .identifier_at
        .iter()
        .zip(tokens.identifier_names)
        .peekable();
    for piece in joined.split(CHUNK_SEPARATOR) {
        pieces += 1;
        if piece != PARAM_MARKER {
            text.push_str(piece);
            continue;
        }
        if token == tokens.count {
            return None;
        }
        match identifiers.peek() {
            Some((at, name)) if **at as usize == token => {
                text.push_str(&quote_identifier(name, dialect));
                identifiers.next();
            }
            _ => {
                dialect.push_placeholder(&mut text, params);
                params += 1;
            }
        }
        token += 1;
    }
    (pieces == chunk_count && token == tokens.count && identifiers.next().is_none()).then_some(text)
}

#[cfg(test)]
mod tests {
    use dumbo_core::SqlValue;

    use super::*;
    use crate::{format, Processors, Token, TokenizedSql};

    fn joined(sql: &TokenizedSql) -> String {
        sql.chunks.join(&CHUNK_SEPARATOR.to_string())
    }

    fn literals(count: usize) -> FragmentTokens<'static> {
        FragmentTokens {
            count,
            identifier_at: &[],
            identifier_names: &[],
        }
    }

    fn insert() -> TokenizedSql {
        let mut sql = TokenizedSql::default();
        sql.push_sql("INSERT INTO ")
            .push_token(Token::Identifier("Users".into()))
            .push_sql(" VALUES (")
            .push_token(Token::Literal(SqlValue::Integer(1)))
            .push_sql(", ")
            .push_token(Token::Literal(SqlValue::Text("a".into())))
            .push_sql("), (")
            .push_token(Token::Literal(SqlValue::Integer(2)))
            .push_sql(", ")
            .push_token(Token::Identifier("select".into()))
            .push_sql(")");
        sql
    }

    #[test]
    fn matches_format_for_parameters_and_identifiers() {
        let sql = insert();
        let names = ["Users".to_owned(), "select".to_owned()];
        let tokens = FragmentTokens {
            count: 5,
            identifier_at: &[0, 4],
            identifier_names: &names,
        };
        for dialect in [Dialect::PostgreSQL, Dialect::SQLite] {
            let formatted = format(&sql, dialect, Processors::Dialect).unwrap();
            let text = fragment_text(&joined(&sql), sql.chunks.len(), tokens, dialect);
            assert_eq!(text.as_deref(), Some(formatted.query.as_str()));
        }
        assert_eq!(
            fragment_text(&joined(&sql), sql.chunks.len(), tokens, Dialect::PostgreSQL).unwrap(),
            r#"INSERT INTO "Users" VALUES ($1, $2), ($3, "select")"#
        );
    }

    #[test]
    fn numbers_only_parameters() {
        let sql = insert();
        let text = fragment_text(
            &joined(&sql),
            sql.chunks.len(),
            literals(5),
            Dialect::PostgreSQL,
        );
        assert_eq!(
            text.as_deref(),
            Some("INSERT INTO $1 VALUES ($2, $3), ($4, $5)")
        );
    }

    #[test]
    fn refuses_what_does_not_match() {
        let sql = insert();
        let j = joined(&sql);
        let n = sql.chunks.len();
        let d = Dialect::SQLite;
        assert_eq!(fragment_text(&j, n, literals(4), d), None);
        assert_eq!(fragment_text(&j, n, literals(6), d), None);
        // A separator inside a chunk: more pieces than chunks.
        assert_eq!(fragment_text(&j, n - 1, literals(5), d), None);
        let names = ["x".to_owned()];
        let past_the_end = FragmentTokens {
            count: 5,
            identifier_at: &[5],
            identifier_names: &names,
        };
        assert_eq!(fragment_text(&j, n, past_the_end, d), None);
        let unnamed = FragmentTokens {
            count: 5,
            identifier_at: &[0],
            identifier_names: &[],
        };
        assert_eq!(fragment_text(&j, n, unnamed, d), None);
        assert_eq!(fragment_text("", 0, literals(0), d), Some(String::new()));
        assert_eq!(fragment_text("", 1, literals(0), d), Some(String::new()));
        assert_eq!(fragment_text("", 0, literals(1), d), None);
    }
}
