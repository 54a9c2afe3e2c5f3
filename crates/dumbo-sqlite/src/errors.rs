//! SQLite errors as Dumbo errors: upstream's `mapSqliteError` table.
//!
//! Upstream only sees node-sqlite3's primary code and sniffs the message for
//! constraint subtypes; here SQLite's *extended* result codes decide, and the
//! driver report keeps node-sqlite3's primary code name for compatibility.

use dumbo_core::{DriverError, Error, ErrorKind};
use rusqlite::ffi;

/// Maps any rusqlite error to a Dumbo error.
pub fn map_sqlite_error(err: rusqlite::Error) -> Error {
    use rusqlite::Error as E;
    match err {
        E::SqliteFailure(e, message) => {
            let message = message.unwrap_or_else(|| describe(e.extended_code));
            sqlite_failure(e.extended_code, message)
        }
        E::SqlInputError { error, msg, .. } => sqlite_failure(error.extended_code, msg),
        E::SqliteSingleThreadedMode => Error::new(ErrorKind::Connection, err.to_string()),
        E::InvalidParameterCount(given, expected) => parameter_count_mismatch(expected, given),
        E::MultipleStatement => Error::invalid_operation(
            "Multiple statements were provided where a single statement was expected",
        ),
        E::Empty => Error::invalid_operation("SQL is empty or contains only comments"),
        E::NulError(_) => Error::invalid_operation("SQL text contains a NUL character"),
        E::InvalidParameterName(_)
        | E::InvalidPath(_)
        | E::ExecuteReturnedResults
        | E::QueryReturnedNoRows
        | E::QueryReturnedMoreThanOneRow
        | E::InvalidColumnIndex(_)
        | E::InvalidColumnName(_)
        | E::StatementChangedRows(_)
        | E::InvalidQuery
        | E::InvalidDatabaseIndex(_) => Error::invalid_operation(err.to_string()),
        E::FromSqlConversionFailure(..)
        | E::IntegralValueOutOfRange(..)
        | E::Utf8Error(..)
        | E::InvalidColumnType(..)
        | E::ToSqlConversionFailure(_) => Error::data(err.to_string()),
        _ => Error::new(ErrorKind::Dumbo, err.to_string()),
    }
}

/// The error for a statement given the wrong number of positional parameters.
pub(crate) fn parameter_count_mismatch(expected: usize, given: usize) -> Error {
    Error::invalid_operation(format!(
        "Wrong number of parameters: the SQL statement expects {expected} but {given} were given"
    ))
}

/// A SQLite result code (extended where known) turned into a Dumbo error.
fn sqlite_failure(extended: i32, message: String) -> Error {
    let primary = extended & 0xff;
    let primary_name = code_name(primary).unwrap_or("SQLITE_UNKNOWN");
    let extended_name = code_name(extended).unwrap_or(primary_name);
    Error::new(kind_for(extended), message).with_driver(DriverError {
        code: primary_name.to_owned(),
        errno: Some(i64::from(extended)),
        fields: vec![("extendedCode", extended_name.to_owned())],
    })
}

/// SQLite's generic English text for a code, used when no message came with it.
fn describe(extended: i32) -> String {
    match code_name(extended).or_else(|| code_name(extended & 0xff)) {
        Some(name) => format!("SQLite error {name} ({extended})"),
        None => format!("SQLite error {extended}"),
    }
}

/// The Dumbo error class for a SQLite (extended) result code.
fn kind_for(extended: i32) -> ErrorKind {
    match extended & 0xff {
        ffi::SQLITE_CONSTRAINT => match extended {
            // ROWID conflicts read "UNIQUE constraint failed: t.rowid"; upstream's
            // message sniffing makes them unique violations too.
            ffi::SQLITE_CONSTRAINT_UNIQUE
            | ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            | ffi::SQLITE_CONSTRAINT_ROWID => ErrorKind::UniqueConstraint,
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyViolation,
            ffi::SQLITE_CONSTRAINT_NOTNULL => ErrorKind::NotNullViolation,
            ffi::SQLITE_CONSTRAINT_CHECK => ErrorKind::CheckViolation,
            _ => ErrorKind::IntegrityConstraintViolation,
        },
        ffi::SQLITE_BUSY | ffi::SQLITE_PROTOCOL => ErrorKind::LockNotAvailable,
        ffi::SQLITE_LOCKED => ErrorKind::Deadlock,
        ffi::SQLITE_CANTOPEN | ffi::SQLITE_NOTADB => ErrorKind::Connection,
        ffi::SQLITE_NOMEM | ffi::SQLITE_FULL => ErrorKind::InsufficientResources,
        ffi::SQLITE_IOERR | ffi::SQLITE_CORRUPT | ffi::SQLITE_INTERNAL | ffi::SQLITE_NOLFS => {
            ErrorKind::System
        }
        ffi::SQLITE_TOOBIG | ffi::SQLITE_MISMATCH | ffi::SQLITE_RANGE => ErrorKind::Data,
        ffi::SQLITE_ERROR
        | ffi::SQLITE_READONLY
        | ffi::SQLITE_MISUSE
        | ffi::SQLITE_AUTH
        | ffi::SQLITE_PERM
        | ffi::SQLITE_SCHEMA => ErrorKind::InvalidOperation,
        ffi::SQLITE_ABORT | ffi::SQLITE_INTERRUPT => ErrorKind::Serialization,
        _ => ErrorKind::Dumbo,
    }
}

