//! The deferred three layers (RFC 3.1, 3.2, 4.2.1): a pool that `dumbo()` returns
//! synchronously before its plugin is loaded, the transactions it hands out
//! synchronously, and the executors behind `pool.execute` / `tx.execute`.
//! Once the real pool exists, every call is forwarded to it directly.

pub mod executor;
pub mod pool;
pub mod source;
pub mod transaction;
