//! Pools shared by key across the process, with a user count (upstream
//! `getPgPool`/`endPgPool`/`endAllPgPools`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use dumbo_core::Result;

use super::PgPool;

struct Entry {
    pool: Arc<PgPool>,
    users: usize,
}

fn registry() -> MutexGuard<'static, HashMap<String, Entry>> {
    static REGISTRY: OnceLock<Mutex<HashMap<String, Entry>>> = OnceLock::new();
    REGISTRY
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// The pool for `key` (`"{connectionString}|{database}"`), created with `make`
/// on first use; every call counts one more user. `make` runs under the registry
/// lock, so it must not call back into this module.
pub fn acquire_shared(key: &str, make: impl FnOnce() -> Result<PgPool>) -> Result<Arc<PgPool>> {
    let mut pools = registry();
    if let Some(entry) = pools.get_mut(key).filter(|e| !e.pool.is_closed()) {
        entry.users += 1;
        return Ok(entry.pool.clone());
    }
    let pool = Arc::new(make()?);
    pools.insert(
        key.to_owned(),
        Entry {
            pool: pool.clone(),
            users: 1,
        },
    );
    Ok(pool)
}

/// Counts one user less; closes and forgets the pool when none is left (or at
/// once with `force`). Returns whether the pool was closed.
pub fn release_shared(key: &str, force: bool) -> bool {
    let mut pools = registry();
    let Some(entry) = pools.get_mut(key) else {
        return false;
    };
    entry.users = entry.users.saturating_sub(1);
    if entry.users > 0 && !force {
        return false;
    }
    if let Some(entry) = pools.remove(key) {
        entry.pool.close();
    }
    true
}

/// Closes and forgets every shared pool.
pub fn close_all_shared() {
    let drained: Vec<Entry> = registry().drain().map(|(_, entry)| entry).collect();
    for entry in drained {
        entry.pool.close();
    }
}

/// Closes and forgets the shared pools whose key `matches` (the pools of one event
/// loop, when that loop goes away).
pub fn close_shared_where(matches: impl Fn(&str) -> bool) {
    let drained: Vec<Entry> = {
        let mut pools = registry();
        let keys: Vec<String> = pools.keys().filter(|k| matches(k)).cloned().collect();
        keys.iter().filter_map(|k| pools.remove(k)).collect()
    };
    for entry in drained {
        entry.pool.close();
    }
}
