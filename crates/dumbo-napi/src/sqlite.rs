//! `SqliteDatabase`: one rusqlite connection, driven synchronously on the JS thread.
//!
//! A point query costs a few microseconds; hopping to a worker thread and back costs
//! more than that (better-sqlite3 makes the same choice), so statements run inline.
//! One boundary crossing per statement: a query text already formatted is
//! remembered once (`statement`) and then run by id with its values through the
//! plain entries of sqlite_calls.rs; any other `TokenizedSQL` is formatted here and
//! run (`querySql`, `commandSql`).

use std::cell::RefCell;
use std::rc::Rc;

use dumbo_sqlite::{transaction, CommandOutcome, OpenOptions, PragmaOptions, SqliteConnection};
use napi::bindgen_prelude::{Function, Unknown};
use napi::{Env, JsValue, Result};

use crate::errors;
use crate::js;
use crate::sqlite_database::{register, unregister, Database};
use crate::sqlite_rows::{array_push, JsCells};

#[napi_derive::napi]
pub struct SqliteDatabase {
    handle: u32,
    db: Rc<Database>,
}

impl Drop for SqliteDatabase {
    fn drop(&mut self) {
        unregister(self.handle);
    }
}

fn read_pragmas(env: js::Env, obj: js::Value) -> napi::Result<PragmaOptions> {
    let mut p = PragmaOptions::default();
    if js::is_nullish(env, obj)? {
        return Ok(p);
    }
    let int = |name: &std::ffi::CStr| -> napi::Result<Option<f64>> {
        let v = js::get(env, obj, name)?;
        match js::type_of(env, v)? {
            napi::sys::ValueType::napi_number => Ok(Some(js::number(env, v)?)),
            napi::sys::ValueType::napi_undefined => Ok(None),
            _ => Err(js::type_error(
                env,
                &format!("pragmaOptions.{} must be a number", name.to_string_lossy()),
            )),
        }
    };
    let text = |name: &std::ffi::CStr| -> napi::Result<Option<String>> {
        let v = js::get(env, obj, name)?;
        match js::type_of(env, v)? {
            napi::sys::ValueType::napi_string => Ok(Some(js::string(env, v)?)),
            napi::sys::ValueType::napi_undefined => Ok(None),
            _ => Err(js::type_error(
                env,
                &format!("pragmaOptions.{} must be a string", name.to_string_lossy()),
            )),
        }
    };
    p.journal_mode = text(c"journal_mode")?;
    p.synchronous = text(c"synchronous")?;
    p.temp_store = text(c"temp_store")?;
    p.cache_size = int(c"cache_size")?.map(|n| n as i64);
    p.mmap_size = int(c"mmap_size")?.map(|n| n as i64);
    p.busy_timeout = match int(c"busy_timeout")? {
        Some(n) if n < 0.0 || !n.is_finite() => {
            return Err(js::type_error(
                env,
                "pragmaOptions.busy_timeout must be a non-negative number",
            ))
        }
        Some(n) => Some(n as u64),
        None => None,
    };
    let fk = js::get(env, obj, c"foreign_keys")?;
    p.foreign_keys = match js::type_of(env, fk)? {
        napi::sys::ValueType::napi_boolean => Some(js::boolean(env, fk)?),
        napi::sys::ValueType::napi_undefined => None,
        _ => {
            return Err(js::type_error(
                env,
                "pragmaOptions.foreign_keys must be a boolean",
            ))
        }
    };
    Ok(p)
}

/// How `SqliteDatabase.open` opens a connection.
#[napi_derive::napi(object)]
pub struct SqliteOpenOptions<'a> {
    pub readonly: Option<bool>,
    pub skip_database_pragmas: Option<bool>,
    /// Checked field by field (each wrong type is a TypeError naming the pragma).
    #[napi(ts_type = "Record<string, string | number | boolean | undefined>")]
    pub pragma_options: Option<Unknown<'a>>,
    /// Serializes a nested parameter value to JSON text.
    pub serializer: Option<Function<'a, Unknown<'static>, String>>,
}

