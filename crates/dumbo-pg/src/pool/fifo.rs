//! Hands out pooled connections in call order.
//!
//! deadpool's semaphore is fair: waiters are served in the order they first poll
//! `Pool::get()`. But every call from JS runs as a task of its own on a
//! multi-threaded runtime, so two calls made one after the other can reach the
//! semaphore in either order, and with the pool exhausted a later call could
//! overtake earlier ones. A [`Ticket`] is taken synchronously when the call is made;
//! it waits until the previous ticket's caller has entered the semaphore's queue
//! (its first poll of `get()`) before entering itself, so the queue order is the
//! call order.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::{Mutex, PoisonError};
use std::task::Poll;

use tokio::sync::oneshot;

/// The end of the chain of tickets.
#[derive(Default)]
pub(super) struct Fifo {
    last: Mutex<Option<oneshot::Receiver<()>>>,
}

/// A place in the queue, taken when a call is made (see the module docs).
pub struct Ticket {
    previous: Option<oneshot::Receiver<()>>,
    entered: oneshot::Sender<()>,
}

impl Fifo {
    /// The next place in the queue. Synchronous: the order of `ticket()` calls is
    /// the order callers enter the queue.
    pub(super) fn ticket(&self) -> Ticket {
        let (entered, next) = oneshot::channel();
        let previous = self
            .last
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(next);
        Ticket { previous, entered }
    }
}

impl Ticket {
    /// Waits until every earlier ticket has entered, polls `queue` once (its first
    /// poll must put the caller in the queue it stands for), lets the next ticket
    /// in, then finishes `queue`. A ticket dropped unused lets the next one in too.
    pub(super) async fn enter<F: Future>(self, queue: F) -> F::Output {
        if let Some(previous) = self.previous {
            // An error only means the previous caller gave up: our turn either way.
            let _ = previous.await;
        }
        let mut queue = pin!(queue);
        let first = poll_fn(|cx| Poll::Ready(queue.as_mut().poll(cx))).await;
        let _ = self.entered.send(());
        match first {
            Poll::Ready(output) => output,
            Poll::Pending => queue.await,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use tokio::sync::Semaphore;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn waiters_are_served_in_ticket_order_whatever_the_task_order() {
        const N: usize = 64;
        let fifo = Fifo::default();
        let semaphore = Arc::new(Semaphore::new(0));
        let served = Arc::new(Mutex::new(Vec::new()));
        let tickets: Vec<Ticket> = (0..N).map(|_| fifo.ticket()).collect();
        // Spawned in reverse order: without the tickets the semaphore would see the
        // last caller first.
        let mut tasks = Vec::new();
        for (i, ticket) in tickets.into_iter().enumerate().rev() {
            let semaphore = semaphore.clone();
            let served = served.clone();
            tasks.push(tokio::spawn(async move {
                let permit = ticket.enter(semaphore.acquire()).await.expect("open");
                served.lock().expect("lock").push(i);
                permit.forget();
            }));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        for k in 0..N {
            // One permit at a time, and wait until it was taken: the order of
            // `served` is then the semaphore's queue order.
            semaphore.add_permits(1);
            tokio::time::timeout(Duration::from_secs(5), async {
                while served.lock().expect("lock").len() <= k {
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            })
            .await
            .expect("a waiter took the permit");
        }
        for task in tasks {
            task.await.expect("task");
        }
        let order = served.lock().expect("lock").clone();
        assert_eq!(order, (0..N).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_dropped_ticket_does_not_block_the_next_one() {
        let fifo = Fifo::default();
        let first = fifo.ticket();
        let second = fifo.ticket();
        drop(first);
        let out = tokio::time::timeout(Duration::from_secs(5), second.enter(async { 7 }))
            .await
            .expect("not blocked");
        assert_eq!(out, 7);
    }

    #[tokio::test]
    async fn an_immediately_ready_future_lets_the_next_ticket_in() {
        let fifo = Fifo::default();
        let first = fifo.ticket();
        let second = fifo.ticket();
        assert_eq!(first.enter(async { 1 }).await, 1);
        assert_eq!(second.enter(async { 2 }).await, 2);
    }
}
