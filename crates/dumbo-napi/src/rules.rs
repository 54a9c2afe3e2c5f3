//! The tables the JS layer needs, read from the crates that own them, so each rule is
//! written once: error classes for driver codes, SQLite's default pragmas and
//! transaction statements, PostgreSQL's isolation levels, the formatter's parameter
//! marker, SQLite's names for objects in a logical schema. Plain typed functions; the generated `binding.d.cts` says what they return.

use dumbo_sqlite::{transaction, PragmaOptions};
use napi::{Env, Result};

use crate::errors;

/// The `DumboError` class name for a PostgreSQL SQLSTATE (`mapPostgresError`).
#[napi_derive::napi(js_name = "postgresErrorType", catch_unwind)]
pub fn postgres_error_type(sqlstate: String) -> String {
    dumbo_pg::errors::kind_for_sqlstate(&sqlstate)
        .error_type()
        .to_owned()
}

/// The `DumboError` class name for a SQLite result code given by name
/// (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, ...) and the error's message
/// (`mapSqliteError`).
#[napi_derive::napi(js_name = "sqliteErrorType", catch_unwind)]
pub fn sqlite_error_type(code: String, message: Option<String>) -> String {
    dumbo_sqlite::errors::kind_for_code_name(&code, message.as_deref().unwrap_or_default())
        .error_type()
        .to_owned()
}

/// `DEFAULT_SQLITE_PRAGMA_OPTIONS`: what a SQLite connection sets unless told otherwise.
#[napi_derive::napi(object)]
pub struct SqlitePragmaDefaults {
    #[napi(js_name = "journal_mode")]
    pub journal_mode: String,
    pub synchronous: String,
    #[napi(js_name = "cache_size")]
    pub cache_size: i64,
    #[napi(js_name = "foreign_keys")]
    pub foreign_keys: bool,
    #[napi(js_name = "temp_store")]
    pub temp_store: String,
    #[napi(js_name = "busy_timeout")]
    pub busy_timeout: i64,
    #[napi(js_name = "mmap_size")]
    pub mmap_size: i64,
}

#[napi_derive::napi(js_name = "sqliteDefaultPragmas", catch_unwind)]
pub fn sqlite_default_pragmas() -> SqlitePragmaDefaults {
    let d = PragmaOptions::defaults();
    SqlitePragmaDefaults {
        journal_mode: d.journal_mode.unwrap_or_default(),
        synchronous: d.synchronous.unwrap_or_default(),
        cache_size: d.cache_size.unwrap_or_default(),
        foreign_keys: d.foreign_keys.unwrap_or_default(),
        temp_store: d.temp_store.unwrap_or_default(),
        busy_timeout: d
            .busy_timeout
            .and_then(|ms| i64::try_from(ms).ok())
            .unwrap_or_default(),
        mmap_size: d.mmap_size.unwrap_or_default(),
    }
}

/// The modes `BEGIN <mode> TRANSACTION` accepts, upper-case.
#[napi_derive::napi(js_name = "sqliteTransactionModes", catch_unwind)]
pub fn sqlite_transaction_modes() -> Vec<String> {
    transaction::TRANSACTION_MODES
        .iter()
        .map(|m| (*m).to_owned())
        .collect()
}

/// A transaction's statements, for a client of another driver (SQLite or node-postgres).
#[napi_derive::napi(object)]
pub struct TransactionSql {
    pub begin: String,
    pub commit: String,
    pub rollback: String,
}

/// `BEGIN <mode> TRANSACTION` (the default mode when `mode` is missing), `COMMIT`
/// and `ROLLBACK`; throws InvalidOperationError for an unknown mode.
#[napi_derive::napi(js_name = "sqliteTransactionSql", catch_unwind)]
pub fn sqlite_transaction_sql(env: &Env, mode: Option<String>) -> Result<TransactionSql> {
    let begin =
        transaction::begin_sql(mode.as_deref()).map_err(|e| errors::to_napi(env.raw(), e))?;
    Ok(TransactionSql {
        begin,
        commit: transaction::COMMIT_SQL.to_owned(),
        rollback: transaction::ROLLBACK_SQL.to_owned(),
    })
}

/// The savepoint statements of a nested transaction at `level`.
#[napi_derive::napi(object)]
pub struct SavepointSql {
    pub savepoint: String,
    pub release: String,
    pub rollback_to: String,
}

