//! Session cleanliness: whether a pooled connection may go back to its pool, and
//! ending the sessions that must not.

use std::sync::atomic::Ordering;
use std::time::Duration;

use super::{Conn, PgClient};

impl PgClient {
    /// Tells the client whether its session is inside a transaction: set before
    /// `BEGIN` is sent, cleared once `COMMIT`/`ROLLBACK` succeeded. A pooled client
    /// dropped while set is closed instead of going back to its pool.
    ///
    /// A connection dropped without COMMIT or ROLLBACK (its JS object finalized,
    /// e.g. when a worker thread exits mid-transaction) is still inside the
    /// transaction: pooled again, the next user would see its uncommitted rows and
    /// its own writes would join a transaction nobody commits.
    pub fn set_in_transaction(&self, in_transaction: bool) {
        self.unclean.store(in_transaction, Ordering::SeqCst);
        if !in_transaction {
            self.repeats.clear();
        }
    }

    /// Closes the statements this transaction prepared (see `repeats.rs`); call it
    /// just before sending `COMMIT` or `ROLLBACK`, so that nothing outlives the
    /// transaction on the server session.
    pub fn close_transaction_statements(&self) {
        self.repeats.clear();
    }

    /// Closes the connection instead of returning it to its pool.
    pub fn discard(self) {
        self.unclean.store(true, Ordering::SeqCst);
    }
}

impl Drop for PgClient {
    fn drop(&mut self) {
        if !*self.unclean.get_mut() {
            return; // a pooled connection goes back to its pool
        }
        let Conn::Pooled(object) = &mut self.conn else {
            return; // a direct connection closes with its client
        };
        let Some(object) = object.take() else { return };
        match &self.runtime {
            // A live session keeps its pool slot until the server has ended it,
            // so the server never sees more sessions than the pool's max (a
            // replacement would otherwise open while this one is still closing).
            Some(runtime) if !object.is_closed() => {
                runtime.spawn(end_session(object));
            }
            // Dropping the client closes the session; the server rolls back
            // whatever it had open.
            _ => drop(deadpool_postgres::Object::take(object)),
        }
    }
}

/// How long a discarded session may hold its pool slot while it is being ended.
const END_SESSION_LIMIT: Duration = Duration::from_secs(2);

/// Ends a pooled session that must not be reused: the server terminates it (which
/// rolls back anything open), then it leaves the pool for good.
async fn end_session(object: deadpool_postgres::Object) {
    let ending = async {
        // Simple protocol: works in an aborted transaction too; the backend ends
        // itself, so this fails with 57P01 and the socket closes.
        let _ = object
            .batch_execute("ROLLBACK; SELECT pg_terminate_backend(pg_backend_pid())")
            .await;
        while !object.is_closed() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    };
    let _ = tokio::time::timeout(END_SESSION_LIMIT, ending).await;
    drop(deadpool_postgres::Object::take(object));
}
