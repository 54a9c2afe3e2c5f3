//! A connection together with statements kept prepared in numbered slots.
//!
//! A caller that names its statements by number (the binding numbers the query texts it
//! remembers) runs a statement from its slot. rusqlite's statement cache, which serves
//! SQL given only as text, costs a hash of the text, an LRU update and a re-insertion on
//! every run; a slot is an index.

use std::cell::RefCell;

use rusqlite::{Connection, Statement};
use self_cell::self_cell;

type Slots<'conn> = RefCell<Vec<Option<Statement<'conn>>>>;

self_cell!(
    /// The connection and the statements kept on it. The statements borrow the
    /// connection, so they are finalized before it closes (`into_owner`).
    pub(crate) struct KeptConnection {
        owner: Connection,
        #[not_covariant]
        dependent: Slots,
    }
);

impl KeptConnection {
    pub(crate) fn open(conn: Connection) -> Self {
        KeptConnection::new(conn, |_| RefCell::new(Vec::new()))
    }

    pub(crate) fn conn(&self) -> &Connection {
        self.borrow_owner()
    }

    /// Runs the statement in `slot` with `run`, preparing `sql` into the slot first
    /// when it is empty. SQL that does not prepare as one statement (or holds a NUL) is
    /// never kept: for it the answer is `None`, and the caller runs it some other way.
    /// The statement leaves its slot while it runs, so nothing that `run` calls can
    /// reach it; its bound values are cleared afterwards (a kept statement does not
    /// hold on to a large parameter).
    pub(crate) fn with_slot<T>(
        &self,
        slot: usize,
        sql: &str,
        run: impl FnOnce(&mut Statement<'_>) -> T,
    ) -> Option<T> {
        self.with_dependent(|conn, slots| {
            let taken = slots.borrow_mut().get_mut(slot).and_then(Option::take);
            let mut stmt = match taken {
                Some(stmt) => stmt,
                // SQLite would stop reading at a NUL: such text goes to the caller's
                // other path, which refuses it.
                None if sql.contains('\0') => return None,
                None => match conn.prepare(sql) {
                    Ok(stmt) => stmt,
                    Err(_) => return None,
                },
            };
            let result = run(&mut stmt);
            stmt.clear_bindings();
            let mut slots = slots.borrow_mut();
            if slots.len() <= slot {
                slots.resize_with(slot + 1, || None);
            }
            slots[slot] = Some(stmt);
            Some(result)
        })
    }

    /// Finalizes every kept statement; their slots become empty.
    pub(crate) fn forget(&self) {
        self.with_dependent(|_, slots| slots.borrow_mut().clear());
    }

    /// The connection, once every kept statement is finalized.
    pub(crate) fn into_connection(self) -> Connection {
        self.into_owner()
    }
}
