//! Hand-written URL pieces for connection strings (WHATWG-like where it matters).

use std::borrow::Cow;

use dumbo_core::connection_string::mask_password;

/// The password as written (still percent-encoded).
pub(super) fn raw_password(cs: &str) -> Option<&str> {
    let userinfo = split_url(cs).userinfo?;
    userinfo.split_once(':').map(|(_, password)| password)
}

/// As a WHATWG URL parser does, only the last `@` of the authority ends the
/// credentials; earlier ones belong to the password and are escaped for tokio-postgres.
pub(super) fn escape_extra_at_signs(cs: &str) -> Cow<'_, str> {
    let Some(scheme_end) = cs.find("://").map(|i| i + 3) else {
        return Cow::Borrowed(cs);
    };
    let rest = &cs[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(last) if authority[..last].contains('@') => Cow::Owned(format!(
            "{}{}{}",
            &cs[..scheme_end],
            authority[..last].replace('@', "%40"),
            &rest[last..]
        )),
        _ => Cow::Borrowed(cs),
    }
}

/// The string with its secrets masked, for messages: the password of the
/// userinfo, and the value of every `password` query parameter. When the string
/// does not start with `scheme://` (a missing or mistyped scheme, where userinfo
/// cannot be told from a path), everything between the first `:` and the last `@`
/// before the query is masked. Before, `user:secret@host/db` (no scheme) and
/// `postgresql://h/db?password=secret` were echoed as they were (found by the
/// property tests, tests/config_props.rs).
pub(super) fn mask_secrets(cs: &str) -> String {
    let scheme_len = scheme_length(cs);
    let masked = if scheme_len > 0 && cs[scheme_len..].starts_with("://") {
        mask_password(cs)
    } else {
        let end = cs.find(['?', '#']).unwrap_or(cs.len());
        match (cs[..end].find(':'), cs[..end].rfind('@')) {
            (Some(colon), Some(at)) if colon < at => {
                format!("{}:***{}", &cs[..colon], &cs[at..])
            }
            _ => cs.to_owned(),
        }
    };
    mask_query_passwords(&masked)
}

fn mask_query_passwords(cs: &str) -> String {
    let Some((head, rest)) = cs.split_once('?') else {
        return cs.to_owned();
    };
    // Pairs are cut at `&` and also at `#`, keeping the separators: what counts as
    // the fragment differs between parsers, so a `#` must not hide a password.
    let mut out = format!("{head}?");
    for piece in rest.split_inclusive(['&', '#']) {
        let (pair, separator) = match piece.char_indices().last() {
            Some((i, c)) if c == '&' || c == '#' => (&piece[..i], &piece[i..]),
            _ => (piece, ""),
        };
        match pair.split_once('=') {
            Some((key, _)) if is_password_key(key) => {
                out.push_str(key);
                out.push_str("=***");
            }
            _ => out.push_str(pair),
        }
        out.push_str(separator);
    }
    out
}

fn is_password_key(key: &str) -> bool {
    form_decode(key).trim().eq_ignore_ascii_case("password")
}

/// The values of `password` query parameters, as written and decoded.
pub(super) fn query_passwords(cs: &str) -> Vec<String> {
    let Some((_, rest)) = cs.split_once('?') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for pair in rest.split(['&', '#']) {
        if let Some((key, value)) = pair.split_once('=') {
            if is_password_key(key) && !value.is_empty() {
                out.push(value.to_owned());
                out.push(form_decode(value));
            }
        }
    }
    out
}

/// The parts of a URL-like string; missing parts are empty.
pub(super) struct UrlParts<'a> {
    pub(super) scheme: &'a str,
    pub(super) userinfo: Option<&'a str>,
    pub(super) path: &'a str,
    pub(super) query: &'a str,
}

/// Splits scheme, userinfo, path and query (the fragment is dropped).
pub(super) fn split_url(cs: &str) -> UrlParts<'_> {
    let (without_fragment, _) = cs.split_once('#').unwrap_or((cs, ""));
    let (before_query, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let scheme_len = scheme_length(before_query);
    let scheme = &before_query[..scheme_len];
    let after_scheme = if scheme_len > 0 {
        &before_query[scheme_len + 1..]
    } else {
        before_query
    };
    let (userinfo, path) = match after_scheme.strip_prefix("//") {
        Some(rest) => {
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let authority = &rest[..authority_end];
            let userinfo = authority.rfind('@').map(|at| &authority[..at]);
            (userinfo, &rest[authority_end..])
        }
        None => (None, after_scheme),
    };
    UrlParts {
        scheme,
        userinfo,
        path,
        query,
    }
}

/// Length of a leading `scheme` (without its `:`), 0 when there is none.
fn scheme_length(s: &str) -> usize {
    let Some(colon) = s.find(':') else { return 0 };
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if valid {
        colon
    } else {
        0
    }
}

/// A query parameter, decoded as `URLSearchParams` does (`+` is a space).
pub(super) fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (form_decode(key) == name).then(|| form_decode(value))
    })
}

fn form_decode(s: &str) -> String {
    percent_decode(&s.replace('+', " ")).into_owned()
}

/// Decodes `%XX` escapes; malformed escapes stay as written.
pub(super) fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&hi), Some(&lo)) => hex(hi).zip(hex(lo)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}
