//! PostgreSQL connection strings: validation, the database name, and a
//! `tokio_postgres::Config` with node-postgres' defaults.

use std::borrow::Cow;
use std::str::FromStr;

use dumbo_core::{Error, Result};
use tokio_postgres::config::Host;

use url::{
    escape_extra_at_signs, mask_secrets, percent_decode, query_param, query_passwords,
    raw_password, split_url,
};

mod url;

/// Used when the caller gives no connection string.
pub const DEFAULT_CONNECTION_STRING: &str = "postgresql://postgres@localhost:5432/postgres";

const DEFAULT_PORT: u16 = 5432;

/// TLS use, with libpq's meaning (no certificate verification, see `tls.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
}

/// A parsed connection string, ready to connect.
#[derive(Debug, Clone)]
pub struct PgConnectOptions {
    pub config: tokio_postgres::Config,
    pub ssl_mode: SslMode,
    /// `host:port` list for messages (never the password).
    pub endpoint: String,
    /// The database actually connected to.
    pub database: String,
    /// The connection string with its password masked.
    pub masked: String,
}

/// Checks the scheme, as upstream's `PostgreSQLConnectionString`.
pub fn validate(cs: &str) -> Result<()> {
    if cs.starts_with("postgresql://") || cs.starts_with("postgres://") {
        Ok(())
    } else {
        Err(Error::invalid_operation(format!(
            "Invalid PostgreSQL connection string: {}. It should start with \"postgresql://\".",
            mask_secrets(cs)
        )))
    }
}

/// The database named by a connection string (node-postgres' rules), if any.
pub fn parse_database_name(cs: &str) -> Option<String> {
    if cs.starts_with('/') {
        return cs
            .split(' ')
            .nth(1)
            .filter(|db| !db.is_empty())
            .map(str::to_owned);
    }
    let url = split_url(cs);
    if url.scheme.eq_ignore_ascii_case("socket") {
        return query_param(url.query, "db").filter(|db| !db.is_empty());
    }
    let path = url.path.strip_prefix('/').unwrap_or(url.path);
    if path.is_empty() {
        None
    } else {
        Some(percent_decode(path).into_owned())
    }
}

/// Parses `cs` into connect options; a non-empty `database` replaces the path's.
pub fn parse(cs: &str, database: Option<&str>) -> Result<PgConnectOptions> {
    validate(cs)?;
    parse_valid(cs, database).map_err(|e| redact(e, cs))
}

fn parse_valid(cs: &str, database: Option<&str>) -> Result<PgConnectOptions> {
    let masked = mask_secrets(cs);
    let normalized = escape_extra_at_signs(cs);
    let mut config = tokio_postgres::Config::from_str(&normalized)
        .map_err(|e| invalid(&masked, &parse_reason(&e)))?;
    if config
        .get_hosts()
        .iter()
        .any(|h| matches!(h, Host::Tcp(name) if name.contains('@')))
    {
        return Err(invalid(&masked, "invalid host"));
    }
    let ssl_mode = ssl_mode_of(cs).map_err(|reason| invalid(&masked, &reason))?;
    config.ssl_mode(match ssl_mode {
        SslMode::Disable => tokio_postgres::config::SslMode::Disable,
        SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
        SslMode::Require => tokio_postgres::config::SslMode::Require,
    });
    apply_defaults(&mut config).map_err(|reason| invalid(&masked, &reason))?;
    if let Some(db) = database.filter(|db| !db.is_empty()) {
        config.dbname(db);
    }
    Ok(PgConnectOptions {
        endpoint: endpoint_of(&config),
        database: config.get_dbname().unwrap_or_default().to_owned(),
        ssl_mode,
        config,
        masked,
    })
}

fn invalid(masked: &str, reason: &str) -> Error {
    Error::invalid_operation(format!(
        "Invalid PostgreSQL connection string: {masked}: {reason}"
    ))
}

