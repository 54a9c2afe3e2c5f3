//! Pool options that change how connections are made: `prepare` and node-postgres'
//! `ssl`, already shape-checked by lib/pg/options.cjs and handed over as
//! `{ prepare?: boolean, ssl?: { verify: boolean, ca?, cert?, key?, servername? } }`
//! (PEM text). They apply over the connection string's parameters.

use dumbo_pg::config::{PgConnectOptions, SslMode};
use dumbo_pg::tls::{Pem, Roots, TlsSettings, Verify};
use napi::Result;

use crate::js;

/// What the pool options say (nothing when absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(super) struct Settings {
    prepare: Option<bool>,
    ssl: Option<TlsSettings>,
}

impl Settings {
    pub(super) fn read(env: js::Env, options: js::Value) -> Result<Settings> {
        if !js::is_object(env, options)? {
            return Ok(Settings::default());
        }
        let prepare = bool_opt(env, options, c"prepare")?;
        let ssl = js::get(env, options, c"ssl")?;
        let ssl = if js::is_object(env, ssl)? {
            let pem = |name| -> Result<Option<Pem>> {
                Ok(js::get_string_opt(env, ssl, name)?.map(|text| Pem::Inline(text.into_bytes())))
            };
            let verify = bool_opt(env, ssl, c"verify")? != Some(false);
            let client_cert = match (pem(c"cert")?, pem(c"key")?) {
                (Some(cert), Some(key)) => Some((cert, key)),
                _ => None,
            };
            Some(TlsSettings {
                verify: if verify { Verify::Full } else { Verify::None },
                // node-postgres verifies against Node's CA list when no `ca` is given.
                roots: verify
                    .then(|| pem(c"ca"))
                    .transpose()?
                    .map(|ca| ca.map_or(Roots::System, Roots::Pem)),
                client_cert,
                server_name: js::get_string_opt(env, ssl, c"servername")?,
            })
        } else {
            None
        };
        Ok(Settings { prepare, ssl })
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

fn bool_opt(env: js::Env, obj: js::Value, name: &std::ffi::CStr) -> Result<Option<bool>> {
    let v = js::get(env, obj, name)?;
    if js::is_nullish(env, v)? {
        Ok(None)
    } else {
        Ok(Some(js::boolean(env, v)?))
    }
}