#[napi_derive::napi(js_name = "sqliteSavepointSql", catch_unwind)]
pub fn sqlite_savepoint_sql(level: u32) -> SavepointSql {
    SavepointSql {
        savepoint: transaction::savepoint_sql(level),
        release: transaction::release_sql(level),
        rollback_to: transaction::rollback_to_sql(level),
    }
}

/// The isolation levels PostgreSQL's `BEGIN ISOLATION LEVEL …` accepts.
#[napi_derive::napi(js_name = "pgIsolationLevels", catch_unwind)]
pub fn pg_isolation_levels() -> Vec<String> {
    dumbo_pg::transaction::ISOLATION_LEVELS
        .iter()
        .map(|l| (*l).to_owned())
        .collect()
}

/// The chunk that stands for a parameter in tokenized SQL (`sqlChunks`).
#[napi_derive::napi(js_name = "sqlParamMarker", catch_unwind)]
pub fn sql_param_marker() -> String {
    dumbo_sql::PARAM_MARKER.to_owned()
}

/// `mapPlaceholder(index)` of a built-in dialect: `?` for SQLite, `$<index + 1>` for
/// PostgreSQL. `null` for an unknown dialect.
#[napi_derive::napi(js_name = "sqlPlaceholder", catch_unwind)]
pub fn sql_placeholder(dialect: String, index: u32) -> Option<String> {
    dumbo_sql::Dialect::from_name(&dialect).map(|d| d.placeholder(index as usize))
}

/// PostgreSQL's transaction statements (`BEGIN [ISOLATION LEVEL …] [READ ONLY]`, `COMMIT`,
/// `ROLLBACK`), for a node-postgres client; throws InvalidOperationError for an unknown level.
#[napi_derive::napi(js_name = "pgTransactionSql", catch_unwind)]
pub fn pg_transaction_sql(
    env: &Env,
    isolation_level: Option<String>,
    readonly: Option<bool>,
) -> Result<TransactionSql> {
    let begin =
        dumbo_pg::transaction::begin_sql(isolation_level.as_deref(), readonly.unwrap_or(false))
            .map_err(|e| errors::to_napi(env.raw(), e))?;
    Ok(TransactionSql {
        begin,
        commit: dumbo_pg::transaction::COMMIT_SQL.to_owned(),
        rollback: dumbo_pg::transaction::ROLLBACK_SQL.to_owned(),
    })
}

/// The savepoint statements of a nested PostgreSQL transaction at `level`.
#[napi_derive::napi(js_name = "pgSavepointSql", catch_unwind)]
pub fn pg_savepoint_sql(level: u32) -> SavepointSql {
    SavepointSql {
        savepoint: dumbo_pg::transaction::savepoint_sql(level),
        release: dumbo_pg::transaction::release_sql(level),
        rollback_to: dumbo_pg::transaction::rollback_to_sql(level),
    }
}

/// The physical SQLite name of a table or index (`kind`) in a logical schema:
/// `schema.name`, or `name` in the default schema (`sqliteTableName`, `sqliteIndexName`);
/// a name containing `.` throws InvalidOperationError. The DDL formatter folds the same way.
#[napi_derive::napi(js_name = "sqlitePhysicalName", catch_unwind)]
pub fn sqlite_physical_name(
    env: &Env,
    #[napi(ts_arg_type = "'table' | 'index'")] kind: String,
    schema: Option<String>,
    name: String,
) -> Result<String> {
    dumbo_sql::ddl::sqlite_physical_name(&kind, schema.as_deref(), &name)
        .map_err(|e| errors::to_napi(env.raw(), e))
}

/// `defaultPostgreSqlDatabase`: the database a PostgreSQL connection goes to when nothing
/// names one.
#[napi_derive::napi(js_name = "pgDefaultDatabase")]
pub fn pg_default_database() -> &'static str {
    dumbo_pg::config::DEFAULT_DATABASE
}

/// The schema name that stands for "the dialect's default schema" in DDL tokens:
/// references in it stay unqualified.
#[napi_derive::napi(js_name = "sqlDefaultSchemaName")]
pub fn sql_default_schema_name() -> &'static str {
    dumbo_sql::ddl::DEFAULT_DATABASE_SCHEMA_NAME
}
