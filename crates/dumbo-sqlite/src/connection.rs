//! Upstream's sqlite3 client (`connect` with pragmas, `query`, `command`, `close`),
//! over rusqlite instead of node-sqlite3.
//!
//! Differences from upstream, on purpose:
//! - `readonly` is honoured (upstream always opens read-write), and a read-only
//!   connection never tries to change the journal mode;
//! - `command` reports 0 changed rows for a statement that changed nothing, instead
//!   of the previous statement's `changes()`;
//! - a SQL text holding several statements runs all of them (node-sqlite3 runs the
//!   first and silently drops the rest), and refuses parameters.

use std::time::Duration;

use dumbo_core::{Error, Result, SqlValue};
use dumbo_rows::JsonRows;
use rusqlite::fallible_iterator::FallibleIterator;
use rusqlite::{Batch, Connection, OpenFlags, Statement};

use crate::bind::bind_all;
use crate::connection_string::parse_pragmas;
use crate::errors::{map_sqlite_error, parameter_count_mismatch};
use crate::kept::KeptConnection;
use crate::pragmas::{self, PragmaOptions};
use crate::read::{read_into, run_to_completion, JsonRowsSink, RowSink};

/// How many prepared statements each connection keeps for reuse.
const STATEMENT_CACHE_CAPACITY: usize = 256;

/// How to open one SQLite connection.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// A file path, `:memory:` or a `file:` URI (interpreted by SQLite itself).
    pub path: String,
    /// Open with `SQLITE_OPEN_READONLY` (the database must exist).
    pub readonly: bool,
    /// Pragmas to apply, already merged: defaults < `file:` URI < user options.
    pub pragmas: PragmaOptions,
    /// Skip database-level pragmas (`journal_mode`).
    pub skip_database_pragmas: bool,
}

impl OpenOptions {
    /// Read-write options for `path` with upstream's pragma precedence applied
    /// (defaults overridden by the `file:` URI's query parameters).
    pub fn new(path: impl Into<String>) -> Self {
        Self::with_pragmas(path, PragmaOptions::default())
    }

    /// Read-write options whose pragmas follow upstream's precedence:
    /// defaults < the `file:` URI's query parameters < `user` (`pragmaOptions`).
    pub fn with_pragmas(path: impl Into<String>, user: PragmaOptions) -> Self {
        let path = path.into();
        let pragmas = user.merged_over(parse_pragmas(&path).merged_over(PragmaOptions::defaults()));
        OpenOptions {
            path,
            readonly: false,
            pragmas,
            skip_database_pragmas: false,
        }
    }
}

/// What a command did: rows changed, or rows handed to the sink (`RETURNING`, `SELECT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandOutcome {
    Changed(u64),
    Rows(u32),
}

/// What a command did: rows changed, or rows returned (`RETURNING`, `SELECT`).
#[derive(Debug)]
pub struct CommandResult {
    pub row_count: u64,
    pub rows: Option<JsonRows>,
}

/// A failure to set the journal mode while opening. On a file the process may not
/// write, SQLite's bare "attempt to write a readonly database" would come out of
/// what looks like a plain read, so the message says what was being written and
/// what to do.
fn journal_mode_error(err: rusqlite::Error, mode: &str) -> Error {
    let readonly = matches!(
        &err,
        rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::ReadOnly
    );
    let mut error = map_sqlite_error(err);
    if readonly {
        error.message = format!(
            "{} (while setting journal_mode={mode} on opening: the database file is read-only; open it with readonly: true)",
            error.message
        );
    }
    error
}

/// One open SQLite database connection.
pub struct SqliteConnection {
    kept: KeptConnection,
}

impl std::fmt::Debug for SqliteConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteConnection")
            .field("conn", self.conn())
            .finish_non_exhaustive()
    }
}

