//! Connection checks (upstream `checkConnection`).

use std::time::Duration;

use dumbo_core::Error;

use super::PgClient;
use crate::config::PgConnectOptions;

/// Outcome of [`check_connection`] (upstream `checkConnection`).
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub successful: bool,
    /// `"ConnectionRefused"`, `"Authentication"` or `"Unknown"`.
    pub error_type: Option<&'static str>,
    pub code: Option<String>,
    pub error: Option<Error>,
}

/// Connects, runs `SELECT 1` and closes (upstream `checkConnection`).
pub async fn check_connection(opts: &PgConnectOptions, timeout: Option<Duration>) -> CheckResult {
    let checked = async {
        let client = PgClient::connect(opts, timeout).await?;
        client.batch_execute("SELECT 1").await
    };
    match checked.await {
        Ok(()) => CheckResult {
            successful: true,
            error_type: None,
            code: None,
            error: None,
        },
        Err(error) => {
            let code = error.driver.as_ref().map(|d| d.code.clone());
            let error_type = match code.as_deref() {
                Some("ECONNREFUSED") => "ConnectionRefused",
                Some("28P01") => "Authentication",
                _ => "Unknown",
            };
            CheckResult {
                successful: false,
                error_type: Some(error_type),
                code,
                error: Some(error),
            }
        }
    }
}
