//! Hand-written URL pieces for connection strings (WHATWG-like where it matters).

use std::borrow::Cow;

use dumbo_core::connection_string::{form_decode, is_password_key, scheme_length};

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

/// Masking is the project's one rule (`dumbo_core::connection_string::mask_secrets`);
/// the property tests (tests/config_props.rs) check it on PostgreSQL strings.
pub(super) use dumbo_core::connection_string::mask_secrets;

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

/// A query parameter, decoded as `URLSearchParams` does (`+` is a space).
pub(super) fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (form_decode(key) == name).then(|| form_decode(value))
    })
}

pub(super) use dumbo_core::connection_string::percent_decode;
