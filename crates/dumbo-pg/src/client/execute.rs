//! The statement path: prepared (and cached) statements, the simple-protocol
//! fallback, stale-statement retry and per-statement timeouts.

use std::pin::pin;

use dumbo_core::{Result, SqlValue};
use futures_util::TryStreamExt;
use tokio_postgres::types::Type;
use tokio_postgres::Statement;

use super::cache::MAX_CACHED_STATEMENTS;
use super::{simple, Conn, ExecOptions, PgClient, QueryOutcome};
use crate::decode::DecodeOptions;
use crate::encode;
use crate::rows::ResultRows;

impl PgClient {
    /// Runs one statement with parameters (see [`ExecOptions`]).
    ///
    /// With `prepare` (see `PgConnectOptions`), statements are prepared once per
    /// connection and cached; else each runs on the unnamed statement. A parameterless
    /// string with several statements runs through the simple protocol and
    /// returns the last statement's result, values as text.
    ///
    /// With a timeout, `statement_timeout` is SET before and RESET after. A caller
    /// that drops this future midway should [`discard`](Self::discard) the client,
    /// as the RESET may not have run.
    pub async fn execute(
        &self,
        sql: &str,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome> {
        self.check(sql)?;
        let timeout_ms = opts
            .timeout
            .filter(|t| !t.is_zero())
            .map(|t| t.as_millis().max(1));
        let Some(ms) = timeout_ms else {
            return self.run(sql, params, opts).await;
        };
        self.batch_execute(&format!("SET statement_timeout = {ms}"))
            .await?;
        let result = self.run(sql, params, opts).await;
        // A failure is ignored: it only happens in an aborted transaction, and the
        // ROLLBACK (or ROLLBACK TO SAVEPOINT) that must follow also undoes the SET,
        // because SET made inside a transaction is transactional.
        let _ = self.client().batch_execute("RESET statement_timeout").await;
        result
    }

    async fn run(
        &self,
        sql: &str,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome> {
        if params.is_empty() && simple::has_multiple_statements(sql) {
            return self.run_simple(sql).await;
        }
        if !self.prepare {
            if opts.in_transaction {
                let repeated = self
                    .repeats
                    .statement(self.client(), sql)
                    .await
                    .map_err(|e| self.error(&e))?;
                if let Some(statement) = repeated {
                    return self
                        .query(&statement, params, opts)
                        .await
                        .map_err(|e| self.error(&e));
                }
            }
            return match self.query_unnamed(sql, params, opts).await {
                Err(e) if params.is_empty() && !opts.in_transaction && is_multi_command(&e) => {
                    self.run_simple(sql).await
                }
                result => result.map_err(|e| self.error(&e)),
            };
        }
        let statement = match self.prepare(sql).await {
            Ok(statement) => statement,
            Err(e) if params.is_empty() && !opts.in_transaction && is_multi_command(&e) => {
                return self.run_simple(sql).await;
            }
            Err(e) => return Err(self.error(&e)),
        };
        match self.query(&statement, params, opts).await {
            Err(e) if is_stale_statement(&e) => {
                self.forget(sql);
                if opts.in_transaction {
                    return Err(self.error(&e));
                }
                let statement = self.prepare(sql).await.map_err(|e| self.error(&e))?;
                self.query(&statement, params, opts)
                    .await
                    .map_err(|e| self.error(&e))
            }
            result => result.map_err(|e| self.error(&e)),
        }
    }

    async fn prepare(&self, sql: &str) -> Result<Statement, tokio_postgres::Error> {
        match &self.conn {
            Conn::Pooled(None) => unreachable!("a pooled client is emptied only when dropped"),
            Conn::Pooled(Some(object)) => {
                if object.statement_cache.size() >= MAX_CACHED_STATEMENTS {
                    object.statement_cache.clear();
                }
                object.prepare_cached(sql).await
            }
            Conn::Direct { client, cache, .. } => cache.prepare(client, sql).await,
        }
    }

    fn forget(&self, sql: &str) {
        match &self.conn {
            Conn::Pooled(None) => {}
            Conn::Pooled(Some(object)) => {
                object.statement_cache.remove(sql, &[]);
            }
            Conn::Direct { cache, .. } => cache.remove(sql),
        }
    }

    async fn query(
        &self,
        statement: &Statement,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome, tokio_postgres::Error> {
        let stream = self
            .client()
            .query_raw(statement, encode::params(params))
            .await?;
        let mut stream = pin!(stream);
        let mut rows = Vec::new();
        while let Some(row) = stream.try_next().await? {
            rows.push(row);
        }
        let row_count = stream.rows_affected().unwrap_or(rows.len() as u64);
        Ok(QueryOutcome {
            row_count,
            has_columns: !statement.columns().is_empty(),
            rows: ResultRows::Binary(rows),
            decode: opts.decode,
        })
    }

    /// Parse, bind, describe and execute on the unnamed statement in one round trip:
    /// nothing outlives the statement on the server, so a transaction-mode pooler
    /// may hand each statement to a different server session.
    async fn query_unnamed(
        &self,
        sql: &str,
        params: &[SqlValue],
        opts: &ExecOptions,
    ) -> Result<QueryOutcome, tokio_postgres::Error> {
        // `unknown` lets the server infer each type, as for a prepared statement.
        let typed = params.iter().map(|p| (encode::Param(p), Type::UNKNOWN));
        let stream = self.client().query_typed_raw(sql, typed).await?;
        let mut stream = pin!(stream);
        let mut rows = Vec::new();
        while let Some(row) = stream.try_next().await? {
            rows.push(row);
        }
        let row_count = stream.rows_affected().unwrap_or(rows.len() as u64);
        // The row description is only reachable through a row: with none, the
        // outcome is a count of 0, which JS shows as no rows either way.
        Ok(QueryOutcome {
            row_count,
            has_columns: !rows.is_empty(),
            rows: ResultRows::Binary(rows),
            decode: opts.decode,
        })
    }

    async fn run_simple(&self, sql: &str) -> Result<QueryOutcome> {
        let outcome = simple::run(self.client(), sql)
            .await
            .map_err(|e| self.error(&e))?;
        Ok(match outcome.rows {
            Some((columns, rows)) => QueryOutcome {
                row_count: outcome.row_count,
                rows: ResultRows::Text { columns, rows },
                has_columns: true,
                decode: DecodeOptions::default(),
            },
            None => QueryOutcome {
                row_count: outcome.row_count,
                ..QueryOutcome::default()
            },
        })
    }
}

/// Preparing failed because the string holds several statements.
fn is_multi_command(e: &tokio_postgres::Error) -> bool {
    e.as_db_error()
        .is_some_and(|db| db.code().code() == "42601" && db.message().contains("multiple commands"))
}

/// A cached statement no longer matches the schema (or no longer exists).
fn is_stale_statement(e: &tokio_postgres::Error) -> bool {
    e.as_db_error().is_some_and(|db| {
        let code = db.code().code();
        code == "26000"
            || (code == "0A000"
                && db
                    .message()
                    .contains("cached plan must not change result type"))
    })
}