impl SqliteConnection {
    /// Opens the database and applies the pragmas in upstream order: busy timeout,
    /// synchronous, cache_size, foreign_keys, temp_store, mmap_size, then (unless
    /// skipped, and never on a read-only connection) journal_mode when it differs
    /// from the current one. The schema is read (by that pragma, or else by a
    /// query of `sqlite_master`) so that a file that is not a database fails here.
    pub fn open(options: &OpenOptions) -> Result<Self> {
        let pragmas = pragmas::validate(&options.pragmas)?;
        if options.path.contains('\0') {
            return Err(Error::invalid_operation(
                "SQLite database path contains a NUL character",
            ));
        }
        let flags = if options.readonly {
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let conn = Connection::open_with_flags(&options.path, flags).map_err(map_sqlite_error)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);

        if let Some(ms) = pragmas.busy_timeout_ms {
            conn.busy_timeout(Duration::from_millis(ms))
                .map_err(map_sqlite_error)?;
        }
        for statement in &pragmas.connection {
            conn.execute_batch(statement).map_err(map_sqlite_error)?;
        }
        // Changing the journal mode writes to the database, which a read-only
        // connection cannot do; it is left to the read-write connections.
        let mut schema_read = false;
        if !options.skip_database_pragmas && !options.readonly {
            if let Some(mode) = &pragmas.journal_mode {
                // Reads the schema too (SQLite marks this pragma NeedSchema).
                let current: String = conn
                    .query_row("PRAGMA journal_mode", [], |row| row.get(0))
                    .map_err(map_sqlite_error)?;
                schema_read = true;
                if !current.eq_ignore_ascii_case(mode) {
                    conn.execute_batch(&pragmas::set_journal_mode_sql(mode))
                        .map_err(|e| journal_mode_error(e, mode))?;
                }
            }
        }
        if !schema_read {
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
                .map_err(map_sqlite_error)?;
        }
        Ok(SqliteConnection {
            kept: KeptConnection::open(conn),
        })
    }

    fn conn(&self) -> &Connection {
        self.kept.conn()
    }

    /// Runs one statement and hands its rows to `sink` (upstream `query`, `db.all`);
    /// returns how many. Several statements without parameters run in order; the
    /// rows of the last one are the result.
    pub fn query_into(
        &self,
        sql: &str,
        params: &[SqlValue],
        sink: &mut dyn RowSink,
    ) -> Result<u32> {
        check_sql(sql)?;
        match self.conn().prepare_cached(sql) {
            Ok(mut stmt) => query_one(&mut stmt, params, sink),
            Err(err) => {
                let (last, _) = self.run_each(sql, params, err, |stmt, p| {
                    sink.restart();
                    query_one(stmt, p, sink)
                })?;
                Ok(last.unwrap_or(0))
            }
        }
    }

    /// [`Self::query_into`] as JSON rows.
    pub fn query(&self, sql: &str, params: &[SqlValue]) -> Result<JsonRows> {
        let mut sink = JsonRowsSink::default();
        self.query_into(sql, params, &mut sink)?;
        Ok(sink.finish())
    }

    /// Runs one statement and reports what it did (upstream `command`).
    ///
    /// A statement with result columns (`RETURNING`, `SELECT`, some `PRAGMA`s)
    /// hands its rows to `sink` and counts them. Otherwise the count is the rows the
    /// statement changed: 0 when it changed none (DDL, a non-matching `UPDATE`).
    /// Several statements without parameters run in order and report 0 changes.
    pub fn command_into(
        &self,
        sql: &str,
        params: &[SqlValue],
        sink: &mut dyn RowSink,
    ) -> Result<CommandOutcome> {
        check_sql(sql)?;
        match self.conn().prepare_cached(sql) {
            Ok(mut stmt) => self.command_one(&mut stmt, params, sink),
            Err(err) => {
                let (last, count) = self.run_each(sql, params, err, |stmt, p| {
                    sink.restart();
                    self.command_one(stmt, p, sink)
                })?;
                Ok(match last {
                    Some(outcome) if count == 1 => outcome,
                    _ => {
                        sink.restart();
                        CommandOutcome::Changed(0)
                    }
                })
            }
        }
    }

    /// [`Self::command_into`] with the rows, if any, as JSON.
    pub fn command(&self, sql: &str, params: &[SqlValue]) -> Result<CommandResult> {
        let mut sink = JsonRowsSink::default();
        Ok(match self.command_into(sql, params, &mut sink)? {
            CommandOutcome::Changed(row_count) => CommandResult {
                row_count,
                rows: None,
            },
            CommandOutcome::Rows(n) => CommandResult {
                row_count: u64::from(n),
                rows: Some(sink.finish()),
            },
        })
    }

