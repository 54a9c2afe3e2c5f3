//! The state of a deferred (lazily created) pool, the successor of upstream's removed
//! `createDeferredConnectionPool`. Nothing is loaded until first use; loading happens
//! once however many calls race for it; a failed load is retried on the next use;
//! closing before first use loads nothing.

/// Where a deferred value stands. `W` is what concurrent callers share while loading
/// (a promise in the binding), `T` the loaded value.
#[derive(Debug, Default)]
pub enum Deferred<T, W> {
    #[default]
    Idle,
    Loading(W),
    Ready(T),
    Closed,
}

/// What a caller must do to use the value.
#[derive(Debug, PartialEq)]
pub enum Use<'a, T, W> {
    Ready(&'a T),
    Wait(&'a W),
    /// Nobody is loading: start, then call [`Deferred::loading`].
    Load,
    Closed,
}

/// What `close()` must do.
#[derive(Debug, PartialEq)]
pub enum Close<T, W> {
    /// Never used (or already closed): nothing to do.
    Nothing,
    /// Close the loaded value.
    Value(T),
    /// Wait for the running load, then close what it produced.
    AfterLoad(W),
}

impl<T, W> Deferred<T, W> {
    pub fn use_value(&self) -> Use<'_, T, W> {
        match self {
            Deferred::Idle => Use::Load,
            Deferred::Loading(w) => Use::Wait(w),
            Deferred::Ready(t) => Use::Ready(t),
            Deferred::Closed => Use::Closed,
        }
    }

    pub fn loading(&mut self, waiter: W) {
        if matches!(self, Deferred::Idle) {
            *self = Deferred::Loading(waiter);
        }
    }

    /// The load finished. Returns the value back if the deferred was closed meanwhile
    /// (the caller must then close it).
    pub fn loaded(&mut self, value: T) -> Option<T> {
        match self {
            Deferred::Loading(_) | Deferred::Idle => {
                *self = Deferred::Ready(value);
                None
            }
            Deferred::Ready(_) | Deferred::Closed => Some(value),
        }
    }

    /// The load failed: back to idle so the next use retries (unless closed).
    pub fn failed(&mut self) {
        if matches!(self, Deferred::Loading(_)) {
            *self = Deferred::Idle;
        }
    }

    pub fn close(&mut self) -> Close<T, W> {
        match std::mem::replace(self, Deferred::Closed) {
            Deferred::Idle | Deferred::Closed => Close::Nothing,
            Deferred::Ready(t) => Close::Value(t),
            Deferred::Loading(w) => Close::AfterLoad(w),
        }
    }

    pub fn is_closed(&self) -> bool {
        matches!(self, Deferred::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_once_and_retries_after_failure() {
        let mut d: Deferred<u32, &str> = Deferred::default();
        assert_eq!(d.use_value(), Use::Load);
        d.loading("p1");
        assert_eq!(d.use_value(), Use::Wait(&"p1"));
        d.loading("p2"); // a second start while loading is ignored
        assert_eq!(d.use_value(), Use::Wait(&"p1"));
        d.failed();
        assert_eq!(d.use_value(), Use::Load);
        d.loading("p3");
        assert_eq!(d.loaded(7), None);
        assert_eq!(d.use_value(), Use::Ready(&7));
        assert_eq!(d.close(), Close::Value(7));
        assert_eq!(d.use_value(), Use::Closed);
        assert_eq!(d.close(), Close::Nothing);
    }

    #[test]
    fn close_before_first_use_loads_nothing() {
        let mut d: Deferred<u32, &str> = Deferred::default();
        assert_eq!(d.close(), Close::Nothing);
        assert!(d.is_closed());
        assert_eq!(d.use_value(), Use::Closed);
    }

    #[test]
    fn close_while_loading_closes_the_late_value() {
        let mut d: Deferred<u32, &str> = Deferred::default();
        d.loading("p");
        assert_eq!(d.close(), Close::AfterLoad("p"));
        assert_eq!(d.loaded(3), Some(3));
        d.failed();
        assert!(d.is_closed());
    }
}
