//! The state behind one `SqliteDatabase`: the connection, the remembered query
//! texts, the pool's serializer. Each open database has a small integer handle, so
//! the per-statement entries (sqlite_calls.rs) find it without unwrapping a class
//! instance.

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_core::{Error as CoreError, SqlValue};
use dumbo_sql::{Dialect, Processors};
use dumbo_sqlite::SqliteConnection;
use napi::bindgen_prelude::{FunctionRef, Unknown};
use napi::{Env, JsValue, Result};

use crate::errors;
use crate::js::{self, Value};
use crate::sql_input::read_tokenized;
use crate::sqlite_rows::KnownColumns;
use crate::values::ValueReader;

/// A remembered query text and the column names JS last received for it.
pub struct Registered {
    pub text: String,
    pub columns: KnownColumns,
}

pub struct Database {
    pub conn: RefCell<Option<SqliteConnection>>,
    /// `Array.prototype.push`, for building result arrays.
    pub push: js::JsRef,
    /// Texts remembered by `statement`, indexed by id.
    pub statements: RefCell<Vec<Registered>>,
    /// Parameter values staged ahead of a statement with many of them.
    pub staged: RefCell<Vec<SqlValue>>,
    /// Serializes nested parameter values to JSON text (the pool's serializer).
    pub serializer: Option<FunctionRef<Unknown<'static>, String>>,
}

thread_local! {
    /// Open databases by handle. A slot is freed when its `SqliteDatabase` is
    /// finalized and reused afterwards: JS keeps a handle only next to its database
    /// object (lib/sqlite/connection.cjs), so a handle never outlives its slot.
    static OPEN: RefCell<Vec<Option<Rc<Database>>>> = const { RefCell::new(Vec::new()) };
}

/// Registers `db`; returns its handle.
pub fn register(db: Rc<Database>) -> u32 {
    OPEN.with(|open| {
        let mut open = open.borrow_mut();
        match open.iter().position(Option::is_none) {
            Some(free) => {
                open[free] = Some(db);
                free as u32
            }
            None => {
                open.push(Some(db));
                (open.len() - 1) as u32
            }
        }
    })
}

pub fn unregister(handle: u32) {
    // Finalizers may run while the thread-local is being torn down.
    let _ = OPEN.try_with(|open| {
        if let Some(slot) = open.borrow_mut().get_mut(handle as usize) {
            *slot = None;
        }
    });
}

pub fn lookup(env: js::Env, handle: u32) -> Result<Rc<Database>> {
    OPEN.with(|open| open.borrow().get(handle as usize).cloned().flatten())
        .ok_or_else(|| {
            errors::to_napi(
                env,
                CoreError::invalid_operation("SQLite connection has been closed"),
            )
        })
}

impl Database {
    pub fn with_conn<T>(
        &self,
        env: js::Env,
        f: impl FnOnce(&SqliteConnection) -> dumbo_core::Result<T>,
    ) -> Result<T> {
        let guard = self.conn.borrow();
        let conn = guard.as_ref().ok_or_else(|| {
            errors::to_napi(
                env,
                CoreError::invalid_operation("SQLite connection has been closed"),
            )
        })?;
        f(conn).map_err(|e| errors::to_napi(env, e))
    }

    fn reader(&self, env: js::Env) -> Result<ValueReader> {
        let serializer = match &self.serializer {
            Some(s) => Some(s.borrow_back(&Env::from_raw(env))?.raw()),
            None => None,
        };
        Ok(ValueReader { env, serializer })
    }

    /// Formats a JS `TokenizedSQL` for SQLite.
    pub fn format(&self, env: js::Env, sql: Value) -> Result<dumbo_sql::ParametrizedSql> {
        let tokenized = read_tokenized(&self.reader(env)?, sql)?;
        dumbo_sql::format(&tokenized, Dialect::SQLite, Processors::Dialect)
            .map_err(|e| errors::to_napi(env, e))
    }

    /// Reads parameter values, after any staged ones (which are taken, also when
    /// reading fails).
    pub fn read_values(&self, env: js::Env, values: &[Value]) -> Result<Vec<SqlValue>> {
        let mut out = std::mem::take(&mut *self.staged.borrow_mut());
        let reader = self.reader(env)?;
        out.reserve(values.len());
        for v in values {
            out.push(reader.read(*v)?);
        }
        Ok(out)
    }

    /// Reads values into the staging area; a failure empties it.
    pub fn stage(&self, env: js::Env, values: &[Value]) -> Result<()> {
        let read = self.reader(env).and_then(|reader| {
            values
                .iter()
                .map(|v| reader.read(*v))
                .collect::<Result<Vec<_>>>()
        });
        match read {
            Ok(read) => {
                self.staged.borrow_mut().extend(read);
                Ok(())
            }
            Err(e) => {
                self.staged.borrow_mut().clear();
                Err(e)
            }
        }
    }

    pub fn remember(&self, text: String) -> u32 {
        let mut statements = self.statements.borrow_mut();
        statements.push(Registered {
            text,
            columns: KnownColumns::default(),
        });
        (statements.len() - 1) as u32
    }
}

pub fn registered(env: js::Env, statements: &mut [Registered], id: u32) -> Result<&mut Registered> {
    statements.get_mut(id as usize).ok_or_else(|| {
        errors::to_napi(
            env,
            CoreError::invalid_operation(format!("Unknown SQLite statement id {id}")),
        )
    })
}
