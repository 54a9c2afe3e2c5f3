//! The few typed helpers the registry and the deferred layers share on top of
//! napi-rs' own API: a JS value kept alive by Rust state ([`Held`]), a call with a
//! run-time argument list ([`Args`]), method calls that keep a thrown JS error as is,
//! and promise continuations whose failures reject with the original error object.

use napi::bindgen_prelude::{
    CallbackContext, FromNapiValue, Function, JsValuesTupleIntoVec, Object, PromiseRaw,
    ToNapiValue, Unknown,
};
use napi::{Env, Error, JsValue, Result, Status, UnknownRef, ValueType};

use crate::js;

/// A JS value (plugin, pool, options, pending promise) owned by Rust state and
/// released when dropped. Only created, read and dropped on its JS thread: the
/// classes and promise callbacks that own one run there.
pub struct Held {
    env: Env,
    reference: Option<UnknownRef>,
}

impl Held {
    pub fn new(env: &Env, value: &Unknown<'_>) -> Result<Held> {
        Ok(Held {
            env: *env,
            reference: Some(value.create_ref()?),
        })
    }

    pub fn of<'a, V: JsValue<'a>>(env: &Env, value: &V) -> Result<Held> {
        Held::new(env, &value.to_unknown())
    }

    pub fn get<'e>(&self, env: &'e Env) -> Result<Unknown<'e>> {
        match &self.reference {
            Some(r) => r.get_value(env),
            None => Err(Error::new(Status::GenericFailure, "released reference")),
        }
    }

    pub fn object<'e>(&self, env: &'e Env) -> Result<Object<'e>> {
        Object::from_unknown(self.get(env)?)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(r) = self.reference.take() {
            // Nothing to report from a destructor; a failure only leaks the value.
            let _ = r.unref(&self.env);
        }
    }
}

/// Arguments known at run time; trailing absent ones are left out (so the callee
/// sees the same `arguments.length` as a direct call), holes become `undefined`.
pub struct Args<'a>(Vec<Unknown<'a>>);

impl<'a> Args<'a> {
    pub fn new(env: &'a Env, given: &[Option<Unknown<'a>>]) -> Result<Args<'a>> {
        let Some(last) = given.iter().rposition(Option::is_some) else {
            return Ok(Args(Vec::new()));
        };
        given[..=last]
            .iter()
            .map(|a| match a {
                Some(v) => Ok(*v),
                None => ().into_unknown(env),
            })
            .collect::<Result<_>>()
            .map(Args)
    }

    pub fn hold(&self, env: &Env) -> Result<Vec<Held>> {
        self.0.iter().map(|v| Held::new(env, v)).collect()
    }

    pub fn from_held(env: &'a Env, held: &[Held]) -> Result<Args<'a>> {
        held.iter()
            .map(|h| h.get(env))
            .collect::<Result<_>>()
            .map(Args)
    }
}

impl JsValuesTupleIntoVec for Args<'_> {
    fn into_vec(self, _env: napi::sys::napi_env) -> Result<Vec<napi::sys::napi_value>> {
        Ok(self.0.iter().map(JsValue::raw).collect())
    }
}

pub fn is_function(v: &Unknown<'_>) -> Result<bool> {
    Ok(v.get_type()? == ValueType::Function)
}

pub fn is_object(v: &Unknown<'_>) -> Result<bool> {
    Ok(v.get_type()? == ValueType::Object)
}

pub fn is_nullish(v: &Unknown<'_>) -> Result<bool> {
    Ok(matches!(
        v.get_type()?,
        ValueType::Null | ValueType::Undefined
    ))
}

/// `obj[name]` when it is a string.
pub fn string_field(obj: &Object<'_>, name: &str) -> Result<Option<String>> {
    match obj.get::<Unknown>(name)? {
        Some(v) if v.get_type()? == ValueType::String => String::from_unknown(v).map(Some),
        _ => Ok(None),
    }
}

