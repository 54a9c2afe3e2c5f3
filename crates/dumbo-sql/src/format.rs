//! Formatting tokenized SQL into a query plus params: upstream's `formatSQL`, its
//! `ParametrizedSQLBuilder`, the default processors and the PostgreSQL array / IN
//! processors.
//!
//! One walker ([`walk`]) interprets the tokens; a [`Sink`] decides what a parameter
//! becomes (a placeholder plus a bound value here, an inlined value in `describe`).

use dumbo_core::{Error, Result, SqlValue};

use crate::dialect::{Dialect, Processors};
use crate::identifier::quote_identifier;
use crate::token::{ArrayMode, Token, TokenizedSql, PARAM_MARKER};

/// `ParametrizedSQL`: the query text and its bound parameters, in placeholder order.
#[derive(Debug, Clone, PartialEq)]
pub struct ParametrizedSql {
    pub query: String,
    pub params: Vec<SqlValue>,
}

const EMPTY_ARRAY_MESSAGE: &str = "Empty arrays are not supported. If you're using it with SELECT IN statement Use SQL.in(column, array) helper instead.";

/// Where the walker writes (upstream `ParametrizedSQLBuilder`).
pub(crate) trait Sink {
    /// `addSQL`: raw text.
    fn push_sql(&mut self, text: &str);
    /// `addParam(value)` for a single value.
    fn add_param(&mut self, value: &SqlValue) -> Result<()>;
    /// `addParams(mapValue(array))`: one placeholder per element, joined by `", "`.
    fn add_params(&mut self, values: &[SqlValue]) -> Result<()>;
    /// `addParam(mapValue(array))`: the whole array as one parameter.
    fn add_array_param(&mut self, values: &[SqlValue]) -> Result<()>;
}

/// Walks the chunks and tokens of `sql`, writing into `sink`.
pub(crate) fn walk<S: Sink>(
    sql: &TokenizedSql,
    dialect: Dialect,
    processors: Processors,
    sink: &mut S,
) -> Result<()> {
    let mut tokens = sql.tokens.iter();
    let mut used = 0usize;
    for chunk in &sql.chunks {
        if chunk != PARAM_MARKER {
            sink.push_sql(chunk);
            continue;
        }
        let token = tokens.next().ok_or_else(|| {
            Error::invalid_operation(format!(
                "Malformed TokenizedSQL: parameter marker #{} has no matching token ({} tokens given)",
                used + 1,
                sql.tokens.len()
            ))
        })?;
        used += 1;
        process_token(token, dialect, processors, sink)?;
    }
    let left = tokens.len();
    if left > 0 {
        return Err(Error::invalid_operation(format!(
            "Malformed TokenizedSQL: {left} token(s) left without a parameter marker ({used} markers, {} tokens)",
            sql.tokens.len()
        )));
    }
    Ok(())
}

fn process_token<S: Sink>(
    token: &Token,
    dialect: Dialect,
    processors: Processors,
    sink: &mut S,
) -> Result<()> {
    let native = processors.native_arrays(dialect);
    match token {
        Token::Literal(value) => sink.add_param(value),
        Token::Identifier(name) => {
            sink.push_sql(&quote_identifier(name, dialect));
            Ok(())
        }
        Token::Plain(text) => {
            sink.push_sql(text);
            Ok(())
        }
        Token::Array { values, mode } => {
            if values.is_empty() {
                return Err(Error::data(EMPTY_ARRAY_MESSAGE));
            }
            if native && *mode != Some(ArrayMode::Params) {
                sink.add_array_param(values)
            } else {
                sink.add_params(values)
            }
        }
        Token::In {
            column,
            values,
            mode,
        } => {
            if values.is_empty() {
                return sink.add_param(&SqlValue::Bool(false));
            }
            // Upstream inlines the column verbatim; we quote it (plain names are unchanged).
            sink.push_sql(&quote_identifier(column, dialect));
            if native && *mode != Some(ArrayMode::Params) {
                sink.push_sql(" = ANY (");
                sink.add_array_param(values)?;
            } else {
                sink.push_sql(" IN (");
                sink.add_params(values)?;
            }
            sink.push_sql(")");
            Ok(())
        }
        Token::Ddl(ddl) => {
            sink.push_sql(&ddl.render(dialect)?);
            Ok(())
        }
    }
}

