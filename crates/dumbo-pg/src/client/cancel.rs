//! Cancelling the statement running on a connection.

use std::sync::Arc;

use dumbo_core::Result;
use tokio_postgres::CancelToken;

use super::PgClient;
use crate::{errors, tls};

/// Sends cancel requests for the statement running on one connection.
#[derive(Clone)]
pub struct Canceller {
    token: CancelToken,
    tls: tls::Tls,
    endpoint: Arc<str>,
}

impl Canceller {
    /// Asks the server to cancel the running statement, which then fails with
    /// SQLSTATE 57014 (`QueryCanceled`). A no-op when nothing runs.
    pub async fn cancel(&self) -> Result<()> {
        self.token
            .cancel_query(self.tls.clone())
            .await
            .map_err(|e| errors::from_pg_error(&e, &self.endpoint))
    }
}

impl PgClient {
    /// A handle that cancels this connection's running statement. After a cancel,
    /// callers should [`discard`](Self::discard) the client: a late cancel request
    /// could otherwise hit the next statement of whoever gets the connection.
    pub fn canceller(&self) -> Canceller {
        Canceller {
            token: self.cancel.clone(),
            tls: self.tls.clone(),
            endpoint: self.endpoint.clone(),
        }
    }
}