#[napi_derive::napi]
impl SqliteDatabase {
    /// Opens `path` (a file path, `:memory:` or a `file:` URI).
    /// `options`: `{ readonly?, skipDatabasePragmas?, pragmaOptions?, serializer? }`.
    #[napi(factory, catch_unwind)]
    pub fn open(env: &Env, path: String, options: Option<SqliteOpenOptions<'_>>) -> Result<Self> {
        let raw_env = env.raw();
        let options = options.unwrap_or(SqliteOpenOptions {
            readonly: None,
            skip_database_pragmas: None,
            pragma_options: None,
            serializer: None,
        });
        let readonly = options.readonly.unwrap_or(false);
        let skip = options.skip_database_pragmas.unwrap_or(false);
        let user = match options.pragma_options {
            Some(p) => read_pragmas(raw_env, p.raw())?,
            None => PragmaOptions::default(),
        };
        let serializer = match options.serializer {
            Some(f) => Some(f.create_ref()?),
            None => None,
        };
        let conn = SqliteConnection::open(&OpenOptions {
            readonly,
            skip_database_pragmas: skip,
            ..OpenOptions::with_pragmas(path, user)
        })
        .map_err(|e| errors::to_napi(raw_env, e))?;
        let db = Rc::new(Database {
            conn: RefCell::new(Some(conn)),
            push: array_push(raw_env)?,
            statements: RefCell::new(Vec::new()),
            staged: RefCell::new(Vec::new()),
            serializer,
        });
        Ok(SqliteDatabase {
            handle: register(db.clone()),
            db,
        })
    }

    /// What `sqliteQuery`/`sqliteCommand`/`sqliteStage` take to find this database.
    #[napi(getter)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

    fn with_conn<T>(
        &self,
        env: js::Env,
        f: impl FnOnce(&SqliteConnection) -> dumbo_core::Result<T>,
    ) -> Result<T> {
        self.db.with_conn(env, f)
    }

    /// Remembers a query text (SQL already formatted, e.g. once per call site by
    /// lib/sql/templates.cjs) and returns the id `query`/`command` take, so each
    /// call reads only the parameter values.
    #[napi(catch_unwind)]
    pub fn statement(&self, text: String) -> u32 {
        self.db.remember(text)
    }

    /// Forgets every remembered text (their ids become invalid) and finalizes the
    /// statements prepared for them.
    #[napi(catch_unwind)]
    pub fn forget_statements(&self) {
        self.db.statements.borrow_mut().clear();
        if let Some(c) = self.db.conn.borrow().as_ref() {
            c.forget_kept();
        }
    }

