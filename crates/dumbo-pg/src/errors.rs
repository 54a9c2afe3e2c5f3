//! Maps tokio-postgres and pool errors to Dumbo errors (upstream `mapPostgresError`).

use std::error::Error as StdError;
use std::io;
use std::time::Duration;

use dumbo_core::{DriverError, Error, ErrorKind};
use tokio_postgres::error::{DbError, ErrorPosition};

/// The error class for a SQLSTATE (reference 6.2, plus 25xxx and 28xxx).
pub fn kind_for_sqlstate(code: &str) -> ErrorKind {
    match code {
        "23505" => return ErrorKind::UniqueConstraint,
        "23503" => return ErrorKind::ForeignKeyViolation,
        "23502" => return ErrorKind::NotNullViolation,
        "23514" => return ErrorKind::CheckViolation,
        "23P01" => return ErrorKind::ExclusionViolation,
        "40001" => return ErrorKind::Serialization,
        "40P01" => return ErrorKind::Deadlock,
        "55P03" | "55006" => return ErrorKind::LockNotAvailable,
        "57014" => return ErrorKind::QueryCanceled,
        "57P01" | "57P02" => return ErrorKind::AdminShutdown,
        _ => {}
    }
    match code.get(..2).unwrap_or_default() {
        "23" => ErrorKind::IntegrityConstraintViolation,
        "57" | "08" | "28" => ErrorKind::Connection,
        "22" => ErrorKind::Data,
        "42" | "25" => ErrorKind::InvalidOperation,
        "53" => ErrorKind::InsufficientResources,
        "58" => ErrorKind::System,
        _ => ErrorKind::Dumbo,
    }
}

/// A server error: its message, SQLSTATE and the fields present.
pub fn from_db_error(db: &DbError) -> Error {
    let code = db.code().code();
    let message = if code.starts_with("26") || code == "42P05" {
        format!("{}{POOLER_HINT}", db.message())
    } else {
        db.message().to_owned()
    };
    // The unnamed statement leaves the parameter count check to the server, which
    // calls a mismatch a protocol violation (08P01); the session is intact and it is
    // the caller's input, as when tokio-postgres checks it for a prepared statement.
    let kind = if code == "08P01" && db.message().starts_with("bind message supplies") {
        ErrorKind::InvalidOperation
    } else {
        kind_for_sqlstate(code)
    };
    Error::new(kind, message).with_driver(db_driver(db))
}

/// A named prepared statement missing, or present twice, on the server session:
/// what a transaction-mode pooler does to statements prepared on another session.
const POOLER_HINT: &str = " (a prepared statement was not where it was prepared: behind a \
     transaction-mode pooler such as PgBouncer, leave `prepare` off, see docs/deploying.md)";

fn db_driver(db: &DbError) -> DriverError {
    let position = db.position().map(|p| match p {
        ErrorPosition::Original(at) => at.to_string(),
        ErrorPosition::Internal { position, .. } => position.to_string(),
    });
    let optional = [
        ("detail", db.detail()),
        ("hint", db.hint()),
        ("position", position.as_deref()),
        ("where", db.where_()),
        ("schema", db.schema()),
        ("table", db.table()),
        ("column", db.column()),
        ("dataType", db.datatype()),
        ("constraint", db.constraint()),
        ("routine", db.routine()),
    ];
    let mut fields = vec![("severity", db.severity().to_owned())];
    fields.extend(
        optional
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name, v.to_owned()))),
    );
    DriverError {
        code: db.code().code().to_owned(),
        errno: None,
        fields,
    }
}

