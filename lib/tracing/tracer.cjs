'use strict';
// Upstream's tracer, LogLevel and LogStyle.
//
// An event `{ name, timestamp, ...attributes }` prints through console.info / log / warn
// / error (by the method called), as JSON (DUMBO_LOG_STYLE=RAW, the default) or through
// prettyJson (PRETTY). Which events print depends on DUMBO_LOG_LEVEL (default ERROR):
//   INFO, LOG  every event (upstream);
//   WARN       warn and error events;
//   ERROR      error events;
//   DISABLED   nothing (any other value too).
// Upstream prints nothing at WARN and ERROR, not even tracer.error; here they print what
// their names say (docs/tracing.md). Failures the caller receives anyway (statement and
// migration errors) are traced only with the SQL trace.
//
// The SQL trace (statements, transactions) belongs to INFO and LOG. Drivers ask
// isSQLTracingOn() before building anything: the level is read from the environment
// once per event-loop turn, not per statement (reading process.env costs a few hundred
// nanoseconds), so a change made with `process.env.DUMBO_LOG_LEVEL = ...` applies from
// the next turn (tracer.* calls read it every time).
const { JSONSerializer } = require('../serializer.cjs');
const { prettyJson } = require('./pretty.cjs');

const LogLevel = Object.freeze({
  DISABLED: 'DISABLED',
  INFO: 'INFO',
  LOG: 'LOG',
  WARN: 'WARN',
  ERROR: 'ERROR',
});

const LogStyle = Object.freeze({ RAW: 'RAW', PRETTY: 'PRETTY' });

function getEnvVariable(name) {
  try {
    if (typeof process !== 'undefined' && process.env) return process.env[name];
  } catch {
    // Deno without --allow-env, a sandbox: no tracing configuration.
  }
  return undefined;
}

/** DUMBO_LOG_LEVEL, ERROR when unset or empty. */
const configuredLogLevel = () => getEnvVariable('DUMBO_LOG_LEVEL') || LogLevel.ERROR;

function shouldPrint(eventLevel, configured) {
  switch (configured) {
    case LogLevel.INFO:
    case LogLevel.LOG:
      return true;
    case LogLevel.WARN:
      return eventLevel === LogLevel.WARN || eventLevel === LogLevel.ERROR;
    case LogLevel.ERROR:
      return eventLevel === LogLevel.ERROR;
    default:
      return false;
  }
}

/** An unknown DUMBO_LOG_STYLE prints RAW. */
const formatEvent = (event) =>
  getEnvVariable('DUMBO_LOG_STYLE') === LogStyle.PRETTY
    ? prettyJson(event, { handleMultiline: true })
    : JSONSerializer.serialize(event);

function print(level, text) {
  if (level === LogLevel.INFO) console.info(text);
  else if (level === LogLevel.LOG) console.log(text);
  else if (level === LogLevel.WARN) console.warn(text);
  else console.error(text);
}

function recordTraceEvent(level, eventName, attributes) {
  if (!shouldPrint(level, configuredLogLevel())) return;
  print(level, formatEvent({ name: eventName, timestamp: new Date().getTime(), ...attributes }));
}

/** Calling `tracer()` itself does nothing (upstream). */
const tracer = () => {};
tracer.info = (eventName, attributes) => recordTraceEvent(LogLevel.INFO, eventName, attributes);
tracer.warn = (eventName, attributes) => recordTraceEvent(LogLevel.WARN, eventName, attributes);
tracer.log = (eventName, attributes) => recordTraceEvent(LogLevel.LOG, eventName, attributes);
tracer.error = (eventName, attributes) => recordTraceEvent(LogLevel.ERROR, eventName, attributes);

// ── the hot-path switch ──
let sqlTracing = false;
let fresh = false;
const expire = () => {
  fresh = false;
};
const nextTurn =
  typeof setImmediate === 'function'
    ? (fn) => setImmediate(fn).unref?.()
    : (fn) => setTimeout(fn, 0)?.unref?.();

/** Whether the SQL trace is on (DUMBO_LOG_LEVEL INFO or LOG); cached for this event-loop turn. */
function isSQLTracingOn() {
  if (fresh) return sqlTracing;
  fresh = true;
  nextTurn(expire);
  const level = configuredLogLevel();
  sqlTracing = level === LogLevel.INFO || level === LogLevel.LOG;
  return sqlTracing;
}

module.exports = { tracer, LogLevel, LogStyle, isSQLTracingOn };
