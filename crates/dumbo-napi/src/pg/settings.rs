//! Pool options that change how connections are made: `prepare` and node-postgres'
//! `ssl` (PEM text, shaped by lib/pg/ssl.cjs). They apply over the connection
//! string's parameters.

use dumbo_pg::config::{PgConnectOptions, SslMode};
use dumbo_pg::tls::{Pem, Roots, TlsSettings, Verify};

/// node-postgres' `ssl` option as lib/pg/ssl.cjs hands it over.
#[napi_derive::napi(object)]
pub struct PgSslOptions {
    /// Whether the server's certificate is verified (node-postgres'
    /// `rejectUnauthorized`); verified when absent.
    pub verify: Option<bool>,
    /// The certificate authorities to trust; Node's list when absent.
    pub ca: Option<String>,
    /// The client certificate, used together with `key`.
    pub cert: Option<String>,
    pub key: Option<String>,
    /// The name the server's certificate must carry, if not the host's.
    pub servername: Option<String>,
}

/// What the pool options say (nothing when absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(super) struct Settings {
    prepare: Option<bool>,
    ssl: Option<TlsSettings>,
}

impl Settings {
    pub(super) fn new(prepare: Option<bool>, ssl: Option<&PgSslOptions>) -> Settings {
        let ssl = ssl.map(|ssl| {
            let pem = |text: &Option<String>| text.clone().map(|t| Pem::Inline(t.into_bytes()));
            let verify = ssl.verify != Some(false);
            let client_cert = match (pem(&ssl.cert), pem(&ssl.key)) {
                (Some(cert), Some(key)) => Some((cert, key)),
                _ => None,
            };
            TlsSettings {
                verify: if verify { Verify::Full } else { Verify::None },
                // node-postgres verifies against Node's CA list when no `ca` is given.
                roots: verify.then(|| pem(&ssl.ca).map_or(Roots::System, Roots::Pem)),
                client_cert,
                server_name: ssl.servername.clone(),
            }
        });
        Settings { prepare, ssl }
    }

    /// Distinguishes pools whose settings differ (part of the shared-pool key).
    pub(super) fn key(&self) -> String {
        if *self == Settings::default() {
            return String::new();
        }
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut hasher);
        format!("|{:x}", hasher.finish())
    }

    pub(super) fn apply(&self, opts: &mut PgConnectOptions) {
        if let Some(prepare) = self.prepare {
            opts.prepare = prepare;
        }
        if let Some(tls) = &self.ssl {
            let mode = match tls.verify {
                Verify::None => SslMode::Require,
                Verify::Ca => SslMode::VerifyCa,
                Verify::Full => SslMode::VerifyFull,
            };
            opts.use_tls(mode, tls.clone());
        }
    }
}
