//! Statements that repeat inside a transaction run prepared from their second run.
//!
//! Outside a transaction every statement goes on the unnamed statement, so that a
//! transaction-mode pooler may hand each one to another server session. Inside a
//! transaction the session is fixed, so a statement that comes again (5,000 inserts
//! in a loop) is prepared once and then only bound and executed, without being
//! parsed and planned each time. Every statement prepared here is closed before the
//! transaction ends (the Close goes out before the COMMIT or ROLLBACK), so nothing
//! outlives the transaction on the server. Only statements that return no columns
//! are kept: a schema change later in the same transaction cannot then fail them
//! with "cached plan must not change result type".

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio_postgres::{Client, Error, Statement};

/// At most this many statements are prepared per transaction, and this many texts
/// remembered; beyond, statements run unnamed.
const MAX_PREPARED: usize = 64;
const MAX_SEEN: usize = 1024;

enum Entry {
    Seen,
    Prepared(Statement),
    /// It returns columns: it stays on the unnamed statement.
    Unnamed,
}

#[derive(Default)]
pub(super) struct Repeats {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Repeats {
    fn entries(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The prepared statement to run `sql` with, or `None` for the unnamed path. A
    /// failed prepare is the statement's own error (the same Parse would fail unnamed).
    pub(super) async fn statement(
        &self,
        client: &Client,
        sql: &str,
    ) -> Result<Option<Statement>, Error> {
        {
            let mut entries = self.entries();
            match entries.get(sql) {
                Some(Entry::Prepared(statement)) => return Ok(Some(statement.clone())),
                Some(Entry::Unnamed) => return Ok(None),
                Some(Entry::Seen) => {
                    let prepared = entries
                        .values()
                        .filter(|e| matches!(e, Entry::Prepared(_)))
                        .count();
                    if prepared >= MAX_PREPARED {
                        return Ok(None);
                    }
                }
                None => {
                    if entries.len() < MAX_SEEN {
                        entries.insert(sql.to_owned(), Entry::Seen);
                    }
                    return Ok(None);
                }
            }
        }
        let statement = client.prepare(sql).await?;
        let entry = if statement.columns().is_empty() {
            Entry::Prepared(statement.clone())
        } else {
            // Dropping it closes it on the server.
            Entry::Unnamed
        };
        let keep = matches!(entry, Entry::Prepared(_));
        self.entries().insert(sql.to_owned(), entry);
        Ok(keep.then_some(statement))
    }

    /// Forgets everything; dropping the statements sends their Close messages, ahead
    /// of whatever the client sends next.
    pub(super) fn clear(&self) {
        let entries = std::mem::take(&mut *self.entries());
        drop(entries);
    }
}
