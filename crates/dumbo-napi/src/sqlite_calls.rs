//! The per-statement entries of the SQLite driver: `sqliteQuery(handle, id, ...values)`
//! and `sqliteCommand(handle, id, ...values)` run remembered statement `id` of the
//! database with `handle`; `sqliteStage(handle, ...values)` stages values ahead of a
//! statement with more of them than one call should carry on the stack.
//!
//! They are plain Node-API callbacks rather than `#[napi]` methods: a `#[napi]`
//! method call unwraps and type-checks its instance and registers the borrow in a
//! process-wide map, and reads an array argument one `napi_get_element` at a time;
//! measured (callgrind, one-row point select and 5-value INSERT) that was about a
//! quarter of the instructions of a whole statement. Here the values arrive as the
//! call's own arguments and the database is found by its handle.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use dumbo_sqlite::CommandOutcome;
use napi::bindgen_prelude::{panic_to_error, Object};
use napi::sys::{napi_callback_info, napi_env, napi_value};
use napi::{Env, JsValue, Result};

use crate::js::{self, Value};
use crate::js_callback::{self, CallArgs};
use crate::sqlite_database::{lookup, registered, Registered};
use crate::sqlite_rows::JsCells;

#[derive(Clone, Copy)]
enum Operation {
    Query,
    Command,
    Stage,
}

#[napi_derive::napi(module_exports)]
pub fn register_sqlite_calls(exports: Object, env: Env) -> Result<()> {
    let raw = env.raw();
    let exports = exports.raw();
    js_callback::define_function(raw, exports, c"sqliteQuery", Some(query_entry))?;
    js_callback::define_function(raw, exports, c"sqliteCommand", Some(command_entry))?;
    js_callback::define_function(raw, exports, c"sqliteStage", Some(stage_entry))
}

extern "C" fn query_entry(env: napi_env, info: napi_callback_info) -> napi_value {
    entry(env, info, Operation::Query)
}

extern "C" fn command_entry(env: napi_env, info: napi_callback_info) -> napi_value {
    entry(env, info, Operation::Command)
}

extern "C" fn stage_entry(env: napi_env, info: napi_callback_info) -> napi_value {
    entry(env, info, Operation::Stage)
}

/// Runs `op`; an error or a panic is thrown into JS (a panic as napi-rs reports one,
/// code `GenericFailure`).
fn entry(env: napi_env, info: napi_callback_info, op: Operation) -> napi_value {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let args = CallArgs::read(env, info)?;
        run(env, args.as_slice(), op)
    }))
    .map_err(panic_to_error)
    .and_then(|r| r);
    match result {
        Ok(v) => v,
        Err(e) => {
            js_callback::throw(env, e);
            ptr::null_mut()
        }
    }
}

fn run(env: napi_env, args: &[Value], op: Operation) -> Result<Value> {
    let index = |i: usize| -> Result<u32> {
        let v = args
            .get(i)
            .ok_or_else(|| js::type_error(env, "missing SQLite handle or statement id"))?;
        js_callback::index(env, *v)
    };
    let db = lookup(env, index(0)?)?;
    if let Operation::Stage = op {
        db.stage(env, &args[1..])?;
        return js::undefined(env);
    }
    // Values first: they take any staged ones, which must not outlive this call.
    let params = db.read_values(env, args.get(2..).unwrap_or_default())?;
    let id = index(1)?;
    let mut statements = db.statements.borrow_mut();
    let Registered { text, columns } = registered(env, &mut statements, id)?;
    let mut cells = JsCells::new(env, &db.push, Some(columns))?;
    match op {
        Operation::Query => {
            db.with_conn(env, |c| {
                c.query_kept(id as usize, text, &params, &mut cells)
            })?;
            cells.finish()
        }
        _ => match db.with_conn(env, |c| {
            c.command_kept(id as usize, text, &params, &mut cells)
        })? {
            CommandOutcome::Changed(n) => js::create_number(env, n as f64),
            CommandOutcome::Rows(_) => cells.finish(),
        },
    }
}
