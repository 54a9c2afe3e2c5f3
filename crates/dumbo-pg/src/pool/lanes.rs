//! Pipelining for the pool's own statements (`PgPool::execute`): an autocommit
//! statement that would wait for a free connection joins one that is already running
//! statements instead. tokio-postgres pipelines the statements of one client: each
//! goes out at once with its own Sync, so the server runs them back to back and a
//! failure in one leaves the others alone.
//!
//! A connection checked out for `execute` is a lane while it has statements in
//! flight; when the last one ends it leaves the lane list and goes back to the pool.
//! Lanes are joined only while no caller waits for a connection of its own (a
//! transaction), so pipelined work never starves one: the lanes drain and their
//! connections go back to the pool's queue.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use dumbo_core::{Result, SqlValue};

use super::{PgPool, Ticket};
use crate::client::{ExecOptions, PgClient, QueryOutcome};

impl PgPool {
    /// Runs one autocommit statement on a pooled connection: one of its own, or, when
    /// none is free, pipelined on a connection already running such statements (see
    /// `lanes.rs`), also while it waits for one. A statement with a timeout always
    /// gets a connection of its own (its `SET statement_timeout` is session state).
    pub async fn execute(
        &self,
        ticket: Ticket,
        sql: &str,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome> {
        if opts.timeout.is_some_and(|t| !t.is_zero()) {
            let client = self.acquire_after(ticket).await?;
            return client.execute(sql, params, opts).await;
        }
        if let Some(share) = self.join_lane() {
            drop(ticket);
            return share.client().execute(sql, params, opts).await;
        }
        let mut acquire = std::pin::pin!(self.acquire_queued(ticket));
        let client = loop {
            let lane_changed = self.lanes.changed();
            tokio::select! {
                biased;
                client = &mut acquire => break client?,
                () = lane_changed => {
                    if let Some(share) = self.join_lane() {
                        return share.client().execute(sql, params, opts).await;
                    }
                }
            }
        };
        let share = self.lanes.start(client);
        share.client().execute(sql, params, opts).await
    }

    /// A lane to pipeline on, when getting a connection would mean waiting and no
    /// caller waits for a connection of its own.
    fn join_lane(&self) -> Option<LaneShare> {
        let status = self.pool.status();
        let free = status.available > 0 || status.size < status.max_size;
        if free
            || self
                .exclusive_waiters
                .load(std::sync::atomic::Ordering::SeqCst)
                > 0
        {
            return None;
        }
        self.lanes.join()
    }
}

/// How many statements one connection carries at most before callers wait instead.
const MAX_PIPELINE_DEPTH: usize = 32;

#[derive(Default)]
pub(super) struct Lanes {
    open: Mutex<Vec<Arc<Lane>>>,
    /// Signalled when a lane opens or has room again, for statements that wait.
    changed: tokio::sync::Notify,
}

struct Lane {
    client: PgClient,
    in_flight: AtomicUsize,
}

/// One statement's share of a lane; the lane closes with its last share.
pub(super) struct LaneShare {
    lanes: Arc<Lanes>,
    lane: Arc<Lane>,
}

impl Lanes {
    fn open_lanes(&self) -> MutexGuard<'_, Vec<Arc<Lane>>> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Completes when a lane opens or gets room (a waiting statement may join).
    pub(super) fn changed(&self) -> tokio::sync::futures::Notified<'_> {
        self.changed.notified()
    }

    /// A share of the least busy lane that can take one more statement.
    pub(super) fn join(self: &Arc<Self>) -> Option<LaneShare> {
        let open = self.open_lanes();
        let lane = open
            .iter()
            .filter(|l| l.client.is_reusable())
            .min_by_key(|l| l.in_flight.load(Ordering::Relaxed))
            .filter(|l| l.in_flight.load(Ordering::Relaxed) < MAX_PIPELINE_DEPTH)?
            .clone();
        // Counted under the lock, so the lane cannot close in between.
        lane.in_flight.fetch_add(1, Ordering::Relaxed);
        Some(LaneShare {
            lanes: self.clone(),
            lane,
        })
    }

    /// Makes a freshly checked-out connection a lane, with one statement in flight.
    pub(super) fn start(self: &Arc<Self>, client: PgClient) -> LaneShare {
        let lane = Arc::new(Lane {
            client,
            in_flight: AtomicUsize::new(1),
        });
        self.open_lanes().push(lane.clone());
        self.changed.notify_waiters();
        LaneShare {
            lanes: self.clone(),
            lane,
        }
    }
}

impl LaneShare {
    pub(super) fn client(&self) -> &PgClient {
        &self.lane.client
    }
}

impl Drop for LaneShare {
    fn drop(&mut self) {
        let mut open = self.lanes.open_lanes();
        if self.lane.in_flight.fetch_sub(1, Ordering::Relaxed) == 1 {
            // The last statement: the connection goes back to the pool once the
            // last reference (this one's or a late joiner's) is gone.
            open.retain(|l| !Arc::ptr_eq(l, &self.lane));
        } else {
            drop(open);
            self.lanes.changed.notify_waiters();
        }
    }
}
