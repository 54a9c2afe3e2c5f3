//! Multi-statement strings: detection and the simple query protocol.

use tokio_postgres::{Client, Error, SimpleQueryMessage};

/// Column names and text rows of one statement.
pub(super) type TextRows = (Vec<String>, Vec<Vec<Option<String>>>);

/// What the last statement of a simple query returned.
pub(super) struct SimpleOutcome {
    pub(super) row_count: u64,
    /// `None` when the last statement returns no columns.
    pub(super) rows: Option<TextRows>,
}

/// Runs `sql` with the simple protocol and keeps the last statement's result.
pub(super) async fn run(client: &Client, sql: &str) -> Result<SimpleOutcome, Error> {
    let mut outcome = SimpleOutcome {
        row_count: 0,
        rows: None,
    };
    let mut current: Option<TextRows> = None;
    for message in client.simple_query(sql).await? {
        match message {
            SimpleQueryMessage::RowDescription(columns) => {
                let names = columns.iter().map(|c| c.name().to_owned()).collect();
                current = Some((names, Vec::new()));
            }
            SimpleQueryMessage::Row(row) => {
                if let Some((_, rows)) = current.as_mut() {
                    let values = (0..row.len())
                        .map(|i| row.try_get(i).ok().flatten().map(str::to_owned))
                        .collect();
                    rows.push(values);
                }
            }
            SimpleQueryMessage::CommandComplete(count) => {
                outcome.row_count = count;
                outcome.rows = current.take();
            }
            _ => {}
        }
    }
    Ok(outcome)
}

/// Whether `sql` holds more SQL after a top-level `;` (quotes, dollar quotes and
/// comments are skipped). Unterminated quotes count as one statement.
pub(super) fn has_multiple_statements(sql: &str) -> bool {
    let b = sql.as_bytes();
    let mut i = 0;
    let mut after_semicolon = false;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'-' && next == Some(b'-') {
            i = b[i..]
                .iter()
                .position(|&x| x == b'\n')
                .map_or(b.len(), |p| i + p);
            continue;
        }
        if c == b'/' && next == Some(b'*') {
            match skip_block_comment(b, i) {
                Some(end) => i = end,
                None => return false,
            }
            continue;
        }
        if c == b';' {
            after_semicolon = true;
            i += 1;
            continue;
        }
        if after_semicolon {
            return true;
        }
        let end = match c {
            b'\'' => skip_string(b, i, escapes_backslash(b, i)),
            b'"' => b[i + 1..]
                .iter()
                .position(|&x| x == b'"')
                .map(|p| i + p + 2),
            b'$' => match dollar_tag(b, i) {
                Some(tag) => find(b, i + tag.len(), tag).map(|p| p + tag.len()),
                None => Some(i + 1),
            },
            _ => Some(i + 1),
        };
        match end {
            Some(end) => i = end,
            None => return false,
        }
    }
    false
}

/// End of a (possibly nested) `/* */` comment starting at `start`.
fn skip_block_comment(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// `E'...'` strings treat backslash as an escape.
fn escapes_backslash(b: &[u8], quote: usize) -> bool {
    quote >= 1 && matches!(b[quote - 1], b'E' | b'e') && (quote < 2 || !is_ident_byte(b[quote - 2]))
}

/// End (exclusive) of a `'...'` literal starting at `start`; `''` is a quote.
fn skip_string(b: &[u8], start: usize, backslash: bool) -> Option<usize> {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if backslash => i += 2,
            b'\'' if b.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The `$tag$` opening a dollar-quoted string at `start`, if it is one.
fn dollar_tag(b: &[u8], start: usize) -> Option<&[u8]> {
    if start > 0 && is_ident_byte(b[start - 1]) {
        return None;
    }
    let rest = &b[start + 1..];
    let len = rest.iter().position(|&x| x == b'$')?;
    let tag = &rest[..len];
    let valid = tag.first().is_none_or(|c| !c.is_ascii_digit())
        && tag
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80);
    valid.then_some(&b[start..start + len + 2])
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

#[cfg(test)]
mod tests {
    use super::has_multiple_statements as multi;

    #[test]
    fn detects_multiple_statements() {
        assert!(multi("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
        assert!(multi("SELECT 1;SELECT 2"));
        assert!(multi("SELECT ';'; SELECT 2"));
        assert!(multi("SELECT 1; -- c\n SELECT 2"));
    }

    #[test]
    fn single_statements() {
        assert!(!multi("SELECT 1"));
        assert!(!multi("SELECT 1;"));
        assert!(!multi("SELECT 1; -- trailing ; comment"));
        assert!(!multi("SELECT 1; /* a; /* nested; */ b; */  "));
        assert!(!multi("SELECT 'a;b', \"c;d\" FROM t"));
        assert!(!multi("SELECT 'it''s; fine'"));
        assert!(!multi(r"SELECT E'a\'; b'"));
        assert!(!multi("SELECT $$ a; b $$, $fn$ x; $$ y $fn$"));
        assert!(!multi("SELECT $1::int; "));
        assert!(!multi("SELECT a$b; "));
        assert!(!multi("SELECT 'unterminated; SELECT 2"));
        assert!(!multi(""));
    }
}
