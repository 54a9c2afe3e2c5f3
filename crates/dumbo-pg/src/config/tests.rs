use super::*;
use dumbo_core::ErrorKind;

fn ok(cs: &str) -> PgConnectOptions {
    match parse(cs, None) {
        Ok(opts) => opts,
        Err(e) => panic!("{cs} should parse: {e}"),
    }
}

fn err(cs: &str) -> Error {
    match parse(cs, None) {
        Ok(_) => panic!("{cs} should not parse"),
        Err(e) => e,
    }
}

#[test]
fn validates_the_scheme() {
    assert!(validate("postgresql://localhost/db").is_ok());
    assert!(validate("postgres://localhost/db").is_ok());
    let e = validate("mysql://root:secret@localhost/db").err();
    let e = e.expect("mysql is rejected");
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    assert_eq!(
        e.message,
        "Invalid PostgreSQL connection string: mysql://root:***@localhost/db. \
         It should start with \"postgresql://\"."
    );
}

#[test]
fn database_name_follows_node_postgres() {
    let db = |cs: &str| parse_database_name(cs);
    assert_eq!(
        db("postgresql://u:p@localhost:5432/orders"),
        Some("orders".into())
    );
    assert_eq!(
        db("postgres://localhost/my%20db?sslmode=disable"),
        Some("my db".into())
    );
    assert_eq!(db("postgresql://localhost:5432"), None);
    assert_eq!(db("postgresql://localhost/"), None);
    assert_eq!(
        db("postgresql://u@/sockdb?host=/tmp"),
        Some("sockdb".into())
    );
    assert_eq!(db("/var/run/postgresql mydb"), Some("mydb".into()));
    assert_eq!(db("/var/run/postgresql"), None);
    assert_eq!(
        db("socket:/var/run/pg?db=sock%20db&x=1"),
        Some("sock db".into())
    );
    assert_eq!(db("socket:/var/run/pg"), None);
    assert_eq!(db("postgresql://h/bad%zzname"), Some("bad%zzname".into()));
    assert_eq!(db("postgresql://h/db#frag"), Some("db".into()));
}

#[test]
fn parses_host_port_user_password_and_database() {
    let o = ok("postgresql://alice:p%40ss@db.example.com:6543/shop");
    assert_eq!(o.config.get_user(), Some("alice"));
    assert_eq!(o.config.get_password(), Some(&b"p@ss"[..]));
    assert_eq!(o.database, "shop");
    assert_eq!(o.endpoint, "db.example.com:6543");
    assert_eq!(o.masked, "postgresql://alice:***@db.example.com:6543/shop");
    assert_eq!(o.ssl_mode, SslMode::Disable);
}

#[test]
fn unescaped_at_signs_belong_to_the_password() {
    let o = ok("postgres://bob:p@ss@host/db");
    assert_eq!(o.config.get_password(), Some(&b"p@ss"[..]));
    assert_eq!(o.endpoint, "host:5432");
    assert_eq!(o.masked, "postgres://bob:***@host/db");
}

#[test]
fn database_argument_overrides_the_path() {
    let o = parse("postgresql://localhost/one", Some("two")).expect("parses");
    assert_eq!(o.database, "two");
    assert_eq!(o.config.get_dbname(), Some("two"));
}

#[test]
fn parses_multiple_hosts() {
    let o = ok("postgresql://u@h1:5432,h2:5433/db?target_session_attrs=read-write");
    assert_eq!(o.endpoint, "h1:5432,h2:5433");
    assert_eq!(o.config.get_hosts().len(), 2);
    assert_eq!(o.config.get_ports(), &[5432, 5433]);
}

#[cfg(unix)]
#[test]
fn parses_socket_hosts() {
    let o = ok("postgresql://u@/db?host=/var/run/postgresql");
    assert_eq!(o.endpoint, "/var/run/postgresql:5432");
    assert!(matches!(o.config.get_hosts(), [Host::Unix(_)]));
    let o = ok("postgresql://u@%2Ftmp%2Fpg:5433/db");
    assert_eq!(o.endpoint, "/tmp/pg:5433");
}