/// An error from a statement on an open connection.
pub fn from_pg_error(e: &tokio_postgres::Error, endpoint: &str) -> Error {
    if let Some(db) = e.as_db_error() {
        return from_db_error(db);
    }
    let text = e.to_string();
    let kind = if text.starts_with("error serializing parameter")
        || text.starts_with("error deserializing column")
        // Building a message failed on our side (a NUL in a C string, a value too
        // large for the protocol): the input's fault, and the connection is intact.
        // It wraps an io::Error, so it used to be taken for a ConnectionError.
        || text.starts_with("error encoding message to server")
    {
        ErrorKind::Data
    } else if text.contains("parameters but got") {
        ErrorKind::InvalidOperation
    } else if e.is_closed() || io_source(e).is_some() || is_transport(&text) {
        ErrorKind::Connection
    } else {
        ErrorKind::Dumbo
    };
    let reason = describe(e);
    let message = if kind == ErrorKind::Connection {
        format!("Connection to PostgreSQL at {endpoint} failed: {reason}")
    } else {
        reason
    };
    with_code(Error::new(kind, message), transport_code(e))
}

/// An error while connecting: always a `Connection` error.
pub fn connect_error(e: &tokio_postgres::Error, endpoint: &str) -> Error {
    if let Some(db) = e.as_db_error() {
        return Error::new(
            ErrorKind::Connection,
            format!(
                "Failed to connect to PostgreSQL at {endpoint}: {}",
                db.message()
            ),
        )
        .with_driver(db_driver(db));
    }
    let code = transport_code(e);
    let io = io_source(e);
    if let Some(io) = io.filter(|io| io.kind() == io::ErrorKind::PermissionDenied) {
        // tokio-postgres reports a session that does not fit target_session_attrs
        // as a permission error; it is no file-permission problem.
        return Error::new(
            ErrorKind::Connection,
            format!(
                "Failed to connect to PostgreSQL at {endpoint}: no server matches \
                 target_session_attrs ({io})"
            ),
        );
    }
    let reason = match (code, io) {
        (Some("ECONNREFUSED"), _) => "connection refused".to_owned(),
        (Some("ETIMEDOUT"), _) => "connection timed out".to_owned(),
        (Some("ENOTFOUND"), Some(io)) => format!("host not found ({io})"),
        (_, Some(io)) => io.to_string(),
        (_, None) => describe(e),
    };
    let err = Error::new(
        ErrorKind::Connection,
        format!("Failed to connect to PostgreSQL at {endpoint}: {reason}"),
    );
    with_code(err, code)
}

/// No pooled connection became free in time.
pub fn pool_exhausted(wait: Option<Duration>, max_size: usize) -> Error {
    let ms = wait.map_or(0, |d| d.as_millis());
    Error::new(
        ErrorKind::Connection,
        format!(
            "Connection pool exhausted: no connection became free within {ms} ms (max {max_size} connections)"
        ),
    )
}

/// The pool was closed.
pub fn pool_closed() -> Error {
    Error::invalid_operation("Connection pool has been closed")
}

/// Connecting took longer than the connect timeout.
pub fn connect_timeout(endpoint: &str, timeout: Option<Duration>) -> Error {
    let ms = timeout.map_or(0, |d| d.as_millis());
    with_code(
        Error::new(
            ErrorKind::Connection,
            format!("Failed to connect to PostgreSQL at {endpoint}: timed out after {ms} ms"),
        ),
        Some("ETIMEDOUT"),
    )
}

fn with_code(err: Error, code: Option<&str>) -> Error {
    match code {
        Some(code) => err.with_driver(DriverError {
            code: code.to_owned(),
            errno: None,
            fields: Vec::new(),
        }),
        None => err,
    }
}

/// tokio-postgres' text plus its causes, e.g. `error connecting to server: Connection refused`.
fn describe(e: &tokio_postgres::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn is_transport(text: &str) -> bool {
    [
        "error communicating with the server",
        "unexpected message from server",
        "error performing TLS handshake",
        "error parsing response from server",
        "error connecting to server",
        "timeout waiting for server",
        "authentication error",
    ]
    .iter()
    .any(|prefix| text.starts_with(prefix))
}

fn io_source(e: &tokio_postgres::Error) -> Option<&io::Error> {
    let mut source = e.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = cause.source();
    }
    None
}

