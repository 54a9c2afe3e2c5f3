//! The task queue of one libuv loop: futures polled on the loop's thread only.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, ThreadId};

use crate::ffi::{self, uv_handle_t, uv_loop_t};
use crate::stream::StreamInner;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// Wraps every run of the queue that starts in a libuv callback rather than in a JS
/// call: the binding opens its handle and callback scopes around it, so promises the
/// tasks settle run their reactions when the scope closes.
pub type RunHook = Box<dyn Fn(&mut dyn FnMut())>;

/// The task queue of one loop. Cloning shares it.
#[derive(Clone)]
pub struct EventLoop {
    pub(crate) shared: Arc<Shared>,
}

pub(crate) struct Shared {
    pub(crate) lp: *mut uv_loop_t,
    pub(crate) thread: ThreadId,
    queue: Mutex<Queue>,
    /// The queue is being run (on the loop thread): a wake there only queues.
    running: AtomicBool,
    /// Spawned tasks that JS awaits; while any is pending the loop stays alive.
    awaited: AtomicUsize,
    /// Wakes the loop from any thread; unreferenced unless a task is awaited.
    wakeup: *mut uv_handle_t,
    hook: RunHook,
    runtime: Option<tokio::runtime::Handle>,
    pub(crate) streams: Mutex<Vec<Weak<StreamInner>>>,
}

// SAFETY: the raw loop and handle pointers and the hook are used only on `thread`
// (checked); the queue and counters are synchronized; `uv_async_send` is the one
// libuv call made from other threads, and only while the queue is open.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

struct Queue {
    tasks: VecDeque<Arc<Task>>,
    /// The loop is going away: nothing more is queued or woken.
    closed: bool,
}

struct Task {
    future: Mutex<Option<BoxFuture>>,
    queued: AtomicBool,
    owner: Weak<Shared>,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let task = self;
        if task.queued.swap(true, Ordering::AcqRel) {
            return;
        }
        if let Some(shared) = task.owner.upgrade() {
            shared.schedule(task.clone());
        }
    }
}

impl EventLoop {
    /// The queue of `lp`, the loop of the calling thread. `hook` wraps runs started
    /// by libuv; `runtime` is entered while tasks run, for tokio's timers.
    ///
    /// # Safety
    /// `lp` is the running libuv loop of the calling thread, and [`close`](Self::close)
    /// is called on this thread before that loop is closed.
    pub unsafe fn new(
        lp: *mut uv_loop_t,
        hook: RunHook,
        runtime: Option<tokio::runtime::Handle>,
    ) -> io::Result<EventLoop> {
        if !ffi::available() {
            return Err(io::Error::other(
                "libuv's functions are not in this process",
            ));
        }
        let wakeup = ffi::alloc_handle(ffi::UV_ASYNC)
            .ok_or_else(|| io::Error::other("libuv's async handle is larger than expected"))?;
        let rc = ffi::uv_async_init(lp, wakeup, on_wakeup);
        if rc != 0 {
            ffi::free_handle(wakeup);
            return Err(io::Error::other(format!("uv_async_init failed ({rc})")));
        }
        ffi::uv_unref(wakeup);
        let shared = Arc::new(Shared {
            lp,
            thread: thread::current().id(),
            queue: Mutex::new(Queue {
                tasks: VecDeque::new(),
                closed: false,
            }),
            running: AtomicBool::new(false),
            awaited: AtomicUsize::new(0),
            wakeup,
            hook,
            runtime,
            streams: Mutex::new(Vec::new()),
        });
        // The handle holds a reference until its close callback.
        ffi::uv_handle_set_data(wakeup, Arc::into_raw(shared.clone()) as *mut c_void);
        Ok(EventLoop { shared })
    }

    /// Whether the caller runs on this loop's thread.
    pub fn is_current(&self) -> bool {
        thread::current().id() == self.shared.thread
    }

    /// Queues `fut` and runs the queue now if the caller is on the loop's thread and
    /// not already inside a run (the write a statement starts with happens here).
    /// With `awaited`, the loop stays alive until `fut` completes.
    pub fn spawn<F>(&self, fut: F, awaited: bool)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let fut: BoxFuture = if awaited && self.is_current() {
            self.shared.hold();
            let shared = self.shared.clone();
            Box::pin(async move {
                fut.await;
                shared.unhold();
            })
        } else {
            Box::pin(fut)
        };
        let task = Arc::new(Task {
            future: Mutex::new(Some(fut)),
            queued: AtomicBool::new(true),
            owner: Arc::downgrade(&self.shared),
        });
        if self.is_current() {
            // Runs now, or in the run this call is inside of: no wakeup to send.
            self.shared.enqueue(task);
            self.shared.run_inline();
        } else {
            self.shared.schedule(task);
        }
    }

    /// Closes the loop's handles (its wakeup and every socket's poll handle) and drops
    /// the queued tasks. Call on the loop's thread before the loop itself closes (a
    /// Node environment's cleanup); sockets then fail their next read or write.
    pub fn close(&self) {
        if !self.is_current() {
            return;
        }
        let tasks = {
            let mut queue = lock(&self.shared.queue);
            if queue.closed {
                return;
            }
            queue.closed = true;
            std::mem::take(&mut queue.tasks)
        };
        drop(tasks);
        let streams = std::mem::take(&mut *lock(&self.shared.streams));
        for stream in streams.iter().filter_map(Weak::upgrade) {
            stream.close_handle();
        }
        // SAFETY: on the loop thread; the queue is closed, so no thread sends to the
        // handle any more.
        unsafe { ffi::uv_close(self.shared.wakeup, on_wakeup_closed) };
    }
}