/// The C name of every primary and extended result code.
const CODE_NAMES: &[(i32, &str)] = &[
    (ffi::SQLITE_ERROR, "SQLITE_ERROR"),
    (ffi::SQLITE_INTERNAL, "SQLITE_INTERNAL"),
    (ffi::SQLITE_PERM, "SQLITE_PERM"),
    (ffi::SQLITE_ABORT, "SQLITE_ABORT"),
    (ffi::SQLITE_BUSY, "SQLITE_BUSY"),
    (ffi::SQLITE_LOCKED, "SQLITE_LOCKED"),
    (ffi::SQLITE_NOMEM, "SQLITE_NOMEM"),
    (ffi::SQLITE_READONLY, "SQLITE_READONLY"),
    (ffi::SQLITE_INTERRUPT, "SQLITE_INTERRUPT"),
    (ffi::SQLITE_IOERR, "SQLITE_IOERR"),
    (ffi::SQLITE_CORRUPT, "SQLITE_CORRUPT"),
    (ffi::SQLITE_NOTFOUND, "SQLITE_NOTFOUND"),
    (ffi::SQLITE_FULL, "SQLITE_FULL"),
    (ffi::SQLITE_CANTOPEN, "SQLITE_CANTOPEN"),
    (ffi::SQLITE_PROTOCOL, "SQLITE_PROTOCOL"),
    (ffi::SQLITE_EMPTY, "SQLITE_EMPTY"),
    (ffi::SQLITE_SCHEMA, "SQLITE_SCHEMA"),
    (ffi::SQLITE_TOOBIG, "SQLITE_TOOBIG"),
    (ffi::SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"),
    (ffi::SQLITE_MISMATCH, "SQLITE_MISMATCH"),
    (ffi::SQLITE_MISUSE, "SQLITE_MISUSE"),
    (ffi::SQLITE_NOLFS, "SQLITE_NOLFS"),
    (ffi::SQLITE_AUTH, "SQLITE_AUTH"),
    (ffi::SQLITE_FORMAT, "SQLITE_FORMAT"),
    (ffi::SQLITE_RANGE, "SQLITE_RANGE"),
    (ffi::SQLITE_NOTADB, "SQLITE_NOTADB"),
    (ffi::SQLITE_NOTICE, "SQLITE_NOTICE"),
    (ffi::SQLITE_WARNING, "SQLITE_WARNING"),
    (
        ffi::SQLITE_ERROR_MISSING_COLLSEQ,
        "SQLITE_ERROR_MISSING_COLLSEQ",
    ),
    (ffi::SQLITE_ERROR_RETRY, "SQLITE_ERROR_RETRY"),
    (ffi::SQLITE_ERROR_SNAPSHOT, "SQLITE_ERROR_SNAPSHOT"),
    (ffi::SQLITE_IOERR_READ, "SQLITE_IOERR_READ"),
    (ffi::SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ"),
    (ffi::SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE"),
    (ffi::SQLITE_IOERR_FSYNC, "SQLITE_IOERR_FSYNC"),
    (ffi::SQLITE_IOERR_DIR_FSYNC, "SQLITE_IOERR_DIR_FSYNC"),
    (ffi::SQLITE_IOERR_TRUNCATE, "SQLITE_IOERR_TRUNCATE"),
    (ffi::SQLITE_IOERR_FSTAT, "SQLITE_IOERR_FSTAT"),
    (ffi::SQLITE_IOERR_UNLOCK, "SQLITE_IOERR_UNLOCK"),
    (ffi::SQLITE_IOERR_RDLOCK, "SQLITE_IOERR_RDLOCK"),
    (ffi::SQLITE_IOERR_DELETE, "SQLITE_IOERR_DELETE"),
    (ffi::SQLITE_IOERR_BLOCKED, "SQLITE_IOERR_BLOCKED"),
    (ffi::SQLITE_IOERR_NOMEM, "SQLITE_IOERR_NOMEM"),
    (ffi::SQLITE_IOERR_ACCESS, "SQLITE_IOERR_ACCESS"),
    (
        ffi::SQLITE_IOERR_CHECKRESERVEDLOCK,
        "SQLITE_IOERR_CHECKRESERVEDLOCK",
    ),
    (ffi::SQLITE_IOERR_LOCK, "SQLITE_IOERR_LOCK"),
    (ffi::SQLITE_IOERR_CLOSE, "SQLITE_IOERR_CLOSE"),
    (ffi::SQLITE_IOERR_DIR_CLOSE, "SQLITE_IOERR_DIR_CLOSE"),
    (ffi::SQLITE_IOERR_SHMOPEN, "SQLITE_IOERR_SHMOPEN"),
    (ffi::SQLITE_IOERR_SHMSIZE, "SQLITE_IOERR_SHMSIZE"),
    (ffi::SQLITE_IOERR_SHMLOCK, "SQLITE_IOERR_SHMLOCK"),
    (ffi::SQLITE_IOERR_SHMMAP, "SQLITE_IOERR_SHMMAP"),
    (ffi::SQLITE_IOERR_SEEK, "SQLITE_IOERR_SEEK"),
    (ffi::SQLITE_IOERR_DELETE_NOENT, "SQLITE_IOERR_DELETE_NOENT"),
    (ffi::SQLITE_IOERR_MMAP, "SQLITE_IOERR_MMAP"),
    (ffi::SQLITE_IOERR_GETTEMPPATH, "SQLITE_IOERR_GETTEMPPATH"),
    (ffi::SQLITE_IOERR_CONVPATH, "SQLITE_IOERR_CONVPATH"),
    (ffi::SQLITE_IOERR_VNODE, "SQLITE_IOERR_VNODE"),
    (ffi::SQLITE_IOERR_AUTH, "SQLITE_IOERR_AUTH"),
    (ffi::SQLITE_IOERR_BEGIN_ATOMIC, "SQLITE_IOERR_BEGIN_ATOMIC"),
    (
        ffi::SQLITE_IOERR_COMMIT_ATOMIC,
        "SQLITE_IOERR_COMMIT_ATOMIC",
    ),
    (
        ffi::SQLITE_IOERR_ROLLBACK_ATOMIC,
        "SQLITE_IOERR_ROLLBACK_ATOMIC",
    ),
    (ffi::SQLITE_IOERR_DATA, "SQLITE_IOERR_DATA"),
    (ffi::SQLITE_IOERR_CORRUPTFS, "SQLITE_IOERR_CORRUPTFS"),
    (ffi::SQLITE_LOCKED_SHAREDCACHE, "SQLITE_LOCKED_SHAREDCACHE"),
    (ffi::SQLITE_LOCKED_VTAB, "SQLITE_LOCKED_VTAB"),
    (ffi::SQLITE_BUSY_RECOVERY, "SQLITE_BUSY_RECOVERY"),
    (ffi::SQLITE_BUSY_SNAPSHOT, "SQLITE_BUSY_SNAPSHOT"),
    (ffi::SQLITE_BUSY_TIMEOUT, "SQLITE_BUSY_TIMEOUT"),
    (ffi::SQLITE_CANTOPEN_NOTEMPDIR, "SQLITE_CANTOPEN_NOTEMPDIR"),
    (ffi::SQLITE_CANTOPEN_ISDIR, "SQLITE_CANTOPEN_ISDIR"),
    (ffi::SQLITE_CANTOPEN_FULLPATH, "SQLITE_CANTOPEN_FULLPATH"),
    (ffi::SQLITE_CANTOPEN_CONVPATH, "SQLITE_CANTOPEN_CONVPATH"),
    (ffi::SQLITE_CANTOPEN_DIRTYWAL, "SQLITE_CANTOPEN_DIRTYWAL"),
    (ffi::SQLITE_CANTOPEN_SYMLINK, "SQLITE_CANTOPEN_SYMLINK"),
    (ffi::SQLITE_CORRUPT_VTAB, "SQLITE_CORRUPT_VTAB"),
    (ffi::SQLITE_CORRUPT_SEQUENCE, "SQLITE_CORRUPT_SEQUENCE"),
    (ffi::SQLITE_CORRUPT_INDEX, "SQLITE_CORRUPT_INDEX"),
    (ffi::SQLITE_READONLY_RECOVERY, "SQLITE_READONLY_RECOVERY"),
    (ffi::SQLITE_READONLY_CANTLOCK, "SQLITE_READONLY_CANTLOCK"),
    (ffi::SQLITE_READONLY_ROLLBACK, "SQLITE_READONLY_ROLLBACK"),
    (ffi::SQLITE_READONLY_DBMOVED, "SQLITE_READONLY_DBMOVED"),
    (ffi::SQLITE_READONLY_CANTINIT, "SQLITE_READONLY_CANTINIT"),
    (ffi::SQLITE_READONLY_DIRECTORY, "SQLITE_READONLY_DIRECTORY"),
    (ffi::SQLITE_ABORT_ROLLBACK, "SQLITE_ABORT_ROLLBACK"),
    (ffi::SQLITE_CONSTRAINT_CHECK, "SQLITE_CONSTRAINT_CHECK"),
    (
        ffi::SQLITE_CONSTRAINT_COMMITHOOK,
        "SQLITE_CONSTRAINT_COMMITHOOK",
    ),
    (
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY,
        "SQLITE_CONSTRAINT_FOREIGNKEY",
    ),
    (
        ffi::SQLITE_CONSTRAINT_FUNCTION,
        "SQLITE_CONSTRAINT_FUNCTION",
    ),
    (ffi::SQLITE_CONSTRAINT_NOTNULL, "SQLITE_CONSTRAINT_NOTNULL"),
    (
        ffi::SQLITE_CONSTRAINT_PRIMARYKEY,
        "SQLITE_CONSTRAINT_PRIMARYKEY",
    ),
    (ffi::SQLITE_CONSTRAINT_TRIGGER, "SQLITE_CONSTRAINT_TRIGGER"),
    (ffi::SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE"),
    (ffi::SQLITE_CONSTRAINT_VTAB, "SQLITE_CONSTRAINT_VTAB"),
    (ffi::SQLITE_CONSTRAINT_ROWID, "SQLITE_CONSTRAINT_ROWID"),
    (ffi::SQLITE_CONSTRAINT_PINNED, "SQLITE_CONSTRAINT_PINNED"),
    (
        ffi::SQLITE_CONSTRAINT_DATATYPE,
        "SQLITE_CONSTRAINT_DATATYPE",
    ),
    (ffi::SQLITE_NOTICE_RECOVER_WAL, "SQLITE_NOTICE_RECOVER_WAL"),
    (
        ffi::SQLITE_NOTICE_RECOVER_ROLLBACK,
        "SQLITE_NOTICE_RECOVER_ROLLBACK",
    ),
    (ffi::SQLITE_WARNING_AUTOINDEX, "SQLITE_WARNING_AUTOINDEX"),
    (ffi::SQLITE_AUTH_USER, "SQLITE_AUTH_USER"),
];

/// The C name of a primary or extended result code.
fn code_name(code: i32) -> Option<&'static str> {
    CODE_NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

fn code_for_name(name: &str) -> Option<i32> {
    CODE_NAMES
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(code, _)| *code)
}

/// The Dumbo error class for a result code given by name, as the JS SQLite drivers
/// report it (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, ...). A bare
/// `SQLITE_CONSTRAINT` carries no subtype, so its message decides, as upstream's
/// `mapSqliteError` does; an unknown extended name counts as its primary code.
pub fn kind_for_code_name(name: &str, message: &str) -> ErrorKind {
    if name == "SQLITE_CONSTRAINT" {
        return constraint_kind_from_message(message);
    }
    if let Some(code) = code_for_name(name) {
        return kind_for(code);
    }
    let primary = name
        .strip_prefix("SQLITE_")
        .and_then(|rest| rest.find('_'))
        .map(|at| &name[..at + "SQLITE_".len()]);
    match primary {
        Some(primary) => kind_for_code_name(primary, message),
        None => ErrorKind::Dumbo,
    }
}

fn constraint_kind_from_message(message: &str) -> ErrorKind {
    let upper = message.to_ascii_uppercase();
    if upper.contains("UNIQUE") || upper.contains("PRIMARY KEY") {
        ErrorKind::UniqueConstraint
    } else if upper.contains("FOREIGN KEY") {
        ErrorKind::ForeignKeyViolation
    } else if upper.contains("NOT NULL") {
        ErrorKind::NotNullViolation
    } else if upper.contains("CHECK") {
        ErrorKind::CheckViolation
    } else {
        ErrorKind::IntegrityConstraintViolation
    }
}

#[cfg(test)]
#[path = "errors_tests.rs"]
mod tests;
