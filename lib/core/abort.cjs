'use strict';
// Abort helpers over `{ abort: { signal } }` contexts (as upstream's).
const { DumboError } = require('../errors.cjs');

/** The context of work nobody can abort. */
const never = Object.freeze({ signal: new AbortController().signal });

/** The reason of an aborted signal as an Error (upstream Abort.reason semantics). */
function abortReason(signal) {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  if (typeof reason === 'string') return new DumboError(reason);
  return new DumboError('Operation aborted');
}

/** Throws when `options.abort.signal` (or `options.signal`) is already aborted. */
function throwIfAborted(options) {
  const signal = options?.abort?.signal ?? options?.signal;
  if (signal?.aborted) throw abortReason(signal);
}

/** A rejected promise when already aborted, else undefined. */
function rejectIfAborted(options) {
  const signal = options?.abort?.signal ?? options?.signal;
  return signal?.aborted ? Promise.reject(abortReason(signal)) : undefined;
}

/** The caller's abort, or `never`. */
function abortFrom(options) {
  return options?.abort ?? never;
}

/** Calls `handle(reason)` when `abort` fires; returns the unsubscribe function. */
function onAbort(abort, handle) {
  if (!abort) return () => {};
  const signal = abort.signal;
  if (signal.aborted) {
    handle(abortReason(signal));
    return () => {};
  }
  const listener = () => handle(abortReason(signal));
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/** A child abort that fires when `parent` does, or on its own `abort(reason)`. */
function abortScope(parent, onParentAbort) {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: onAbort(parent, (reason) => {
      controller.abort(reason);
      onParentAbort?.(reason);
    }),
  };
}

module.exports = { never, abortReason, throwIfAborted, rejectIfAborted, abortFrom, onAbort, abortScope };
