//! The connections a pool has handed out, so that closing it with `force` can abort
//! the work they do: every checked-out connection's running statement gets a cancel
//! request, and each of those connections refuses further statements, so the
//! caller's work rejects promptly (a `pg_sleep(3)` does not keep its session busy
//! after the pool was closed) and the connection is closed when it is released.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::client::Canceller;

/// Checked-out connections of one pool, by id.
#[derive(Default)]
pub(crate) struct InFlight {
    aborted: AtomicBool,
    next_id: AtomicU64,
    running: Mutex<HashMap<u64, Canceller>>,
}

/// A checked-out connection's entry; removed when the connection goes back.
pub(crate) struct Tracked {
    registry: Arc<InFlight>,
    id: u64,
}

impl InFlight {
    fn running(&self) -> MutexGuard<'_, HashMap<u64, Canceller>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a checked-out connection.
    pub(crate) fn track(self: &Arc<Self>, canceller: Canceller) -> Tracked {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.running().insert(id, canceller);
        Tracked {
            registry: self.clone(),
            id,
        }
    }

    /// Marks every connection (current and future) as aborted and returns the
    /// cancellers of those checked out now.
    pub(crate) fn abort(&self) -> Vec<Canceller> {
        self.aborted.store(true, Ordering::SeqCst);
        self.running().values().cloned().collect()
    }

    /// How many connections are checked out.
    pub(crate) fn len(&self) -> usize {
        self.running().len()
    }
}

impl Tracked {
    /// Whether the pool was closed with `force` since this connection was handed out.
    pub(crate) fn is_aborted(&self) -> bool {
        self.registry.aborted.load(Ordering::SeqCst)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.registry.running().remove(&self.id);
    }
}
