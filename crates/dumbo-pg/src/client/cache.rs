//! Prepared statements kept per connection, keyed by SQL text.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tokio_postgres::{Client, Error, Statement};

/// Caches are cleared when they reach this size, so that applications sending
/// many distinct SQL texts do not grow server-side prepared statements forever.
pub(super) const MAX_CACHED_STATEMENTS: usize = 512;

/// The cache of a direct (unpooled) connection.
#[derive(Debug, Default)]
pub(super) struct StatementCache {
    statements: Mutex<HashMap<String, Statement>>,
}

impl StatementCache {
    /// The cached statement for `sql`, prepared on `client` on a miss.
    pub(super) async fn prepare(&self, client: &Client, sql: &str) -> Result<Statement, Error> {
        if let Some(statement) = self.lock().get(sql) {
            return Ok(statement.clone());
        }
        let statement = client.prepare(sql).await?;
        let mut statements = self.lock();
        if statements.len() >= MAX_CACHED_STATEMENTS {
            statements.clear();
        }
        statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    /// Drops the statement for `sql` (stale after DDL).
    pub(super) fn remove(&self, sql: &str) {
        self.lock().remove(sql);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Statement>> {
        self.statements
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