/// `obj[name]` when it is a function.
pub fn function_field<'a, A: JsValuesTupleIntoVec>(
    obj: &Object<'a>,
    name: &str,
) -> Result<Option<Function<'a, A, Unknown<'a>>>> {
    match obj.get::<Unknown>(name)? {
        Some(v) if is_function(&v)? => Function::from_unknown(v).map(Some),
        _ => Ok(None),
    }
}

/// `obj[name](...args)`; a missing method is a TypeError naming it. A JS throw comes
/// back as the original error object.
pub fn call_method<'a, A: JsValuesTupleIntoVec>(
    env: &Env,
    obj: &Object<'a>,
    name: &str,
    args: A,
) -> Result<Unknown<'a>> {
    let Some(f) = function_field(obj, name)? else {
        return Err(type_error(env, &format!("{name} is not a function")));
    };
    call_with_this(obj, &f, args)
}

/// `f.call(this, ...args)`, keeping a thrown JS error as is (`Function::call` takes
/// the pending exception off the environment; `apply` would leave it pending).
pub fn call_with_this<'a, A: JsValuesTupleIntoVec>(
    this: &Object<'a>,
    f: &Function<'a, A, Unknown<'a>>,
    args: A,
) -> Result<Unknown<'a>> {
    f.bind(this)?.call(args)
}

/// A JS `TypeError` with `message`, ready to be thrown.
pub fn type_error(env: &Env, message: &str) -> Error {
    js::type_error(env.raw(), message)
}

/// A promise already settled with `result`; an `Err` rejects with its original error object.
pub fn settled<'a>(
    env: &'a Env,
    result: Result<Unknown<'a>>,
) -> Result<PromiseRaw<'a, Unknown<'a>>> {
    match result {
        Ok(v) => PromiseRaw::resolve(env, v),
        Err(e) => PromiseRaw::reject(env, e),
    }
}

/// The value a promise callback returns for `result`. Returning an `Err` to napi-rs
/// would throw a new `Error` built from the message only (losing the class, fields
/// and `cause`), so a failure becomes a rejected promise of the original object.
fn continuation<'a>(env: &'a Env, result: Result<Unknown<'a>>) -> Result<Unknown<'a>> {
    match result {
        Ok(v) => Ok(v),
        Err(e) => PromiseRaw::<Unknown>::reject(env, e)?.into_unknown(env),
    }
}

/// `promise.then(f)`: `f` runs on the JS thread with the fulfilled value.
pub fn then<'a>(
    env: &'a Env,
    promise: &PromiseRaw<'a, Unknown<'a>>,
    f: impl for<'e> FnOnce(&'e Env, Unknown<'e>) -> Result<Unknown<'e>> + 'static,
) -> Result<PromiseRaw<'a, Unknown<'a>>> {
    let source: PromiseRaw<'_, Unknown<'static>> = PromiseRaw::new(env.raw(), promise.raw());
    let next = source.then(move |ctx: CallbackContext<Unknown<'static>>| {
        let env = ctx.env;
        continuation(&env, f(&env, ctx.value)).map(|v| v.raw())
    })?;
    Ok(PromiseRaw::new(env.raw(), next.raw()))
}

/// `promise.catch(f)`: `f` runs with the rejection reason; returning `Err` rejects again.
pub fn catch<'a>(
    env: &'a Env,
    promise: &PromiseRaw<'a, Unknown<'a>>,
    f: impl for<'e> FnOnce(&'e Env, Unknown<'e>) -> Result<Unknown<'e>> + 'static,
) -> Result<PromiseRaw<'a, Unknown<'a>>> {
    let source: PromiseRaw<'_, Unknown<'static>> = PromiseRaw::new(env.raw(), promise.raw());
    let next = source.catch(move |ctx: CallbackContext<Unknown<'static>>| {
        let env = ctx.env;
        continuation(&env, f(&env, ctx.value)).map(|v| v.raw())
    })?;
    Ok(PromiseRaw::new(env.raw(), next.raw()))
}
