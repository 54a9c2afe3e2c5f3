//! Tests of the SQLite result-code table and the error mapping.
use super::*;

fn failure(code: i32, msg: &str) -> Error {
    map_sqlite_error(rusqlite::Error::SqliteFailure(
        ffi::Error::new(code),
        Some(msg.to_owned()),
    ))
}

#[test]
fn constraint_subtypes_use_extended_codes() {
    let cases = [
        (ffi::SQLITE_CONSTRAINT_UNIQUE, ErrorKind::UniqueConstraint),
        (
            ffi::SQLITE_CONSTRAINT_PRIMARYKEY,
            ErrorKind::UniqueConstraint,
        ),
        (ffi::SQLITE_CONSTRAINT_ROWID, ErrorKind::UniqueConstraint),
        (
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY,
            ErrorKind::ForeignKeyViolation,
        ),
        (ffi::SQLITE_CONSTRAINT_NOTNULL, ErrorKind::NotNullViolation),
        (ffi::SQLITE_CONSTRAINT_CHECK, ErrorKind::CheckViolation),
        (
            ffi::SQLITE_CONSTRAINT_TRIGGER,
            ErrorKind::IntegrityConstraintViolation,
        ),
        (
            ffi::SQLITE_CONSTRAINT,
            ErrorKind::IntegrityConstraintViolation,
        ),
    ];
    for (code, kind) in cases {
        // The message deliberately mentions another constraint type: codes win.
        let err = failure(code, "CHECK UNIQUE whatever");
        assert_eq!(err.kind, kind, "code {code}");
        let driver = err.driver.unwrap();
        assert_eq!(driver.code, "SQLITE_CONSTRAINT");
        assert_eq!(driver.errno, Some(i64::from(code)));
    }
}

#[test]
fn driver_report_names_codes() {
    let err = failure(
        ffi::SQLITE_CONSTRAINT_UNIQUE,
        "UNIQUE constraint failed: t.id",
    );
    assert_eq!(err.message, "UNIQUE constraint failed: t.id");
    assert_eq!(
        err.driver,
        Some(DriverError {
            code: "SQLITE_CONSTRAINT".into(),
            errno: Some(2067),
            fields: vec![("extendedCode", "SQLITE_CONSTRAINT_UNIQUE".into())],
        })
    );
    // Unknown extended code: falls back to the primary name.
    let err = failure(ffi::SQLITE_IOERR | (200 << 8), "disk I/O error");
    let driver = err.driver.unwrap();
    assert_eq!(driver.code, "SQLITE_IOERR");
    assert_eq!(driver.fields, vec![("extendedCode", "SQLITE_IOERR".into())]);
    assert_eq!(err.kind, ErrorKind::System);
}

#[test]
fn primary_codes_map_like_upstream() {
    let cases = [
        (ffi::SQLITE_BUSY, ErrorKind::LockNotAvailable),
        (ffi::SQLITE_BUSY_SNAPSHOT, ErrorKind::LockNotAvailable),
        (ffi::SQLITE_PROTOCOL, ErrorKind::LockNotAvailable),
        (ffi::SQLITE_LOCKED, ErrorKind::Deadlock),
        (ffi::SQLITE_CANTOPEN, ErrorKind::Connection),
        (ffi::SQLITE_CANTOPEN_ISDIR, ErrorKind::Connection),
        (ffi::SQLITE_NOTADB, ErrorKind::Connection),
        (ffi::SQLITE_NOMEM, ErrorKind::InsufficientResources),
        (ffi::SQLITE_FULL, ErrorKind::InsufficientResources),
        (ffi::SQLITE_IOERR, ErrorKind::System),
        (ffi::SQLITE_IOERR_NOMEM, ErrorKind::System),
        (ffi::SQLITE_CORRUPT, ErrorKind::System),
        (ffi::SQLITE_INTERNAL, ErrorKind::System),
        (ffi::SQLITE_NOLFS, ErrorKind::System),
        (ffi::SQLITE_TOOBIG, ErrorKind::Data),
        (ffi::SQLITE_MISMATCH, ErrorKind::Data),
        (ffi::SQLITE_RANGE, ErrorKind::Data),
        (ffi::SQLITE_ERROR, ErrorKind::InvalidOperation),
        (ffi::SQLITE_READONLY, ErrorKind::InvalidOperation),
        (ffi::SQLITE_READONLY_DBMOVED, ErrorKind::InvalidOperation),
        (ffi::SQLITE_MISUSE, ErrorKind::InvalidOperation),
        (ffi::SQLITE_AUTH, ErrorKind::InvalidOperation),
        (ffi::SQLITE_PERM, ErrorKind::InvalidOperation),
        (ffi::SQLITE_SCHEMA, ErrorKind::InvalidOperation),
        (ffi::SQLITE_ABORT, ErrorKind::Serialization),
        (ffi::SQLITE_ABORT_ROLLBACK, ErrorKind::Serialization),
        (ffi::SQLITE_INTERRUPT, ErrorKind::Serialization),
        (ffi::SQLITE_NOTICE, ErrorKind::Dumbo),
        (ffi::SQLITE_WARNING, ErrorKind::Dumbo),
        (ffi::SQLITE_NOTFOUND, ErrorKind::Dumbo),
        (99, ErrorKind::Dumbo),
    ];
    for (code, kind) in cases {
        assert_eq!(failure(code, "m").kind, kind, "code {code}");
    }
    let unknown = failure(99, "m").driver.unwrap();
    assert_eq!(unknown.code, "SQLITE_UNKNOWN");
}

