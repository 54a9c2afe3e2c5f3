//! `DeferredExecutor`: `pool.execute` / `tx.execute` before the real one exists.

use super::source::{forwarding_methods, Source};

#[napi_derive::napi]
pub struct DeferredExecutor {
    pub(crate) source: Source,
}

impl DeferredExecutor {
    fn source(&self) -> Source {
        self.source.clone()
    }
}

forwarding_methods! { DeferredExecutor via Some("execute");
    query => "query" (sql; options) "sql: object, options?: object" -> "Promise<any>";
    batch_query => "batchQuery" (sqls; options) "sqls: Array<object>, options?: object" -> "Promise<any>";
    command => "command" (sql; options) "sql: object, options?: object" -> "Promise<any>";
    batch_command => "batchCommand" (sqls; options) "sqls: Array<object>, options?: object" -> "Promise<any>";
}
