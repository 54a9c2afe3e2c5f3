//! `DeferredTransaction`: what `pool.transaction()` returns synchronously on a
//! deferred pool; `begin/commit/rollback/execute` wait for the real transaction.

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};

use super::source::{args, forward_async, Source};
use crate::js;

#[napi_derive::napi]
pub struct DeferredTransaction {
    pub(crate) source: Source,
}

#[napi_derive::napi]
impl DeferredTransaction {
    #[napi(getter)]
    pub fn driver_type(&self) -> String {
        self.source.driver_type().to_owned()
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn begin<'a>(&self, env: &'a Env) -> Result<Unknown<'a>> {
        let raw = env.raw();
        Ok(js::unknown(
            raw,
            forward_async(raw, &self.source, None, c"begin", &[])?,
        ))
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn commit<'a>(&self, env: &'a Env) -> Result<Unknown<'a>> {
        let raw = env.raw();
        Ok(js::unknown(
            raw,
            forward_async(raw, &self.source, None, c"commit", &[])?,
        ))
    }

    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn rollback<'a>(&self, env: &'a Env, error: Option<Unknown<'a>>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let a = args(raw, &[error.map(|e| e.raw())])?;
        Ok(js::unknown(
            raw,
            forward_async(raw, &self.source, None, c"rollback", &a)?,
        ))
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn with_transaction<'a>(
        &self,
        env: &'a Env,
        handle: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let a = args(raw, &[Some(handle.raw()), options.map(|o| o.raw())])?;
        Ok(js::unknown(
            raw,
            forward_async(raw, &self.source, None, c"withTransaction", &a)?,
        ))
    }
}
