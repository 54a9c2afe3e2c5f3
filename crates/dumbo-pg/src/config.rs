//! PostgreSQL connection strings: validation, the database name, and a
//! `tokio_postgres::Config` with node-postgres' defaults.

use std::borrow::Cow;
use std::str::FromStr;

use dumbo_core::{Error, Result};
use tokio_postgres::config::Host;

use crate::session_attrs::Recovery;
use crate::tls::TlsSettings;
use params::{env_value, take_own};
pub(crate) use ssl::tokio_ssl_mode;
pub use ssl::SslMode;
use ssl::{target_session_attrs, tls_settings};
use url::{
    escape_extra_at_signs, mask_secrets, percent_decode, query_param, query_passwords,
    raw_password, split_url,
};

mod params;
mod passfile;
mod ssl;
mod url;

/// The PostgreSQL pool options this package knows (`dumbo()`/`pgPool()`); any
/// other key is refused by lib/pg/options.cjs, never ignored.
pub const POOL_OPTIONS: &[&str] = &[
    "connectionString",
    "database",
    "pooled",
    "connection",
    "connector",
    "driver",
    "driverType",
    "serializer",
    "serialization",
    "serializerOptions",
    "transactionOptions",
    "max",
    "connectionTimeoutMillis",
    "connectTimeoutMillis",
    "prepare",
    "ssl",
    // node-postgres objects (`pool`: a pg.Pool, `client`: a pg.Client or pool client) take
    // the node-postgres path in JS; `null`/`undefined` ones mean "not given".
    "pool",
    "client",
];

/// Used when the caller gives no connection string.
pub const DEFAULT_CONNECTION_STRING: &str = "postgresql://postgres@localhost:5432/postgres";

const DEFAULT_PORT: u16 = 5432;

/// A parsed connection string, ready to connect.
#[derive(Debug, Clone)]
pub struct PgConnectOptions {
    pub config: tokio_postgres::Config,
    pub ssl_mode: SslMode,
    /// What the TLS connector verifies and presents.
    pub tls: TlsSettings,
    /// Cache named prepared statements per connection (`prepare=true`); the
    /// default runs each statement on the unnamed statement (safe behind
    /// transaction-mode poolers, see docs/deploying.md).
    pub prepare: bool,
    /// `target_session_attrs=primary|standby|prefer-standby` (see `session_attrs.rs`).
    pub recovery: Option<Recovery>,
    /// `connect_timeout` over the whole attempt of each host (libpq's meaning).
    pub connect_timeout: Option<std::time::Duration>,
    /// `host:port` list for messages (never the password).
    pub endpoint: String,
    /// The database actually connected to.
    pub database: String,
    /// The connection string with its password masked.
    pub masked: String,
}

impl PgConnectOptions {
    /// Replaces the string's TLS parameters (node-postgres' `ssl` pool option).
    pub fn use_tls(&mut self, mode: SslMode, tls: TlsSettings) {
        self.ssl_mode = mode;
        self.config.ssl_mode(tokio_ssl_mode(mode));
        self.tls = tls;
    }

    /// How long a whole connection attempt may take: `limit` (the pool's
    /// `connectTimeoutMillis`; `None` or zero: none), bounded by `connect_timeout`
    /// per host as libpq bounds each host's attempt, not only its socket connect.
    pub fn attempt_limit(&self, limit: Option<std::time::Duration>) -> Option<std::time::Duration> {
        let limit = limit.filter(|t| !t.is_zero());
        let hosts = self
            .config
            .get_hosts()
            .len()
            .max(self.config.get_hostaddrs().len())
            .max(1) as u32;
        match (limit, self.connect_timeout) {
            (Some(a), Some(b)) => Some(a.min(b * hosts)),
            (a, b) => a.or(b.map(|b| b * hosts)),
        }
    }
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
    let (rest, own) = take_own(cs).map_err(|reason| invalid(&masked, &reason))?;
    let normalized = escape_extra_at_signs(&rest);
    let mut config = tokio_postgres::Config::from_str(&normalized)
        .map_err(|e| invalid(&masked, &parse_reason(&e)))?;
    if config
        .get_hosts()
        .iter()
        .any(|h| matches!(h, Host::Tcp(name) if name.contains('@')))
    {
        return Err(invalid(&masked, "invalid host"));
    }
    let ssl_mode = match own.get("sslmode") {
        None => SslMode::Disable,
        Some(v) => SslMode::parse(v)
            .ok_or_else(|| invalid(&masked, "invalid value for option `sslmode`"))?,
    };
    let tls = tls_settings(ssl_mode, &own).map_err(|reason| invalid(&masked, &reason))?;
    config.ssl_mode(tokio_ssl_mode(ssl_mode));
    let prepare = match own.get("prepare").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(invalid(
                &masked,
                "invalid value for option `prepare` (true or false)",
            ))
        }
    };
    let mut recovery = None;
    if let Some(attrs) = own.get("target_session_attrs") {
        match target_session_attrs(attrs).map_err(|r| invalid(&masked, &r))? {
            Ok(attrs) => {
                config.target_session_attrs(attrs);
            }
            Err(wanted) => recovery = Some(wanted),
        }
    }
    apply_defaults(&mut config, own.get("passfile").map(String::as_str))
        .map_err(|reason| invalid(&masked, &reason))?;
    if let Some(db) = database.filter(|db| !db.is_empty()) {
        config.dbname(db);
    }
    Ok(PgConnectOptions {
        endpoint: endpoint_of(&config),
        tls,
        prepare,
        recovery,
        connect_timeout: config.get_connect_timeout().copied(),
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

/// The database a connection goes to when neither the string nor the options name one
/// (upstream's `defaultPostgreSqlDatabase`; also the key of such pools).
pub const DEFAULT_DATABASE: &str = "postgres";

/// Fills user, host, port, password and database like node-postgres does.
fn apply_defaults(
    config: &mut tokio_postgres::Config,
    passfile: Option<&str>,
) -> Result<(), String> {
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
    if config.get_application_name().is_none() {
        if let Some(name) = env_value("PGAPPNAME") {
            config.application_name(name);
        }
    }
    if config.get_connect_timeout().is_none() {
        if let Some(secs) = env_value("PGCONNECT_TIMEOUT") {
            let secs: i64 = secs
                .parse()
                .map_err(|_| "invalid PGCONNECT_TIMEOUT".to_owned())?;
            if secs > 0 {
                config.connect_timeout(std::time::Duration::from_secs(secs as u64));
            }
        }
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
    if config.get_password().is_none() {
        let hosts = password_file_hosts(config);
        let found = passfile::lookup(
            passfile,
            &hosts,
            config.get_dbname().unwrap_or_default(),
            config.get_user().unwrap_or_default(),
        );
        if let Some(password) = found {
            config.password(password);
        }
    }
    Ok(())
}

/// Each host as the password file names it (a socket directory is `localhost`).
fn password_file_hosts(config: &tokio_postgres::Config) -> Vec<(String, u16)> {
    let ports = config.get_ports();
    config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let name = match host {
                Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                Host::Unix(_) => "localhost".to_owned(),
            };
            let port = ports
                .get(i)
                .or(ports.first())
                .copied()
                .unwrap_or(DEFAULT_PORT);
            (name, port)
        })
        .collect()
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