#[test]
fn parses_ssl_modes() {
    let mode = |cs: &str| ok(cs).ssl_mode;
    assert_eq!(mode("postgresql://h/db?sslmode=disable"), SslMode::Disable);
    assert_eq!(mode("postgresql://h/db?sslmode=prefer"), SslMode::Prefer);
    assert_eq!(mode("postgresql://h/db?sslmode=require"), SslMode::Require);
    assert_eq!(
        ok("postgresql://h/db?sslmode=require")
            .config
            .get_ssl_mode(),
        tokio_postgres::config::SslMode::Require
    );
    assert_eq!(mode("postgresql://h/db?sslmode=allow"), SslMode::Allow);
    let e = err("postgresql://u:hunter2@h/db?sslmode=verify-full");
    assert_eq!(e.kind, ErrorKind::InvalidOperation);
    assert!(
        e.message.starts_with(
            "Invalid PostgreSQL connection string: postgresql://u:***@h/db?sslmode=verify-full: \
             sslmode=verify-ca and verify-full need a root certificate"
        ),
        "{}",
        e.message
    );
    let e = err("postgresql://h/db?sslmode=verify-everything");
    assert!(e.message.ends_with("invalid value for option `sslmode`"));
}

#[test]
fn verified_modes_never_go_out_in_plain_text() {
    use crate::tls::{Pem, Roots, Verify};
    use tokio_postgres::config::SslMode as T;
    for (cs, verify) in [
        (
            "postgresql://h/db?sslmode=verify-full&sslrootcert=/ca.crt",
            Verify::Full,
        ),
        (
            "postgresql://h/db?sslmode=verify-ca&sslrootcert=/ca.crt",
            Verify::Ca,
        ),
        // libpq: `require` with a root certificate verifies the chain.
        (
            "postgresql://h/db?sslmode=require&sslrootcert=/ca.crt",
            Verify::Ca,
        ),
    ] {
        let o = ok(cs);
        assert_eq!(o.config.get_ssl_mode(), T::Require, "{cs}");
        assert_eq!(o.tls.verify, verify, "{cs}");
        assert_eq!(o.tls.roots, Some(Roots::Pem(Pem::File("/ca.crt".into()))));
    }
    let o = ok("postgresql://h/db?sslmode=verify-full&sslrootcert=system");
    assert_eq!(o.tls.roots, Some(Roots::System));
    let e = err("postgresql://h/db?sslmode=require&sslrootcert=system");
    assert!(e
        .message
        .contains("sslrootcert=system needs sslmode=verify-full"));
    let e = err("postgresql://h/db?sslmode=require&sslcert=/c.crt");
    assert!(e.message.ends_with("sslcert and sslkey go together"));
}

#[test]
fn statement_mode_and_unsupported_parameters() {
    assert!(!ok("postgresql://h/db").prepare);
    assert!(ok("postgresql://h/db?prepare=true").prepare);
    assert!(!ok("postgresql://h/db?prepare=false&application_name=a").prepare);
    assert!(err("postgresql://h/db?prepare=yes")
        .message
        .ends_with("invalid value for option `prepare` (true or false)"));
    let e = err("postgresql://u:pw@h/db?sslpassword=pw2");
    assert!(e
        .message
        .contains("the parameter `sslpassword` is not supported"));
    use crate::session_attrs::Recovery;
    let attrs = |v: &str| ok(&format!("postgresql://h/db?target_session_attrs={v}")).recovery;
    assert_eq!(attrs("primary"), Some(Recovery::Primary));
    assert_eq!(attrs("standby"), Some(Recovery::Standby));
    assert_eq!(attrs("prefer-standby"), Some(Recovery::PreferStandby));
    assert_eq!(attrs("read-write"), None);
    let e = err("postgresql://h/db?target_session_attrs=secondary");
    assert!(e
        .message
        .ends_with("invalid value for option `target_session_attrs`"));
    let e = err("postgresql://h/db?bogus=1");
    assert!(
        e.message.ends_with("unknown option `bogus`"),
        "{}",
        e.message
    );
}

