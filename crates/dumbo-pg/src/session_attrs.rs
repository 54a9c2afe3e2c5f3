//! libpq's `target_session_attrs` values that tokio-postgres lacks: `primary`,
//! `standby` and `prefer-standby`. Hosts are tried one by one (a single-host
//! config each) and `pg_is_in_recovery()` tells a standby from a primary, as libpq
//! does. `any`, `read-write` and `read-only` stay with tokio-postgres.

use std::future::Future;
use std::pin::Pin;

use deadpool_postgres::Connect;
use dumbo_core::{Error, ErrorKind};
use tokio::task::JoinHandle;
use tokio_postgres::config::{Host, LoadBalanceHosts, TargetSessionAttrs};
use tokio_postgres::{Client, Config, SimpleQueryMessage};

use crate::tls::Tls;

/// A `target_session_attrs` value decided here rather than by tokio-postgres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// `primary`: not in recovery.
    Primary,
    /// `standby`: in recovery.
    Standby,
    /// `prefer-standby`: a standby if one answers, else any server.
    PreferStandby,
}

impl Recovery {
    pub fn name(self) -> &'static str {
        match self {
            Recovery::Primary => "primary",
            Recovery::Standby => "standby",
            Recovery::PreferStandby => "prefer-standby",
        }
    }

    pub(crate) fn accepts(self, in_recovery: bool) -> bool {
        match self {
            Recovery::Primary => !in_recovery,
            Recovery::Standby | Recovery::PreferStandby => in_recovery,
        }
    }
}

type Opened = (Client, JoinHandle<()>);
type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Opens a connection to the first host whose role fits; with none, `prefer-standby`
/// takes the first that answered, and the others return that connection for
/// [`check`] to refuse (a `tokio_postgres::Error` cannot be made here).
pub async fn open(
    config: &Config,
    tls: &Tls,
    wanted: Recovery,
) -> Result<Opened, tokio_postgres::Error> {
    let mut first: Option<Opened> = None;
    let mut last_error = None;
    let mut hosts = single_hosts(config);
    if config.get_load_balance_hosts() == LoadBalanceHosts::Random {
        shuffle(&mut hosts);
    }
    for host in hosts {
        match host.connect(tls.clone()).await {
            Ok((client, connection)) => {
                let task = tokio::spawn(async move {
                    let _ = connection.await;
                });
                match in_recovery(&client).await {
                    Ok(state) if wanted.accepts(state) => return Ok((client, task)),
                    Ok(_) => {
                        if first.is_none() {
                            first = Some((client, task));
                        }
                    }
                    Err(e) => last_error = Some(e),
                }
            }
            Err(e) => last_error = Some(e),
        }
    }
    match (first, last_error) {
        (Some(opened), _) => Ok(opened),
        (None, Some(e)) => Err(e),
        (None, None) => unreachable!("a config has at least one host"),
    }
}

/// Refuses a connection whose role does not fit (`prefer-standby` takes any).
pub async fn check(client: &Client, wanted: Recovery, endpoint: &str) -> Result<(), Error> {
    if wanted == Recovery::PreferStandby {
        return Ok(());
    }
    let state = in_recovery(client)
        .await
        .map_err(|e| crate::errors::connect_error(&e, endpoint))?;
    if wanted.accepts(state) {
        return Ok(());
    }
    let found = if state { "a standby" } else { "a primary" };
    Err(Error::new(
        ErrorKind::Connection,
        format!(
            "Failed to connect to PostgreSQL at {endpoint}: no server matches \
             target_session_attrs={} (every server that answered is {found})",
            wanted.name()
        ),
    ))
}

pub(crate) async fn in_recovery(client: &Client) -> Result<bool, tokio_postgres::Error> {
    let messages = client.simple_query("SELECT pg_is_in_recovery()").await?;
    Ok(messages
        .iter()
        .any(|m| matches!(m, SimpleQueryMessage::Row(row) if row.get(0) == Some("t"))))
}

/// deadpool's connector for pools with such a `target_session_attrs`.
pub struct RecoveryConnect {
    pub tls: Tls,
    pub wanted: Recovery,
}

impl Connect for RecoveryConnect {
    fn connect(&self, config: &Config) -> BoxFuture<'_, Result<Opened, tokio_postgres::Error>> {
        let config = config.clone();
        Box::pin(async move { open(&config, &self.tls, self.wanted).await })
    }
}

/// `load_balance_hosts=random`: a Fisher-Yates shuffle seeded by std's per-process
/// random hasher keys (no cryptographic need, only spreading).
pub(crate) fn shuffle<T>(items: &mut [T]) {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_usize(items.len());
    let mut state = hasher.finish() | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// One config per host (with its hostaddr and port), everything else copied.
pub(crate) fn single_hosts(config: &Config) -> Vec<Config> {
    let hosts = config.get_hosts();
    let addrs = config.get_hostaddrs();
    let ports = config.get_ports();
    let count = hosts.len().max(addrs.len()).max(1);
    (0..count)
        .map(|i| {
            let mut one = Config::new();
            match hosts.get(i) {
                Some(Host::Tcp(name)) => {
                    one.host(name);
                }
                #[cfg(unix)]
                Some(Host::Unix(path)) => {
                    one.host_path(path);
                }
                None => {}
            }
            if let Some(addr) = addrs.get(i) {
                one.hostaddr(*addr);
            }
            if let Some(port) = ports.get(i).or(ports.first()) {
                one.port(*port);
            }
            copy_settings(config, &mut one);
            one
        })
        .collect()
}

fn copy_settings(from: &Config, to: &mut Config) {
    if let Some(user) = from.get_user() {
        to.user(user);
    }
    if let Some(password) = from.get_password() {
        to.password(password);
    }
    if let Some(dbname) = from.get_dbname() {
        to.dbname(dbname);
    }
    if let Some(options) = from.get_options() {
        to.options(options);
    }
    if let Some(name) = from.get_application_name() {
        to.application_name(name);
    }
    if let Some(timeout) = from.get_connect_timeout() {
        to.connect_timeout(*timeout);
    }
    if let Some(timeout) = from.get_tcp_user_timeout() {
        to.tcp_user_timeout(*timeout);
    }
    to.ssl_mode(from.get_ssl_mode())
        .ssl_negotiation(from.get_ssl_negotiation())
        .channel_binding(from.get_channel_binding())
        .keepalives(from.get_keepalives())
        .keepalives_idle(from.get_keepalives_idle())
        .target_session_attrs(TargetSessionAttrs::Any)
        .load_balance_hosts(LoadBalanceHosts::Disable);
    if let Some(interval) = from.get_keepalives_interval() {
        to.keepalives_interval(interval);
    }
    if let Some(retries) = from.get_keepalives_retries() {
        to.keepalives_retries(retries);
    }
}

#[cfg(test)]
mod tests {
    use super::shuffle;

    #[test]
    fn shuffles_keep_every_item_and_vary() {
        let orders: std::collections::HashSet<Vec<u8>> = (0..64)
            .map(|_| {
                let mut items = vec![1, 2, 3, 4];
                shuffle(&mut items);
                let mut sorted = items.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, vec![1, 2, 3, 4]);
                items
            })
            .collect();
        assert!(orders.len() > 1);
    }
}
