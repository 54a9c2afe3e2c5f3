//! Tokio task handles for connections whose driver runs on the event loop.
//!
//! deadpool keeps a `JoinHandle` per connection and aborts it when it drops the
//! connection. A connection on the loop is driven by a loop task, so its handle only
//! has to exist. It belongs to a task on a current-thread runtime that the loop's
//! thread drives itself: spawning, finishing or aborting such a task wakes no thread,
//! where a task on the multi-thread runtime woke a worker each time (about five
//! context switches per connection opened and closed).

use tokio::runtime::{Builder, Runtime};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

thread_local! {
    /// One per loop thread, never dropped: a runtime cannot be dropped from a thread
    /// local's destructor, and what it holds at thread exit is a few finished tasks.
    static SHELL: Option<&'static Runtime> = Builder::new_current_thread()
        .build()
        .ok()
        .map(|runtime| &*Box::leak(Box::new(runtime)));
}

/// A handle to a task that ends when `finished` is sent or dropped. Call on the loop's
/// thread; `finished` comes back if this thread cannot hold such a task.
pub(super) fn handle(
    finished: oneshot::Receiver<()>,
) -> Result<JoinHandle<()>, oneshot::Receiver<()>> {
    let Some(shell) = SHELL.with(|shell| *shell) else {
        return Err(finished);
    };
    // Runs the tasks that finished or were aborted since the last call, which frees
    // them. `block_on` refuses (panics) on a thread inside another runtime.
    if std::panic::catch_unwind(|| shell.block_on(tokio::task::yield_now())).is_err() {
        return Err(finished);
    }
    Ok(shell.spawn(async move {
        let _ = finished.await;
    }))
}