#[test]
fn connect_timeout_bounds_each_host_attempt() {
    use std::time::Duration;
    let o = ok("postgresql://h1,h2/db?connect_timeout=2");
    assert_eq!(o.attempt_limit(None), Some(Duration::from_secs(4)));
    assert_eq!(
        o.attempt_limit(Some(Duration::from_secs(30))),
        Some(Duration::from_secs(4))
    );
    let o = ok("postgresql://h/db");
    assert_eq!(
        o.attempt_limit(Some(Duration::from_secs(30))),
        Some(Duration::from_secs(30))
    );
}

#[test]
fn parses_other_options() {
    let o = ok("postgresql://h/db?application_name=app&connect_timeout=7&options=-c%20x%3D1");
    assert_eq!(o.config.get_application_name(), Some("app"));
    assert_eq!(
        o.config.get_connect_timeout(),
        Some(&std::time::Duration::from_secs(7))
    );
    assert_eq!(o.config.get_options(), Some("-c x=1"));
}

#[test]
fn applies_defaults_when_missing() {
    let o = ok("postgresql://");
    let user = o.config.get_user().expect("a default user").to_owned();
    assert!(!user.is_empty());
    assert!(!o.config.get_hosts().is_empty());
    assert!(!o.config.get_ports().is_empty());
    if std::env::var("PGDATABASE").is_err() {
        assert_eq!(o.database, user);
    }
    if std::env::var("PGHOST").is_err() && std::env::var("PGPORT").is_err() {
        assert_eq!(o.endpoint, "localhost:5432");
    }
}

#[test]
fn failures_never_show_the_password() {
    for cs in [
        "postgresql://u:s3cr3t@h:notaport/db",
        "postgresql://u:s3cr3t@h/db?s3cr3t=1",
        "postgresql://u:s3cr3t@h/db?connect_timeout=s3cr3t",
        "postgresql://u:s3%63r3t@h/db?s3cr3t=1",
    ] {
        let e = err(cs);
        assert_eq!(e.kind, ErrorKind::InvalidOperation, "{cs}");
        assert!(
            e.message
                .starts_with("Invalid PostgreSQL connection string: postgresql://u:***@h"),
            "{}",
            e.message
        );
        assert!(!e.message.contains("s3cr3t"), "{}", e.message);
        assert!(!e.message.contains("s3%63r3t"), "{}", e.message);
    }
}

#[test]
fn failures_never_show_a_password_without_a_scheme_or_in_the_query() {
    for (cs, shown) in [
        ("app:s3cr3t@h/db", "app:***@h/db"),
        ("postgresql:/app:s3cr3t@h/db", "postgresql:***@h/db"),
        ("postgresql:app:s3cr3t@h", "postgresql:***@h"),
        (
            "postgresql://h/db?password=s3cr3t&sslmode=bogus",
            "postgresql://h/db?password=***&sslmode=bogus",
        ),
        (
            "postgresql://h/db?x=1#&Password=s3cr3t",
            "postgresql://h/db?x=1#&Password=***",
        ),
    ] {
        let e = err(cs);
        assert_eq!(e.kind, ErrorKind::InvalidOperation, "{cs}");
        assert!(!e.message.contains("s3cr3t"), "{}", e.message);
        assert!(e.message.contains(shown), "{cs}: {}", e.message);
    }
}

#[test]
fn rejects_non_postgres_strings() {
    let e = err("file:./x.db");
    assert!(e.message.contains("It should start with"));
}