/// A Node-style code (`ECONNREFUSED`, ...) for a transport failure.
fn transport_code(e: &tokio_postgres::Error) -> Option<&'static str> {
    if e.is_closed() {
        return Some("ECONNRESET");
    }
    let io = io_source(e)?;
    let code = match io.kind() {
        io::ErrorKind::ConnectionRefused => "ECONNREFUSED",
        io::ErrorKind::ConnectionReset | io::ErrorKind::UnexpectedEof => "ECONNRESET",
        io::ErrorKind::ConnectionAborted => "ECONNABORTED",
        io::ErrorKind::BrokenPipe => "EPIPE",
        io::ErrorKind::TimedOut => "ETIMEDOUT",
        io::ErrorKind::NotFound => "ENOENT",
        io::ErrorKind::PermissionDenied => "EACCES",
        io::ErrorKind::AddrNotAvailable => "EADDRNOTAVAIL",
        _ if is_dns_failure(io) => "ENOTFOUND",
        _ => return None,
    };
    Some(code)
}

/// `getaddrinfo` failures have no `io::ErrorKind` of their own.
fn is_dns_failure(io: &io::Error) -> bool {
    let text = io.to_string();
    text.contains("failed to lookup address")
        || text.contains("could not resolve any addresses")
        || text.contains("Name or service not known")
        || text.contains("nodename nor servname")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_exact_codes_then_classes() {
        let cases = [
            ("23505", ErrorKind::UniqueConstraint),
            ("23503", ErrorKind::ForeignKeyViolation),
            ("23502", ErrorKind::NotNullViolation),
            ("23514", ErrorKind::CheckViolation),
            ("23P01", ErrorKind::ExclusionViolation),
            ("23000", ErrorKind::IntegrityConstraintViolation),
            ("40001", ErrorKind::Serialization),
            ("40P01", ErrorKind::Deadlock),
            ("40002", ErrorKind::Dumbo),
            ("55P03", ErrorKind::LockNotAvailable),
            ("55006", ErrorKind::LockNotAvailable),
            ("55000", ErrorKind::Dumbo),
            ("57014", ErrorKind::QueryCanceled),
            ("57P01", ErrorKind::AdminShutdown),
            ("57P02", ErrorKind::AdminShutdown),
            ("57P03", ErrorKind::Connection),
            ("57P05", ErrorKind::Connection),
            ("57000", ErrorKind::Connection),
            ("08006", ErrorKind::Connection),
            ("28P01", ErrorKind::Connection),
            ("22012", ErrorKind::Data),
            ("42601", ErrorKind::InvalidOperation),
            ("42P01", ErrorKind::InvalidOperation),
            ("25P02", ErrorKind::InvalidOperation),
            ("53300", ErrorKind::InsufficientResources),
            ("58030", ErrorKind::System),
            ("3D000", ErrorKind::Dumbo),
            ("01000", ErrorKind::Dumbo),
            ("P0001", ErrorKind::Dumbo),
            ("", ErrorKind::Dumbo),
            ("é", ErrorKind::Dumbo),
        ];
        for (code, kind) in cases {
            assert_eq!(kind_for_sqlstate(code), kind, "{code}");
        }
    }

    #[test]
    fn pool_messages() {
        let e = pool_exhausted(Some(Duration::from_millis(200)), 1);
        assert_eq!(e.kind, ErrorKind::Connection);
        assert_eq!(
            e.message,
            "Connection pool exhausted: no connection became free within 200 ms (max 1 connections)"
        );
        assert_eq!(pool_closed().kind, ErrorKind::InvalidOperation);
        let e = connect_timeout("h:5432", Some(Duration::from_secs(2)));
        assert_eq!(
            e.message,
            "Failed to connect to PostgreSQL at h:5432: timed out after 2000 ms"
        );
        assert_eq!(e.driver.map(|d| d.code), Some("ETIMEDOUT".to_owned()));
    }
}
