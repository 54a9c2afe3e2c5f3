//! `sslmode` and the other TLS parameters with libpq's rules, and the
//! `target_session_attrs` values.

use std::collections::HashMap;

use super::params::env_value;
use crate::session_attrs::Recovery;
use crate::tls::{Pem, Roots, TlsSettings, Verify};

/// TLS use, with libpq's meaning (see `tls.rs` for what each mode verifies).
/// `allow` connects like `prefer` (TLS when the server offers it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    pub(super) fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }
}

/// tokio-postgres' mode: every verified mode requires TLS (never plain text).
pub(crate) fn tokio_ssl_mode(mode: SslMode) -> tokio_postgres::config::SslMode {
    use tokio_postgres::config::SslMode as T;
    match mode {
        SslMode::Disable => T::Disable,
        SslMode::Allow | SslMode::Prefer => T::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => T::Require,
    }
}

/// libpq's rules: `verify-ca`/`verify-full` need root certificates (`sslrootcert`,
/// else `~/.postgresql/root.crt`); `require` verifies the chain when one is given.
pub(super) fn tls_settings(
    mode: SslMode,
    own: &HashMap<String, String>,
) -> Result<TlsSettings, String> {
    let roots = match own.get("sslrootcert").map(String::as_str) {
        Some("system") => Some(Roots::System),
        Some(path) if !path.is_empty() => Some(Roots::Pem(Pem::File(path.into()))),
        _ => default_root_cert().map(|p| Roots::Pem(Pem::File(p))),
    };
    let verify = match mode {
        SslMode::VerifyFull => Verify::Full,
        SslMode::VerifyCa => Verify::Ca,
        SslMode::Require if roots.is_some() => Verify::Ca,
        _ => Verify::None,
    };
    if verify != Verify::None && roots.is_none() {
        return Err(
            "sslmode=verify-ca and verify-full need a root certificate: set sslrootcert \
             (a file, or `system` for the platform's roots)"
                .to_owned(),
        );
    }
    if matches!(roots, Some(Roots::System)) && mode != SslMode::VerifyFull {
        return Err("sslrootcert=system needs sslmode=verify-full (as in libpq)".to_owned());
    }
    let client_cert = match (own.get("sslcert"), own.get("sslkey")) {
        (Some(cert), Some(key)) => Some((Pem::File(cert.into()), Pem::File(key.into()))),
        (None, None) => None,
        _ => return Err("sslcert and sslkey go together".to_owned()),
    };
    Ok(TlsSettings {
        verify,
        roots: if verify == Verify::None { None } else { roots },
        client_cert,
        server_name: None,
    })
}

fn default_root_cert() -> Option<std::path::PathBuf> {
    let home = env_value("HOME")?;
    let path = std::path::Path::new(&home).join(".postgresql/root.crt");
    path.is_file().then_some(path)
}

/// libpq's six values: tokio-postgres checks three, `session_attrs.rs` the others.
pub(super) fn target_session_attrs(
    value: &str,
) -> Result<Result<tokio_postgres::config::TargetSessionAttrs, Recovery>, String> {
    use tokio_postgres::config::TargetSessionAttrs as T;
    Ok(match value {
        "any" => Ok(T::Any),
        "read-write" => Ok(T::ReadWrite),
        "read-only" => Ok(T::ReadOnly),
        "primary" => Err(Recovery::Primary),
        "standby" => Err(Recovery::Standby),
        "prefer-standby" => Err(Recovery::PreferStandby),
        _ => return Err("invalid value for option `target_session_attrs`".to_owned()),
    })
}
