//! `DeferredExecutor`: `pool.execute` / `tx.execute` before the real one exists.

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};

use super::source::{args, forward_async, Source};
use crate::js;

#[napi_derive::napi]
pub struct DeferredExecutor {
    pub(crate) source: Source,
}

impl DeferredExecutor {
    fn call<'a>(
        &self,
        env: &'a Env,
        method: &'static std::ffi::CStr,
        sql: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let a = args(raw, &[Some(sql.raw()), options.map(|o| o.raw())])?;
        Ok(js::unknown(
            raw,
            forward_async(raw, &self.source, Some(c"execute"), method, &a)?,
        ))
    }
}

#[napi_derive::napi]
impl DeferredExecutor {
    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn query<'a>(
        &self,
        env: &'a Env,
        sql: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.call(env, c"query", sql, options)
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn batch_query<'a>(
        &self,
        env: &'a Env,
        sqls: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.call(env, c"batchQuery", sqls, options)
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn command<'a>(
        &self,
        env: &'a Env,
        sql: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.call(env, c"command", sql, options)
    }

    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn batch_command<'a>(
        &self,
        env: &'a Env,
        sqls: Unknown<'a>,
        options: Option<Unknown<'a>>,
    ) -> Result<Unknown<'a>> {
        self.call(env, c"batchCommand", sqls, options)
    }
}
