//! `DeferredTransaction`: what `pool.transaction()` returns synchronously on a
//! deferred pool; `begin/commit/rollback/execute` wait for the real transaction.

use super::source::{forwarding_methods, Source};

#[napi_derive::napi]
pub struct DeferredTransaction {
    pub(crate) source: Source,
}

impl DeferredTransaction {
    fn source(&self) -> Source {
        self.source.clone()
    }
}

#[napi_derive::napi]
impl DeferredTransaction {
    #[napi(getter)]
    pub fn driver_type(&self) -> String {
        self.source.driver_type().to_owned()
    }
}

forwarding_methods! { DeferredTransaction via None;
    begin => "begin" (;) "" -> "Promise<void>";
    commit => "commit" (;) "" -> "Promise<void>";
    rollback => "rollback" (; error) "error?: unknown" -> "Promise<void>";
    with_transaction => "withTransaction" (handle; options) "handle: (tx: any) => unknown, options?: object" -> "Promise<any>";
}