/// tokio-postgres' reason (its cause when there is one).
fn parse_reason(e: &tokio_postgres::Error) -> String {
    match std::error::Error::source(e) {
        Some(source) => source.to_string(),
        None => e.to_string(),
    }
}

/// Masks the passwords of `cs` (userinfo and `password=` query parameters), raw
/// or decoded, wherever they appear in `err`.
fn redact(mut err: Error, cs: &str) -> Error {
    let mut secrets: Vec<String> = Vec::new();
    if let Some(password) = raw_password(cs).filter(|p| !p.is_empty()) {
        for secret in [Cow::Borrowed(password), percent_decode(password)] {
            secrets.push(secret.into_owned());
        }
    }
    secrets.extend(query_passwords(cs));
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        err.message = err.message.replace(secret.as_str(), "***");
    }
    err
}

/// `sslmode` from the string, else `PGSSLMODE`, else `Disable` (node-postgres
/// connects without TLS unless asked).
fn ssl_mode_of(cs: &str) -> Result<SslMode, String> {
    let from_env = std::env::var("PGSSLMODE").ok();
    let Some(value) = query_param(split_url(cs).query, "sslmode").or(from_env) else {
        return Ok(SslMode::Disable);
    };
    match value.as_str() {
        "disable" => Ok(SslMode::Disable),
        "prefer" => Ok(SslMode::Prefer),
        "require" => Ok(SslMode::Require),
        _ => Err("invalid value for option `sslmode`".to_owned()),
    }
}

/// Fills user, host, port, password and database like node-postgres does.
fn apply_defaults(config: &mut tokio_postgres::Config) -> Result<(), String> {
    if config.get_user().is_none_or(str::is_empty) {
        let user = env_value("PGUSER")
            .or_else(|| env_value("USER"))
            .unwrap_or_else(|| "postgres".to_owned());
        config.user(user);
    }
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        let hosts = env_value("PGHOST").unwrap_or_else(|| "localhost".to_owned());
        for host in hosts.split(',') {
            add_host(config, host);
        }
    }
    if config.get_ports().is_empty() {
        let port = match env_value("PGPORT") {
            Some(p) => p.parse().map_err(|_| "invalid PGPORT".to_owned())?,
            None => DEFAULT_PORT,
        };
        config.port(port);
    }
    if config.get_password().is_none() {
        if let Some(password) = env_value("PGPASSWORD") {
            config.password(password);
        }
    }
    if config.get_dbname().is_none_or(str::is_empty) {
        let db = env_value("PGDATABASE")
            .or_else(|| config.get_user().map(str::to_owned))
            .unwrap_or_default();
        config.dbname(db);
    }
    Ok(())
}

#[cfg(unix)]
fn add_host(config: &mut tokio_postgres::Config, host: &str) {
    if host.starts_with('/') {
        config.host_path(host);
    } else {
        config.host(host);
    }
}

#[cfg(not(unix))]
fn add_host(config: &mut tokio_postgres::Config, host: &str) {
    config.host(host);
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `host:port[,host:port]` for messages.
fn endpoint_of(config: &tokio_postgres::Config) -> String {
    let ports = config.get_ports();
    let port_at = |i: usize| {
        ports
            .get(i)
            .or_else(|| ports.first())
            .copied()
            .unwrap_or(DEFAULT_PORT)
    };
    let hosts: Vec<String> = if config.get_hosts().is_empty() {
        config
            .get_hostaddrs()
            .iter()
            .map(|addr| addr.to_string())
            .collect()
    } else {
        config
            .get_hosts()
            .iter()
            .map(|host| match host {
                Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                Host::Unix(path) => path.display().to_string(),
            })
            .collect()
    };
    hosts
        .iter()
        .enumerate()
        .map(|(i, host)| {
            if host.contains(':') && !host.starts_with('/') {
                format!("[{host}]:{}", port_at(i))
            } else {
                format!("{host}:{}", port_at(i))
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests;
