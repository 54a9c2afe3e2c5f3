//! The plugin registry's rules (registration, conflicts, lookup by connector),
//! independent of what a plugin or a loader is. The napi binding instantiates it with
//! JavaScript references; tests use plain values.

use crate::{Error, ErrorKind, Result};

/// One registry slot.
#[derive(Debug)]
pub enum Entry<P, L, W> {
    /// A lazy loader that has not run yet (or whose last run failed).
    Lazy(L),
    /// A lazy loader that is running; `W` is what waiters share (a promise).
    Loading(L, W),
    /// A loaded plugin.
    Concrete(P),
    /// Only seen for an instant while a slot changes state; never left in the registry.
    Vacant,
}

/// What a registration did, so the caller can release what was replaced.
#[derive(Debug, PartialEq)]
pub enum Registered<L, W> {
    /// The connector was new.
    Added,
    /// A concrete plugin replaced a lazy entry (returned so it can be released).
    ReplacedLazy(L, Option<W>),
    /// Nothing changed (same plugin again, or a lazy loader over an existing entry).
    Unchanged,
}

/// Registry state in registration order.
#[derive(Debug)]
pub struct Registry<P, L, W> {
    entries: Vec<(String, Entry<P, L, W>)>,
}

impl<P, L, W> Default for Registry<P, L, W> {
    fn default() -> Self {
        Registry {
            entries: Vec::new(),
        }
    }
}

/// `<DatabaseType>:<driver>` with both parts non-empty.
pub fn validate_connector(connector: &str) -> std::result::Result<(), String> {
    match connector.split_once(':') {
        Some((db, driver)) if !db.is_empty() && !driver.is_empty() => Ok(()),
        _ => Err(format!(
            "Invalid connector '{connector}': expected '<DatabaseType>:<driver>', e.g. 'SQLite:sqlite3'"
        )),
    }
}

pub fn already_registered(connector: &str) -> Error {
    Error::new(
        ErrorKind::PluginAlreadyRegistered,
        format!("Plugin already registered for connector: {connector}"),
    )
}

pub fn not_registered(connector: &str) -> Error {
    Error::not_registered(format!("No plugin registered for connector: {connector}"))
}

/// `dumbo({ driverType })` for a driver type nobody registered (upstream's message).
pub fn no_driver_for(driver_type: &str) -> Error {
    Error::not_registered(format!("No plugin found for driver type: {driver_type}"))
}

impl<P, L, W> Registry<P, L, W> {
    fn position(&self, connector: &str) -> Option<usize> {
        self.entries.iter().position(|(c, _)| c == connector)
    }

    pub fn entry(&self, connector: &str) -> Option<&Entry<P, L, W>> {
        self.position(connector).map(|i| &self.entries[i].1)
    }

    /// Registers a loaded plugin. `same` tells whether two plugins are the same object.
    pub fn register_concrete(
        &mut self,
        connector: &str,
        plugin: P,
        same: impl Fn(&P, &P) -> bool,
    ) -> Result<Registered<L, W>> {
        let Some(i) = self.position(connector) else {
            self.entries
                .push((connector.to_owned(), Entry::Concrete(plugin)));
            return Ok(Registered::Added);
        };
        match &self.entries[i].1 {
            Entry::Concrete(existing) if same(existing, &plugin) => Ok(Registered::Unchanged),
            Entry::Concrete(_) => Err(already_registered(connector)),
            Entry::Lazy(_) | Entry::Loading(_, _) | Entry::Vacant => {
                let old = std::mem::replace(&mut self.entries[i].1, Entry::Concrete(plugin));
                Ok(match old {
                    Entry::Lazy(l) => Registered::ReplacedLazy(l, None),
                    Entry::Loading(l, w) => Registered::ReplacedLazy(l, Some(w)),
                    Entry::Concrete(_) | Entry::Vacant => Registered::Added,
                })
            }
        }
    }

    /// Registers a lazy loader; a no-op when the connector already has any entry.
    /// Returns the loader back when it was not stored, so the caller can release it.
    pub fn register_lazy(&mut self, connector: &str, loader: L) -> Option<L> {
        if self.position(connector).is_some() {
            return Some(loader);
        }
        self.entries
            .push((connector.to_owned(), Entry::Lazy(loader)));
        None
    }

