//! Upstream's `DumboError` family as a Rust error.
//!
//! Errors cross the napi boundary as `kind.error_type()` (the JS class name) plus
//! structured fields; the JS layer turns them into the matching `DumboError` subclass,
//! whose class also carries the `errorCode` (lib/errors.cjs).

use std::fmt;

/// One variant per upstream `DumboError` class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Dumbo,
    Concurrency,
    TransientDatabase,
    Connection,
    Serialization,
    Deadlock,
    LockNotAvailable,
    InsufficientResources,
    System,
    AdminShutdown,
    QueryCanceled,
    IntegrityConstraintViolation,
    UniqueConstraint,
    ForeignKeyViolation,
    NotNullViolation,
    CheckViolation,
    ExclusionViolation,
    Data,
    InvalidOperation,
    NotRegistered,
    BatchCommandNoChanges,
    /// Not upstream: the registry's answer to a second, different plugin for a connector.
    PluginAlreadyRegistered,
}

impl ErrorKind {
    /// Upstream `errorType` (also the JS class name).
    pub fn error_type(self) -> &'static str {
        match self {
            ErrorKind::Dumbo => "DumboError",
            ErrorKind::Concurrency => "ConcurrencyError",
            ErrorKind::TransientDatabase => "TransientDatabaseError",
            ErrorKind::Connection => "ConnectionError",
            ErrorKind::Serialization => "SerializationError",
            ErrorKind::Deadlock => "DeadlockError",
            ErrorKind::LockNotAvailable => "LockNotAvailableError",
            ErrorKind::InsufficientResources => "InsufficientResourcesError",
            ErrorKind::System => "SystemError",
            ErrorKind::AdminShutdown => "AdminShutdownError",
            ErrorKind::QueryCanceled => "QueryCanceledError",
            ErrorKind::IntegrityConstraintViolation => "IntegrityConstraintViolationError",
            ErrorKind::UniqueConstraint => "UniqueConstraintError",
            ErrorKind::ForeignKeyViolation => "ForeignKeyViolationError",
            ErrorKind::NotNullViolation => "NotNullViolationError",
            ErrorKind::CheckViolation => "CheckViolationError",
            ErrorKind::ExclusionViolation => "ExclusionViolationError",
            ErrorKind::Data => "DataError",
            ErrorKind::InvalidOperation => "InvalidOperationError",
            ErrorKind::NotRegistered => "NotRegisteredError",
            ErrorKind::BatchCommandNoChanges => "BatchCommandNoChangesError",
            ErrorKind::PluginAlreadyRegistered => "PluginAlreadyRegisteredError",
        }
    }
}

/// What the database driver said, kept so users can inspect it (`innerError`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DriverError {
    /// Driver code: `SQLITE_CONSTRAINT_UNIQUE`, a SQLSTATE such as `23505`, ...
    pub code: String,
    /// Numeric code where the driver has one (SQLite extended result code).
    pub errno: Option<i64>,
    /// Extra named fields (`detail`, `hint`, `constraint`, `table`, ...).
    pub fields: Vec<(&'static str, String)>,
}

/// A Dumbo error: a kind (the JS class), a message, and the driver's own report.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub driver: Option<DriverError>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            driver: None,
        }
    }

    pub fn with_driver(mut self, driver: DriverError) -> Self {
        self.driver = Some(driver);
        self
    }

    pub fn invalid_operation(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidOperation, message)
    }

    /// A panic in native code, as the `DumboError` (500) its caller receives: a bug of
    /// this package, never the caller's input. `what` is the panic's message.
    pub fn native_panic(what: &str) -> Self {
        Self::new(
            ErrorKind::Dumbo,
            format!("Internal error in the native driver (Rust panic): {what}"),
        )
    }

    pub fn data(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Data, message)
    }

    pub fn not_registered(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotRegistered, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.error_type(), self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_upstream_types() {
        assert_eq!(
            ErrorKind::UniqueConstraint.error_type(),
            "UniqueConstraintError"
        );
    }
}