impl Shared {
    /// Queues `task` without waking the loop (the caller runs the queue).
    fn enqueue(&self, task: Arc<Task>) {
        let mut queue = lock(&self.queue);
        if !queue.closed {
            queue.tasks.push_back(task);
        }
    }

    fn schedule(&self, task: Arc<Task>) {
        let mut queue = lock(&self.queue);
        if queue.closed {
            return;
        }
        queue.tasks.push_back(task);
        let on_thread_running =
            self.running.load(Ordering::Acquire) && thread::current().id() == self.thread;
        if !on_thread_running {
            // SAFETY: the handle stays open while the queue is open (checked under
            // the same lock `close` takes); uv_async_send is thread-safe.
            unsafe { ffi::uv_async_send(self.wakeup) };
        }
    }

    /// Runs the queue in a JS call (no hook: the caller's scope is open).
    fn run_inline(&self) {
        if self.running.swap(true, Ordering::AcqRel) {
            return;
        }
        self.run_queue();
        self.running.store(false, Ordering::Release);
    }

    /// Runs the queue from a libuv callback, after `before` (which wakes tasks).
    pub(crate) fn dispatch(&self, before: impl FnOnce()) {
        if self.running.swap(true, Ordering::AcqRel) {
            before();
            return;
        }
        before();
        let mut run = || {
            self.run_queue();
            // Cleared before the hook closes its callback scope: promise reactions
            // then run, and a statement they start is written at once.
            self.running.store(false, Ordering::Release);
        };
        (self.hook)(&mut run);
        self.running.store(false, Ordering::Release);
    }

    fn run_queue(&self) {
        let _runtime = self.runtime.as_ref().map(|r| r.enter());
        loop {
            let Some(task) = lock(&self.queue).tasks.pop_front() else {
                break;
            };
            task.queued.store(false, Ordering::Release);
            let waker = Waker::from(task.clone());
            let mut cx = Context::from_waker(&waker);
            let mut slot = lock(&task.future);
            let done = match slot.as_mut() {
                Some(fut) => !matches!(
                    catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(&mut cx))),
                    Ok(Poll::Pending)
                ),
                None => false,
            };
            if done {
                *slot = None;
            }
        }
    }

    fn hold(&self) {
        if self.awaited.fetch_add(1, Ordering::AcqRel) == 0 {
            // SAFETY: on the loop thread (callers check).
            unsafe { ffi::uv_ref(self.wakeup) };
        }
    }

    fn unhold(&self) {
        if self.awaited.fetch_sub(1, Ordering::AcqRel) == 1
            && thread::current().id() == self.thread
            && !lock(&self.queue).closed
        {
            // SAFETY: on the loop thread, the handle still open.
            unsafe { ffi::uv_unref(self.wakeup) };
        }
    }
}

extern "C" fn on_wakeup(handle: *mut uv_handle_t) {
    // SAFETY: the data is the Shared the handle holds a reference to until closed.
    let shared = unsafe { &*(ffi::uv_handle_get_data(handle) as *const Shared) };
    shared.dispatch(|| {});
}

extern "C" fn on_wakeup_closed(handle: *mut uv_handle_t) {
    // SAFETY: the reference taken in `new`, released once; then the memory.
    unsafe {
        drop(Arc::from_raw(
            ffi::uv_handle_get_data(handle) as *const Shared
        ));
        ffi::free_handle(handle);
    }
}

/// Locks, ignoring poisoning: a panic in a task is caught and the data stays valid.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::EventLoop;

    #[test]
    fn without_libuv_in_the_process_no_event_loop_is_made() {
        // A Rust test binary has no libuv: the binding then takes the threaded path.
        assert!(!crate::ffi::available());
        // SAFETY: `new` returns before touching the loop when libuv is missing.
        let made = unsafe { EventLoop::new(std::ptr::null_mut(), Box::new(|run| run()), None) };
        assert!(made.is_err());
    }
}