    /// Marks a lazy entry as loading with the shared waiter `w`.
    /// Returns `false` (and gives `w` back) when the entry is not lazy any more.
    pub fn start_loading(&mut self, connector: &str, w: W) -> std::result::Result<(), W> {
        let Some(i) = self.position(connector) else {
            return Err(w);
        };
        let slot = &mut self.entries[i].1;
        match std::mem::replace(slot, Entry::Vacant) {
            Entry::Lazy(l) => {
                *slot = Entry::Loading(l, w);
                Ok(())
            }
            other => {
                *slot = other;
                Err(w)
            }
        }
    }

    /// A loader failed: the entry goes back to lazy so the next use retries.
    /// Returns the waiter that was shared while loading.
    pub fn loading_failed(&mut self, connector: &str) -> Option<W> {
        let i = self.position(connector)?;
        let slot = &mut self.entries[i].1;
        match std::mem::replace(slot, Entry::Vacant) {
            Entry::Loading(l, w) => {
                *slot = Entry::Lazy(l);
                Some(w)
            }
            other => {
                *slot = other;
                None
            }
        }
    }

    /// The loaded plugin, if the connector has one (lazy entries are skipped).
    pub fn try_get(&self, connector: &str) -> Option<&P> {
        match self.entry(connector) {
            Some(Entry::Concrete(p)) => Some(p),
            _ => None,
        }
    }

    pub fn has(&self, connector: &str) -> bool {
        self.position(connector).is_some()
    }

    pub fn list(&self) -> Vec<&str> {
        self.entries.iter().map(|(c, _)| c.as_str()).collect()
    }

    /// Loaded plugins in registration order (for `canHandle` scans).
    pub fn concrete(&self) -> impl Iterator<Item = (&str, &P)> {
        self.entries.iter().filter_map(|(c, e)| match e {
            Entry::Concrete(p) => Some((c.as_str(), p)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type R = Registry<&'static str, u32, u8>;

    #[test]
    fn concrete_replaces_lazy_and_same_plugin_is_a_no_op() {
        let mut r = R::default();
        assert_eq!(r.register_lazy("SQLite:sqlite3", 1), None);
        assert!(r.try_get("SQLite:sqlite3").is_none());
        assert!(r.has("SQLite:sqlite3"));
        let out = r.register_concrete("SQLite:sqlite3", "p", |a, b| a == b);
        assert_eq!(out, Ok(Registered::ReplacedLazy(1, None)));
        assert_eq!(r.try_get("SQLite:sqlite3"), Some(&"p"));
        assert_eq!(
            r.register_concrete("SQLite:sqlite3", "p", |a, b| a == b),
            Ok(Registered::Unchanged)
        );
        let err = r
            .register_concrete("SQLite:sqlite3", "q", |a, b| a == b)
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::PluginAlreadyRegistered);
        assert_eq!(
            err.message,
            "Plugin already registered for connector: SQLite:sqlite3"
        );
        // A lazy loader never replaces a concrete plugin.
        assert_eq!(r.register_lazy("SQLite:sqlite3", 2), Some(2));
        assert_eq!(r.try_get("SQLite:sqlite3"), Some(&"p"));
    }

    #[test]
    fn list_keeps_registration_order() {
        let mut r = R::default();
        r.register_lazy("PostgreSQL:pg", 1);
        r.register_lazy("SQLite:sqlite3", 2);
        let _ = r.register_concrete("DuckDB:nodejs", "d", |a, b| a == b);
        assert_eq!(
            r.list(),
            vec!["PostgreSQL:pg", "SQLite:sqlite3", "DuckDB:nodejs"]
        );
    }

    #[test]
    fn loading_failure_goes_back_to_lazy() {
        let mut r = R::default();
        r.register_lazy("SQLite:sqlite3", 1);
        assert_eq!(r.start_loading("SQLite:sqlite3", 9), Ok(()));
        assert!(matches!(
            r.entry("SQLite:sqlite3"),
            Some(Entry::Loading(1, 9))
        ));
        assert_eq!(r.loading_failed("SQLite:sqlite3"), Some(9));
        assert!(matches!(r.entry("SQLite:sqlite3"), Some(Entry::Lazy(1))));
        assert_eq!(r.start_loading("Nope:x", 3), Err(3));
    }

    #[test]
    fn connectors_are_validated() {
        assert!(validate_connector("SQLite:sqlite3").is_ok());
        assert!(validate_connector("sqlite").is_err());
        assert!(validate_connector(":x").is_err());
        assert!(validate_connector("X:").is_err());
    }
}