    /// `query` for any `TokenizedSQL`, formatted here.
    #[napi(
        catch_unwind,
        ts_args_type = "sql: object",
        ts_return_type = "Array<unknown>"
    )]
    pub fn query_sql<'a>(&self, env: &'a Env, sql: Unknown<'a>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let p = self.db.format(raw, sql.raw())?;
        let mut cells = JsCells::new(raw, &self.db.push, None)?;
        self.with_conn(raw, |c| c.query_into(&p.query, &p.params, &mut cells))?;
        Ok(js::unknown(raw, cells.finish()?))
    }

    /// `command` for any `TokenizedSQL`, formatted here.
    #[napi(
        catch_unwind,
        ts_args_type = "sql: object",
        ts_return_type = "number | Array<unknown>"
    )]
    pub fn command_sql<'a>(&self, env: &'a Env, sql: Unknown<'a>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let p = self.db.format(raw, sql.raw())?;
        let mut cells = JsCells::new(raw, &self.db.push, None)?;
        let outcome = self.with_conn(raw, |c| c.command_into(&p.query, &p.params, &mut cells))?;
        let value = match outcome {
            CommandOutcome::Changed(n) => js::create_number(raw, n as f64)?,
            CommandOutcome::Rows(_) => cells.finish()?,
        };
        Ok(js::unknown(raw, value))
    }

    /// `BEGIN <mode> TRANSACTION` (IMMEDIATE unless `mode` says DEFERRED or EXCLUSIVE).
    #[napi(catch_unwind)]
    pub fn begin(&self, env: &Env, mode: Option<String>) -> Result<()> {
        let raw = env.raw();
        let sql = transaction::begin_sql(mode.as_deref()).map_err(|e| errors::to_napi(raw, e))?;
        self.with_conn(raw, |c| c.execute_batch(&sql))
    }

    #[napi(catch_unwind)]
    pub fn commit(&self, env: &Env) -> Result<()> {
        self.with_conn(env.raw(), |c| c.execute_batch(transaction::COMMIT_SQL))
    }

    #[napi(catch_unwind)]
    pub fn rollback(&self, env: &Env) -> Result<()> {
        self.with_conn(env.raw(), |c| c.execute_batch(transaction::ROLLBACK_SQL))
    }

    /// `SAVEPOINT transaction<level>`.
    #[napi(catch_unwind)]
    pub fn savepoint(&self, env: &Env, level: u32) -> Result<()> {
        self.with_conn(env.raw(), |c| {
            c.execute_batch(&transaction::savepoint_sql(level))
        })
    }

    #[napi(catch_unwind)]
    pub fn release_savepoint(&self, env: &Env, level: u32) -> Result<()> {
        self.with_conn(env.raw(), |c| {
            c.execute_batch(&transaction::release_sql(level))
        })
    }

    #[napi(catch_unwind)]
    pub fn rollback_to_savepoint(&self, env: &Env, level: u32) -> Result<()> {
        self.with_conn(env.raw(), |c| {
            c.execute_batch(&transaction::rollback_to_sql(level))
        })
    }

    /// Closes the connection; closing twice is a no-op.
    #[napi(catch_unwind)]
    pub fn close(&self, env: &Env) -> Result<()> {
        let taken = self.db.conn.borrow_mut().take();
        match taken {
            Some(c) => c.close().map_err(|e| errors::to_napi(env.raw(), e)),
            None => Ok(()),
        }
    }
}

/// `SQLiteConnectionString`: throws InvalidOperationError for anything but
/// `file:…`, `:memory:`, `/…` and `./…`.
#[napi_derive::napi(js_name = "validateSqliteConnectionString", catch_unwind)]
pub fn validate_sqlite_connection_string(env: &Env, connection_string: String) -> Result<()> {
    dumbo_sqlite::connection_string::validate(&connection_string)
        .map_err(|e| errors::to_napi(env.raw(), e))
}

/// Connection pragmas, named as SQLite names them; absent ones are left out.
#[napi_derive::napi(object)]
pub struct SqlitePragmas {
    #[napi(js_name = "journal_mode")]
    pub journal_mode: Option<String>,
    #[napi(js_name = "synchronous")]
    pub synchronous: Option<String>,
    #[napi(js_name = "temp_store")]
    pub temp_store: Option<String>,
    #[napi(js_name = "cache_size")]
    pub cache_size: Option<f64>,
    #[napi(js_name = "busy_timeout")]
    pub busy_timeout: Option<f64>,
    #[napi(js_name = "mmap_size")]
    pub mmap_size: Option<f64>,
    #[napi(js_name = "foreign_keys")]
    pub foreign_keys: Option<bool>,
}

/// `parsePragmasFromConnectionString`: the pragmas a `file:` URI sets.
#[napi_derive::napi(js_name = "parseSqlitePragmas", catch_unwind)]
pub fn parse_sqlite_pragmas(connection_string: String) -> SqlitePragmas {
    let p = dumbo_sqlite::connection_string::parse_pragmas(&connection_string);
    SqlitePragmas {
        journal_mode: p.journal_mode,
        synchronous: p.synchronous,
        temp_store: p.temp_store,
        cache_size: p.cache_size.map(|n| n as f64),
        busy_timeout: p.busy_timeout.map(|n| n as f64),
        mmap_size: p.mmap_size.map(|n| n as f64),
        foreign_keys: p.foreign_keys,
    }
}
