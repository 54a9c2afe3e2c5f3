//! The libpq parameters this crate handles itself, taken out of the connection
//! string before tokio-postgres parses the rest, and the `PG*` variables that
//! stand in for missing ones.

use std::collections::HashMap;

use super::url::split_url;
use dumbo_core::connection_string::form_decode;

/// Parameters read here rather than by tokio-postgres (it does not know them, or
/// knows fewer values than libpq). `prepare` is this package's own.
const OWN: &[&str] = &[
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "target_session_attrs",
    "prepare",
    "passfile",
];

/// libpq parameters that are refused with a reason rather than ignored.
const REFUSED: &[(&str, &str)] = &[
    ("sslpassword", "decrypt the key file instead"),
    ("sslcrl", "certificate revocation lists are not checked"),
    ("sslcrldir", "certificate revocation lists are not checked"),
    ("service", "connection service files are not read"),
    ("gssencmode", "GSSAPI is not supported"),
    ("krbsrvname", "GSSAPI is not supported"),
    ("requirepeer", "peer credentials are not checked"),
];

/// `PG*` variables used when the string lacks the parameter (libpq's list).
const ENV: &[(&str, &str)] = &[
    ("sslmode", "PGSSLMODE"),
    ("sslrootcert", "PGSSLROOTCERT"),
    ("sslcert", "PGSSLCERT"),
    ("sslkey", "PGSSLKEY"),
    ("target_session_attrs", "PGTARGETSESSIONATTRS"),
    ("passfile", "PGPASSFILE"),
];

/// The connection string without [`OWN`] parameters, and their values (from the
/// string, else from the environment).
pub(super) fn take_own(cs: &str) -> Result<(String, HashMap<String, String>), String> {
    let mut own = HashMap::new();
    let (before_fragment, fragment) = match cs.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (cs, None),
    };
    let mut rest = before_fragment.to_owned();
    if let Some((base, query)) = before_fragment.split_once('?') {
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = form_decode(key);
            if let Some((_, why)) = REFUSED.iter().find(|(k, _)| *k == key) {
                return Err(format!("the parameter `{key}` is not supported: {why}"));
            }
            if OWN.contains(&key.as_str()) {
                own.insert(key, form_decode(value));
            } else {
                kept.push(pair);
            }
        }
        rest = if kept.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
    }
    if let Some(fragment) = fragment {
        rest.push('#');
        rest.push_str(fragment);
    }
    for (key, var) in ENV {
        if !own.contains_key(*key) {
            if let Some(value) = env_value(var) {
                own.insert((*key).to_owned(), value);
            }
        }
    }
    if let Some(port) = env_value("PGPORT").filter(|_| !has_param(cs, "port")) {
        rest = fill_ports(&rest, &port);
    }
    Ok((rest, own))
}

pub(super) fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn has_param(cs: &str, name: &str) -> bool {
    split_url(cs)
        .query
        .split('&')
        .any(|pair| form_decode(pair.split_once('=').unwrap_or((pair, "")).0) == name)
}

/// Gives every URL host written without a port the `PGPORT` one, as libpq does
/// (tokio-postgres would otherwise fill in 5432 before any default applies).
fn fill_ports(cs: &str, port: &str) -> String {
    let Some(scheme_end) = cs.find("://").map(|i| i + 3) else {
        return cs.to_owned();
    };
    let rest = &cs[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let hosts_start = authority.rfind('@').map_or(0, |at| at + 1);
    let hosts = &authority[hosts_start..];
    if hosts.is_empty() {
        return cs.to_owned();
    }
    let filled: Vec<String> = hosts
        .split(',')
        .map(|chunk| {
            let has_port = match chunk.rfind(']') {
                Some(close) => chunk[close..].contains(':'),
                None => chunk.contains(':'),
            };
            if has_port || chunk.is_empty() {
                chunk.to_owned()
            } else {
                format!("{chunk}:{port}")
            }
        })
        .collect();
    format!(
        "{}{}{}{}",
        &cs[..scheme_end],
        &authority[..hosts_start],
        filled.join(","),
        &rest[authority_end..]
    )
}

#[cfg(test)]
mod tests {
    use super::fill_ports;

    #[test]
    fn fills_missing_ports_only() {
        assert_eq!(
            fill_ports("postgresql://u@[::1]/db", "5455"),
            "postgresql://u@[::1]:5455/db"
        );
        assert_eq!(
            fill_ports("postgresql://u:p@h1,h2:6000/db?x=1", "5455"),
            "postgresql://u:p@h1:5455,h2:6000/db?x=1"
        );
        assert_eq!(fill_ports("postgresql:///db", "5455"), "postgresql:///db");
    }
}
