//! A pool's connections whose driver task still runs on the event loop, so that
//! closing the pool can wait until each has sent `Terminate` and shut its socket.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

#[derive(Default)]
pub(crate) struct Live {
    count: AtomicUsize,
    ended: Notify,
}

/// One running driver; dropped when it ends.
pub(crate) struct Running(Arc<Live>);

impl Live {
    pub(crate) fn start(self: &Arc<Self>) -> Running {
        self.count.fetch_add(1, Ordering::AcqRel);
        Running(self.clone())
    }

    /// Resolves once no driver runs.
    pub(crate) async fn all_ended(&self) {
        loop {
            let ended = self.ended.notified();
            tokio::pin!(ended);
            ended.as_mut().enable();
            if self.count.load(Ordering::Acquire) == 0 {
                return;
            }
            ended.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.ended.notify_waiters();
        }
    }
}
