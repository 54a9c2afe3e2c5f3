//! Tokenized SQL: the shapes of upstream's `TokenizedSQL` and `SQLToken`, plus
//! `SQL.merge` / `SQL.check.isEmpty`.
//!
//! The JS `SQL` tag builds these values; Rust code may also build them with the small
//! helpers below.

use dumbo_core::SqlValue;

use crate::ddl::DdlToken;

/// The chunk that stands for "take the next token" (`TokenizedSQL.paramPlaceholder`).
pub const PARAM_MARKER: &str = "__P__";

/// How an array (or `SQL.in`) is bound (`SQLArrayMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayMode {
    /// One placeholder per element (`'params'`).
    Params,
    /// One placeholder holding the whole array where the dialect supports it (`'native'`).
    Native,
}

impl ArrayMode {
    /// The upstream spelling: `"params"` or `"native"`.
    pub fn name(self) -> &'static str {
        match self {
            ArrayMode::Params => "params",
            ArrayMode::Native => "native",
        }
    }

    /// Parses the upstream spelling.
    pub fn from_name(s: &str) -> Option<ArrayMode> {
        match s {
            "params" => Some(ArrayMode::Params),
            "native" => Some(ArrayMode::Native),
            _ => None,
        }
    }
}

/// One interpolated value of a tokenized SQL statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// `SQLLiteral`: a bound parameter.
    Literal(SqlValue),
    /// `SQLIdentifier`: inlined, quoted when needed.
    Identifier(String),
    /// `SQLPlain` (`SQL.plain` / `SQL.literal`): trusted raw text, inlined verbatim.
    Plain(String),
    /// `SQLArray`: expanded to one placeholder per element, or bound as one array.
    Array {
        values: Vec<SqlValue>,
        mode: Option<ArrayMode>,
    },
    /// `SQLIn` (`SQL.in(column, values)`).
    In {
        column: String,
        values: Vec<SqlValue>,
        mode: Option<ArrayMode>,
    },
    /// A schema token (table/index reference, column, ...): trusted SQL text per dialect.
    Ddl(Box<DdlToken>),
}

/// `TokenizedSQL`: text chunks; each chunk equal to [`PARAM_MARKER`] consumes the next token.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TokenizedSql {
    pub chunks: Vec<String>,
    pub tokens: Vec<Token>,
}

/// JS `String.prototype.trim` whitespace (WhiteSpace + LineTerminator).
fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{a}' | '\u{b}' | '\u{c}' | '\u{d}' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

impl TokenizedSql {
    /// `TokenizedSQL.empty` / `SQL.EMPTY`: one empty chunk, no tokens.
    pub fn empty() -> TokenizedSql {
        TokenizedSql {
            chunks: vec![String::new()],
            tokens: Vec::new(),
        }
    }

    /// Trusted text with no parameters (like ``RawSQL`...` `` with nothing interpolated).
    pub fn raw(text: impl Into<String>) -> TokenizedSql {
        TokenizedSql {
            chunks: vec![text.into()],
            tokens: Vec::new(),
        }
    }

    /// Appends literal SQL text (empty text is dropped, like the tag does).
    pub fn push_sql(&mut self, text: &str) -> &mut Self {
        if !text.is_empty() {
            self.chunks.push(text.to_owned());
        }
        self
    }

    /// Appends an interpolated token: a marker chunk plus the token.
    /// A [`Token::Plain`] is inlined as text instead, like the tag does.
    pub fn push_token(&mut self, token: Token) -> &mut Self {
        match token {
            Token::Plain(text) => {
                self.chunks.push(text);
            }
            other => {
                self.chunks.push(PARAM_MARKER.to_owned());
                self.tokens.push(other);
            }
        }
        self
    }

    /// Splices a nested statement in (its parameters join this one's sequence).
    pub fn append(&mut self, other: &TokenizedSql) -> &mut Self {
        self.chunks.extend(other.chunks.iter().cloned());
        self.tokens.extend(other.tokens.iter().cloned());
        self
    }