#[test]
fn code_names_map_like_the_numeric_codes() {
    let cases = [
        ("SQLITE_BUSY", "", ErrorKind::LockNotAvailable),
        (
            "SQLITE_CONSTRAINT_UNIQUE",
            "CHECK",
            ErrorKind::UniqueConstraint,
        ),
        ("SQLITE_CONSTRAINT_NOTNULL", "", ErrorKind::NotNullViolation),
        ("SQLITE_IOERR_READ", "", ErrorKind::System),
        ("SQLITE_IOERR_SOMETHING_NEW", "", ErrorKind::System),
        ("SQLITE_READONLY_DBMOVED", "", ErrorKind::InvalidOperation),
        ("SQLITE_NOTICE", "", ErrorKind::Dumbo),
        ("SQLITE_", "", ErrorKind::Dumbo),
        ("ENOENT", "", ErrorKind::Dumbo),
        ("", "", ErrorKind::Dumbo),
    ];
    for (name, message, kind) in cases {
        assert_eq!(kind_for_code_name(name, message), kind, "{name}");
    }
    for code in [
        ffi::SQLITE_BUSY,
        ffi::SQLITE_CONSTRAINT_CHECK,
        ffi::SQLITE_AUTH_USER,
    ] {
        assert_eq!(code_for_name(code_name(code).unwrap()), Some(code));
    }
}

#[test]
fn bare_constraint_code_reads_the_message() {
    let cases = [
        (
            "UNIQUE constraint failed: t.id",
            ErrorKind::UniqueConstraint,
        ),
        ("primary key must be unique", ErrorKind::UniqueConstraint),
        (
            "FOREIGN KEY constraint failed",
            ErrorKind::ForeignKeyViolation,
        ),
        (
            "NOT NULL constraint failed: t.a",
            ErrorKind::NotNullViolation,
        ),
        (
            "CHECK constraint failed: positive",
            ErrorKind::CheckViolation,
        ),
        ("constraint failed", ErrorKind::IntegrityConstraintViolation),
    ];
    for (message, kind) in cases {
        assert_eq!(
            kind_for_code_name("SQLITE_CONSTRAINT", message),
            kind,
            "{message}"
        );
    }
}

#[test]
fn missing_message_gets_a_description() {
    let err = map_sqlite_error(rusqlite::Error::SqliteFailure(
        ffi::Error::new(ffi::SQLITE_BUSY),
        None,
    ));
    assert_eq!(err.message, "SQLite error SQLITE_BUSY (5)");
}

#[test]
fn non_sqlite_errors() {
    use rusqlite::Error as E;
    let err = map_sqlite_error(E::InvalidParameterCount(1, 2));
    assert_eq!(err.kind, ErrorKind::InvalidOperation);
    assert_eq!(
        err.message,
        "Wrong number of parameters: the SQL statement expects 2 but 1 were given"
    );
    assert_eq!(
        map_sqlite_error(E::MultipleStatement).kind,
        ErrorKind::InvalidOperation
    );
    assert_eq!(map_sqlite_error(E::Empty).kind, ErrorKind::InvalidOperation);
    assert_eq!(
        map_sqlite_error(E::InvalidColumnType(
            0,
            "a".into(),
            rusqlite::types::Type::Blob
        ))
        .kind,
        ErrorKind::Data
    );
    assert_eq!(
        map_sqlite_error(E::IntegralValueOutOfRange(0, 5)).kind,
        ErrorKind::Data
    );
    assert_eq!(map_sqlite_error(E::UnwindingPanic).kind, ErrorKind::Dumbo);
    assert!(map_sqlite_error(E::QueryReturnedNoRows).driver.is_none());
}
