//! `SqliteDatabase`: one rusqlite connection, driven synchronously on the JS thread.
//!
//! A point query costs a few microseconds; hopping to a worker thread and back costs
//! more than that (better-sqlite3 makes the same choice), so statements run inline.
//! Each call formats the tokenized SQL in Rust and executes it: one boundary
//! crossing per statement.

use std::cell::RefCell;

use dumbo_core::Error as CoreError;
use dumbo_sql::{Dialect, Processors};
use dumbo_sqlite::{transaction, CommandOutcome, OpenOptions, PragmaOptions, SqliteConnection};
use napi::bindgen_prelude::{Function, FunctionRef, Unknown};
use napi::{Env, JsValue, Result};

use crate::errors;
use crate::js;
use crate::sql_input::read_tokenized;
use crate::sqlite_rows::{array_push, JsCells, KnownColumns};
use crate::values::ValueReader;

#[napi_derive::napi]
pub struct SqliteDatabase {
    conn: RefCell<Option<SqliteConnection>>,
    /// `Array.prototype.push`, for building result arrays.
    push: js::JsRef,
    /// Texts remembered by `statement`, indexed by id.
    statements: RefCell<Vec<Registered>>,
    /// Serializes nested parameter values to JSON text (the pool's serializer).
    serializer: Option<FunctionRef<Unknown<'static>, String>>,
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

/// A remembered query text and the column names JS last received for it.
struct Registered {
    text: String,
    columns: KnownColumns,
}

fn registered(env: js::Env, statements: &mut [Registered], id: u32) -> Result<&mut Registered> {
    statements.get_mut(id as usize).ok_or_else(|| {
        errors::to_napi(
            env,
            CoreError::invalid_operation(format!("Unknown SQLite statement id {id}")),
        )
    })
}

fn command_result<'a>(
    env: js::Env,
    outcome: CommandOutcome,
    cells: JsCells<'_>,
) -> Result<Unknown<'a>> {
    let value = match outcome {
        CommandOutcome::Changed(n) => js::create_number(env, n as f64)?,
        CommandOutcome::Rows(_) => cells.finish()?,
    };
    Ok(js::unknown(env, value))
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
        Ok(SqliteDatabase {
            conn: RefCell::new(Some(conn)),
            push: array_push(raw_env)?,
            statements: RefCell::new(Vec::new()),
            serializer,
        })
    }

    fn with_conn<T>(
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

    fn format(&self, env: js::Env, sql: Unknown<'_>) -> Result<dumbo_sql::ParametrizedSql> {
        let serializer = match &self.serializer {
            Some(s) => Some(s.borrow_back(&Env::from_raw(env))?.raw()),
            None => None,
        };
        let reader = ValueReader { env, serializer };
        let tokenized = read_tokenized(&reader, sql.raw())?;
        dumbo_sql::format(&tokenized, Dialect::SQLite, Processors::Dialect)
            .map_err(|e| errors::to_napi(env, e))
    }

    /// Reads a JS array of parameter values (the fast path's already-formatted call).
    fn read_values(&self, env: js::Env, values: Unknown<'_>) -> Result<Vec<dumbo_core::SqlValue>> {
        let serializer = match &self.serializer {
            Some(s) => Some(s.borrow_back(&Env::from_raw(env))?.raw()),
            None => None,
        };
        let reader = ValueReader { env, serializer };
        let array = values.raw();
        let n = js::array_len(env, array)?;
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            out.push(reader.read(js::get_element(env, array, i)?)?);
        }
        Ok(out)
    }

    /// Remembers a query text (SQL already formatted, e.g. once per call site by
    /// lib/sql/templates.cjs) and returns the id `query`/`command` take, so each
    /// call reads only the parameter values.
    #[napi(catch_unwind)]
    pub fn statement(&self, text: String) -> u32 {
        let mut statements = self.statements.borrow_mut();
        statements.push(Registered {
            text,
            columns: KnownColumns::default(),
        });
        (statements.len() - 1) as u32
    }

    /// Forgets every remembered text (their ids become invalid).
    #[napi(catch_unwind)]
    pub fn forget_statements(&self) {
        self.statements.borrow_mut().clear();
    }

    /// Runs remembered statement `id` with `values`; returns the rows as
    /// `[columns | undefined, ...cells]` (see sqlite_rows.rs).
    #[napi(
        catch_unwind,
        ts_args_type = "id: number, values: Array<unknown>",
        ts_return_type = "Array<unknown>"
    )]
    pub fn query<'a>(&self, env: &'a Env, id: u32, values: Unknown<'a>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let params = self.read_values(raw, values)?;
        let mut statements = self.statements.borrow_mut();
        let entry = registered(raw, &mut statements, id)?;
        let mut cells = JsCells::new(raw, &self.push, Some(&mut entry.columns))?;
        self.with_conn(raw, |c| c.query_into(&entry.text, &params, &mut cells))?;
        Ok(js::unknown(raw, cells.finish()?))
    }

    /// Runs remembered statement `id` as a command: the changed-row count, or the
    /// rows as `query` returns them when the statement returns any (`RETURNING`).
    #[napi(
        catch_unwind,
        ts_args_type = "id: number, values: Array<unknown>",
        ts_return_type = "number | Array<unknown>"
    )]
    pub fn command<'a>(&self, env: &'a Env, id: u32, values: Unknown<'a>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let params = self.read_values(raw, values)?;
        let mut statements = self.statements.borrow_mut();
        let entry = registered(raw, &mut statements, id)?;
        let mut cells = JsCells::new(raw, &self.push, Some(&mut entry.columns))?;
        let outcome = self.with_conn(raw, |c| c.command_into(&entry.text, &params, &mut cells))?;
        command_result(raw, outcome, cells)
    }

    /// `query` for any `TokenizedSQL`, formatted here.
    #[napi(
        catch_unwind,
        ts_args_type = "sql: object",
        ts_return_type = "Array<unknown>"
    )]
    pub fn query_sql<'a>(&self, env: &'a Env, sql: Unknown<'a>) -> Result<Unknown<'a>> {
        let raw = env.raw();
        let p = self.format(raw, sql)?;
        let mut cells = JsCells::new(raw, &self.push, None)?;
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
        let p = self.format(raw, sql)?;
        let mut cells = JsCells::new(raw, &self.push, None)?;
        let outcome = self.with_conn(raw, |c| c.command_into(&p.query, &p.params, &mut cells))?;
        command_result(raw, outcome, cells)
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
        let taken = self.conn.borrow_mut().take();
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