    /// `SQL.check.isEmpty`: every chunk is whitespace and there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
            && self
                .chunks
                .iter()
                .all(|c| c.trim_matches(is_js_whitespace).is_empty())
    }

    /// `SQL.merge(sqls, separator)`: drops empty fragments, joins the rest with
    /// `separator` (as its own chunk) and concatenates their tokens. Returns
    /// [`TokenizedSql::empty`] when nothing is left.
    pub fn merge(parts: &[TokenizedSql], separator: &str) -> TokenizedSql {
        let kept: Vec<&TokenizedSql> = parts.iter().filter(|p| !p.is_empty()).collect();
        let mut chunks = Vec::new();
        let mut tokens = Vec::new();
        for (i, part) in kept.iter().enumerate() {
            chunks.extend(part.chunks.iter().cloned());
            if i + 1 < kept.len() && !separator.is_empty() {
                chunks.push(separator.to_owned());
            }
            tokens.extend(part.tokens.iter().cloned());
        }
        if chunks.is_empty() {
            return TokenizedSql::empty();
        }
        TokenizedSql { chunks, tokens }
    }

    /// `SQL.concat(...sqls)`: [`TokenizedSql::merge`] with no separator.
    pub fn concat(parts: &[TokenizedSql]) -> TokenizedSql {
        TokenizedSql::merge(parts, "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sql(chunks: &[&str], tokens: Vec<Token>) -> TokenizedSql {
        TokenizedSql {
            chunks: chunks.iter().map(|c| c.to_string()).collect(),
            tokens,
        }
    }

    #[test]
    fn array_mode_names_round_trip() {
        for m in [ArrayMode::Params, ArrayMode::Native] {
            assert_eq!(ArrayMode::from_name(m.name()), Some(m));
        }
        assert_eq!(ArrayMode::from_name("Params"), None);
    }

    #[test]
    fn is_empty_matches_upstream() {
        assert!(TokenizedSql::empty().is_empty());
        assert!(TokenizedSql::default().is_empty());
        assert!(sql(&["   "], vec![]).is_empty());
        assert!(sql(&["\u{feff}\u{3000}\n"], vec![]).is_empty());
        assert!(!sql(&["SELECT 1"], vec![]).is_empty());
        // SQL`${''}` holds a parameter token, so it is not empty.
        let only_param = sql(
            &[PARAM_MARKER],
            vec![Token::Literal(SqlValue::Text(String::new()))],
        );
        assert!(!only_param.is_empty());
    }

    #[test]
    fn merge_drops_empty_parts_and_joins_with_separator() {
        let base = TokenizedSql::raw("SELECT * FROM users");
        let order = TokenizedSql::raw("ORDER BY name");
        let space = TokenizedSql::raw(" ");
        let merged = TokenizedSql::merge(
            &[
                base.clone(),
                space.clone(),
                TokenizedSql::empty(),
                space,
                order,
            ],
            " ",
        );
        assert_eq!(
            merged.chunks,
            vec!["SELECT * FROM users", " ", "ORDER BY name"]
        );

        let all_empty = TokenizedSql::merge(&[TokenizedSql::default(), TokenizedSql::empty()], " ");
        assert_eq!(all_empty, TokenizedSql::empty());

        let single = TokenizedSql::merge(
            &[TokenizedSql::empty(), base.clone(), TokenizedSql::empty()],
            " ",
        );
        assert_eq!(single, base);
    }

    #[test]
    fn merge_concatenates_tokens_in_order() {
        let a = sql(
            &["a = ", PARAM_MARKER],
            vec![Token::Literal(SqlValue::Integer(1))],
        );
        let b = sql(
            &["b = ", PARAM_MARKER],
            vec![Token::Literal(SqlValue::Integer(2))],
        );
        let merged = TokenizedSql::merge(&[a.clone(), b.clone()], "\n");
        assert_eq!(
            merged.chunks,
            vec!["a = ", PARAM_MARKER, "\n", "b = ", PARAM_MARKER]
        );
        assert_eq!(merged.tokens.len(), 2);
        let concat = TokenizedSql::concat(&[a, b]);
        assert_eq!(
            concat.chunks,
            vec!["a = ", PARAM_MARKER, "b = ", PARAM_MARKER]
        );
    }

    #[test]
    fn builder_helpers() {
        let mut inner = TokenizedSql::default();
        inner
            .push_sql("status = ")
            .push_token(Token::Literal(SqlValue::Text("active".into())));
        let mut outer = TokenizedSql::default();
        outer
            .push_sql("SELECT * FROM users WHERE ")
            .append(&inner)
            .push_sql("")
            .push_token(Token::Plain(" AND 1=1".into()));
        assert_eq!(
            outer.chunks,
            vec![
                "SELECT * FROM users WHERE ",
                "status = ",
                PARAM_MARKER,
                " AND 1=1"
            ]
        );
        assert_eq!(outer.tokens.len(), 1);
    }
}
