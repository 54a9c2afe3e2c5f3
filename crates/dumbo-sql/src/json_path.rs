//! JSON path helpers rendered as trusted inline SQL: upstream's
//! `PostgreSQLJSON.path/field/textField` and `SQLiteJSON.path`.
//!
//! Every function returns SQL text whose embedded literal is single-quoted with `'`
//! doubled (`SQL.literal`), so arbitrary path segments cannot break out of it.

/// `SQL.literal(text)`: `'text'` with `'` doubled.
fn sql_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// `/^[A-Za-z0-9_$]+$/`: a PostgreSQL array element that needs no quoting.
fn is_bare_pg_element(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// One element of a PostgreSQL text-array literal: bare, or `"..."` with `\` and `"`
/// backslash-escaped.
fn pg_array_element(out: &mut String, s: &str) {
    if is_bare_pg_element(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// `PostgreSQLJSON.path(segments)`: an inline text-array literal such as `'{a,b}'`.
pub fn pg_path(path: &[&str]) -> String {
    let mut array = String::from("{");
    for (i, segment) in path.iter().enumerate() {
        if i > 0 {
            array.push(',');
        }
        pg_array_element(&mut array, segment);
    }
    array.push('}');
    sql_literal(&array)
}

/// `PostgreSQLJSON.field(source, path)` (or `textField` when `as_text`): the path is
/// split on `.`; one segment renders `source -> 'a'` (`->>`), several render
/// `source #> '{a,b}'` (`#>>`).
pub fn pg_field(source_sql: &str, path: &str, as_text: bool) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match parts.as_slice() {
        [single] => {
            let op = if as_text { "->>" } else { "->" };
            format!("{source_sql} {op} {}", sql_literal(single))
        }
        _ => {
            let op = if as_text { "#>>" } else { "#>" };
            format!("{source_sql} {op} {}", pg_path(&parts))
        }
    }
}

/// `SQLiteJSON.path("a.b")`: the string path used verbatim, as `'$.a.b'`.
pub fn sqlite_path_str(path: &str) -> String {
    sql_literal(&format!("$.{path}"))
}

/// `/^[A-Za-z_][A-Za-z0-9_$]*$/`: a SQLite JSON path key that needs no quoting.
fn is_bare_sqlite_segment(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
        _ => return false,
    }
    bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// `SQLiteJSON.path([...])`: segments joined with `.`, non-identifier-like segments
/// double-quoted with `"` doubled, as `'$.a."b c"'`.
pub fn sqlite_path_segments(path: &[&str]) -> String {
    let mut text = String::from("$.");
    for (i, segment) in path.iter().enumerate() {
        if i > 0 {
            text.push('.');
        }
        if is_bare_sqlite_segment(segment) {
            text.push_str(segment);
        } else {
            text.push('"');
            for c in segment.chars() {
                if c == '"' {
                    text.push('"');
                }
                text.push(c);
            }
            text.push('"');
        }
    }
    sql_literal(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_fields() {
        assert_eq!(
            pg_field("data", "director's.title", false),
            r#"data #> '{"director''s",title}'"#
        );
        assert_eq!(
            pg_field("data", "address.city", true),
            "data #>> '{address,city}'"
        );
        assert_eq!(pg_field("src", "a", false), "src -> 'a'");
        assert_eq!(pg_field("src", "a", true), "src ->> 'a'");
        assert_eq!(pg_field("src", "it's", true), "src ->> 'it''s'");
        assert_eq!(pg_field("src", "", false), "src -> ''");
        assert_eq!(pg_field("src", "a.", false), r#"src #> '{a,""}'"#);
    }

    #[test]
    fn pg_paths() {
        assert_eq!(pg_path(&["a", "b"]), "'{a,b}'");
        assert_eq!(pg_path(&[]), "'{}'");
        assert_eq!(pg_path(&["$x_1", "A9"]), "'{$x_1,A9}'");
        assert_eq!(pg_path(&["display.name"]), r#"'{"display.name"}'"#);
        assert_eq!(pg_path(&[r#"a"b\c"#]), r#"'{"a\"b\\c"}'"#);
        assert_eq!(
            pg_path(&["x'); DROP TABLE t; --"]),
            r#"'{"x''); DROP TABLE t; --"}'"#
        );
        assert_eq!(pg_path(&["zażółć"]), r#"'{"zażółć"}'"#);
    }

    #[test]
    fn sqlite_paths() {
        assert_eq!(sqlite_path_str("director's.title"), "'$.director''s.title'");
        assert_eq!(sqlite_path_str("a.b"), "'$.a.b'");
        assert_eq!(sqlite_path_segments(&["a", "b"]), "'$.a.b'");
        assert_eq!(
            sqlite_path_segments(&["profile", "display.name"]),
            r#"'$.profile."display.name"'"#
        );
        assert_eq!(sqlite_path_segments(&["say \"hi\""]), r#"'$."say ""hi"""'"#);
        assert_eq!(
            sqlite_path_segments(&["it's", "1a", "_ok$"]),
            r#"'$."it''s"."1a"._ok$'"#
        );
        assert_eq!(sqlite_path_segments(&[]), "'$.'");
    }
}
