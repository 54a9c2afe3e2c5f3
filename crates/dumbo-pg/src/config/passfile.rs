//! libpq's password file (`passfile`, `PGPASSFILE`, else `~/.pgpass`): used when
//! neither the string nor `PGPASSWORD` gives a password.

use std::path::{Path, PathBuf};

/// The password for the first of `hosts` (with `port`s) that a line matches.
pub(super) fn lookup(
    explicit: Option<&str>,
    hosts: &[(String, u16)],
    database: &str,
    user: &str,
) -> Option<String> {
    let path = match explicit {
        Some(path) => PathBuf::from(path),
        None => Path::new(&std::env::var("HOME").ok()?).join(".pgpass"),
    };
    if !safe_to_read(&path) {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    hosts.iter().find_map(|(host, port)| {
        let port = port.to_string();
        text.lines().find_map(|line| {
            let fields = split_line(line)?;
            let wanted = [host.as_str(), port.as_str(), database, user];
            fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, value)| field == "*" || field == value)
                .then(|| fields[4].clone())
        })
    })
}

/// As libpq: a file others can read is ignored (it would leak the passwords).
#[cfg(unix)]
fn safe_to_read(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn safe_to_read(path: &Path) -> bool {
    path.is_file()
}

/// `host:port:database:user:password` with `\:` and `\\` escapes; comments skipped.
fn split_line(line: &str) -> Option<Vec<String>> {
    if line.starts_with('#') || line.trim().is_empty() {
        return None;
    }
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::split_line;

    #[test]
    fn splits_with_escapes() {
        assert_eq!(
            split_line(r"db\:1:5432:*:app:pa\:ss:word").expect("a line"),
            vec!["db:1", "5432", "*", "app", "pa:ss:word"]
        );
        assert!(split_line("# comment").is_none());
        assert!(split_line("h:5432:db:user").is_none());
    }
}