/// Collects the query with dialect placeholders and the bound values (unconverted).
struct ParamSink {
    dialect: Dialect,
    query: String,
    params: Vec<SqlValue>,
}

impl Sink for ParamSink {
    fn push_sql(&mut self, text: &str) {
        self.query.push_str(text);
    }

    fn add_param(&mut self, value: &SqlValue) -> Result<()> {
        self.dialect
            .push_placeholder(&mut self.query, self.params.len());
        self.params.push(value.clone());
        Ok(())
    }

    fn add_params(&mut self, values: &[SqlValue]) -> Result<()> {
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.query.push_str(", ");
            }
            self.add_param(value)?;
        }
        Ok(())
    }

    fn add_array_param(&mut self, values: &[SqlValue]) -> Result<()> {
        self.add_param(&SqlValue::Array(values.to_vec()))
    }
}

/// Formats tokenized SQL into a query with `?` (SQLite) or `$n` (PostgreSQL)
/// placeholders and the params to bind, in order.
///
/// Params are the values as given (dates, bigints and JSON are left for the driver to
/// bind); use [`crate::display_param`] for upstream's mapped form.
/// [`Processors::Default`] mirrors `SQL.format(sql, formatter)`;
/// [`Processors::Dialect`] mirrors `pgFormatter.format` / `sqliteFormatter.format`.
pub fn format(
    sql: &TokenizedSql,
    dialect: Dialect,
    processors: Processors,
) -> Result<ParametrizedSql> {
    let capacity = sql.chunks.iter().map(String::len).sum::<usize>() + sql.tokens.len() * 4;
    let mut sink = ParamSink {
        dialect,
        query: String::with_capacity(capacity),
        params: Vec::with_capacity(sql.tokens.len()),
    };
    walk(sql, dialect, processors, &mut sink)?;
    Ok(ParametrizedSql {
        query: sink.query,
        params: sink.params,
    })
}

/// The formatted SQL as text pieces around its parameters: `texts[0] params[0]
/// texts[1] ... texts[n]` (`texts.len() == params.len() + 1`). A PostgreSQL native
/// array is one [`SqlValue::Array`] param. Lets a JS walker (a user's processors
/// registry) place the parameters with its own builder and value mapper.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatSegments {
    pub texts: Vec<String>,
    pub params: Vec<SqlValue>,
}

struct SegmentSink {
    texts: Vec<String>,
    params: Vec<SqlValue>,
}

impl Sink for SegmentSink {
    fn push_sql(&mut self, text: &str) {
        if let Some(last) = self.texts.last_mut() {
            last.push_str(text);
        }
    }

    fn add_param(&mut self, value: &SqlValue) -> Result<()> {
        self.params.push(value.clone());
        self.texts.push(String::new());
        Ok(())
    }

    fn add_params(&mut self, values: &[SqlValue]) -> Result<()> {
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.push_sql(", ");
            }
            self.add_param(value)?;
        }
        Ok(())
    }

    fn add_array_param(&mut self, values: &[SqlValue]) -> Result<()> {
        self.add_param(&SqlValue::Array(values.to_vec()))
    }
}

/// Like [`format`], but returns the text around each parameter instead of placeholders.
pub fn format_segments(
    sql: &TokenizedSql,
    dialect: Dialect,
    processors: Processors,
) -> Result<FormatSegments> {
    let mut sink = SegmentSink {
        texts: vec![String::new()],
        params: Vec::with_capacity(sql.tokens.len()),
    };
    walk(sql, dialect, processors, &mut sink)?;
    Ok(FormatSegments {
        texts: sink.texts,
        params: sink.params,
    })
}

#[cfg(test)]
#[path = "format_array_tests.rs"]
mod array_tests;
#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