    /// [`Self::query_into`] for a statement its caller keeps in `slot` (see
    /// [`Self::forget_kept`]): prepared once, then run from the slot. `sql` must be the
    /// same text every time the slot is used.
    pub fn query_kept(
        &self,
        slot: usize,
        sql: &str,
        params: &[SqlValue],
        sink: &mut dyn RowSink,
    ) -> Result<u32> {
        match self
            .kept
            .with_slot(slot, sql, |stmt| query_one(stmt, params, sink))
        {
            Some(result) => result,
            None => self.query_into(sql, params, sink),
        }
    }

    /// [`Self::command_into`] for a statement its caller keeps in `slot`.
    pub fn command_kept(
        &self,
        slot: usize,
        sql: &str,
        params: &[SqlValue],
        sink: &mut dyn RowSink,
    ) -> Result<CommandOutcome> {
        match self
            .kept
            .with_slot(slot, sql, |stmt| self.command_one(stmt, params, sink))
        {
            Some(result) => result,
            None => self.command_into(sql, params, sink),
        }
    }

    /// Finalizes the statements kept in slots; any slot may then take a new text.
    pub fn forget_kept(&self) {
        self.kept.forget();
    }

    /// Runs every statement of `sql`, discarding any rows (`sqlite3_exec`).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        check_sql(sql)?;
        self.conn().execute_batch(sql).map_err(map_sqlite_error)
    }

    /// True outside an explicit transaction.
    pub fn is_autocommit(&self) -> bool {
        self.conn().is_autocommit()
    }

    /// Closes the connection, finalising cached statements.
    pub fn close(self) -> Result<()> {
        self.kept
            .into_connection()
            .close()
            .map_err(|(_, err)| map_sqlite_error(err))
    }

    fn command_one(
        &self,
        stmt: &mut Statement<'_>,
        params: &[SqlValue],
        sink: &mut dyn RowSink,
    ) -> Result<CommandOutcome> {
        bind_all(stmt, params)?;
        if stmt.column_count() > 0 {
            return Ok(CommandOutcome::Rows(read_into(stmt, sink)?));
        }
        let before = self.conn().total_changes();
        run_to_completion(stmt)?;
        Ok(CommandOutcome::Changed(
            if self.conn().total_changes() == before {
                0
            } else {
                self.conn().changes()
            },
        ))
    }

    /// The path for SQL that did not prepare as exactly one statement: several
    /// statements, leading empty statements (`;SELECT 1`), or an error. Statements
    /// are prepared one at a time, so later ones may depend on earlier ones
    /// (`CREATE TABLE t …; INSERT INTO t …`). Returns the last statement's result
    /// and how many statements ran.
    fn run_each<T>(
        &self,
        sql: &str,
        params: &[SqlValue],
        prepare_error: rusqlite::Error,
        mut run: impl FnMut(&mut Statement<'_>, &[SqlValue]) -> Result<T>,
    ) -> Result<(Option<T>, usize)> {
        let mut batch = Batch::new(self.conn(), sql);
        if !params.is_empty() {
            let mut first = match batch.next().map_err(map_sqlite_error)? {
                Some(stmt) => stmt,
                None if matches!(prepare_error, rusqlite::Error::Empty) => {
                    return Err(parameter_count_mismatch(0, params.len()));
                }
                None => return Err(map_sqlite_error(prepare_error)),
            };
            return match batch.next() {
                Ok(None) => Ok((Some(run(&mut first, params)?), 1)),
                Ok(Some(_)) | Err(_) => Err(Error::invalid_operation(
                    "Multiple statements in one SQL text cannot take parameters; \
                     run them one at a time, or without parameters",
                )),
            };
        }
        let mut last = None;
        let mut count = 0;
        while let Some(mut stmt) = batch.next().map_err(map_sqlite_error)? {
            last = Some(run(&mut stmt, &[])?);
            count += 1;
        }
        Ok((last, count))
    }
}

fn query_one(stmt: &mut Statement<'_>, params: &[SqlValue], sink: &mut dyn RowSink) -> Result<u32> {
    bind_all(stmt, params)?;
    read_into(stmt, sink)
}

/// SQLite stops reading SQL at a NUL, which would silently drop the rest.
fn check_sql(sql: &str) -> Result<()> {
    if sql.contains('\0') {
        Err(Error::invalid_operation(
            "SQL text contains a NUL character",
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[path = "connection_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "kept_tests.rs"]
mod kept_tests;
