'use strict';
// Abort helpers over `{ abort: { signal } }` contexts (as upstream's).
const { DumboError } = require('../errors.cjs');

/** The context of work nobody can abort. */
const never = Object.freeze({ signal: new AbortController().signal });

/** The reason of an aborted signal (or `{ signal }`) as an Error. */
function abortReason(abortOrSignal) {
  const signal = 'signal' in abortOrSignal ? abortOrSignal.signal : abortOrSignal;
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

const nothingToUndo = () => {};

/** Calls `handle(reason)` when `abort` fires; returns the unsubscribe function. */
function onAbort(abort, handle) {
  if (!abort) return nothingToUndo;
  const signal = abort.signal;
  if (signal.aborted) {
    handle(abortReason(signal));
    return nothingToUndo;
  }
  const listener = () => handle(abortReason(signal));
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/**
 * A child abort that fires when `parent` does, or on its own `abort(reason)`. Its
 * AbortController is made when first needed (its `signal` read, or an abort): a
 * statement that nobody aborts, the common case, makes none.
 */
class AbortScope {
  constructor(parent, onParentAbort) {
    /** @type {AbortController | undefined} */
    this.controller = undefined;
    this.dispose =
      !parent
        ? nothingToUndo
        : onAbort(parent, (reason) => {
            this.abort(reason);
            onParentAbort?.(reason);
          });
  }

  get signal() {
    return (this.controller ??= new AbortController()).signal;
  }

  /** @param {unknown} [reason] */
  abort(reason) {
    (this.controller ??= new AbortController()).abort(reason);
  }
}

/**
 * @param {{ signal: AbortSignal } | undefined} parent
 * @param {(reason: unknown) => void} [onParentAbort]
 */
function abortScope(parent, onParentAbort) {
  return new AbortScope(parent, onParentAbort);
}

/**
 * Runs `operation()`; with `options.abort`, the returned promise rejects with the abort's
 * reason as soon as it fires (the operation itself is not stopped: it is the caller's to
 * watch the same signal).
 */
function executeAbortable(operation, options) {
  const abort = options?.abort;
  if (!abort) return operation();
  if (abort.signal.aborted) return Promise.reject(abortReason(abort));
  return new Promise((resolve, reject) => {
    const unsubscribe = onAbort(abort, reject);
    let running;
    try {
      running = operation();
    } catch (error) {
      unsubscribe();
      reject(error);
      return;
    }
    Promise.resolve(running).then(
      (result) => {
        unsubscribe();
        resolve(result);
      },
      (error) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}

/** Upstream's `Abort` namespace object. */
const Abort = Object.freeze({
  execute: executeAbortable,
  from: abortFrom,
  never,
  onAbort,
  reason: abortReason,
  rejectIfAborted,
  scope: abortScope,
  throwIfAborted,
});

module.exports = { Abort, never, abortReason, throwIfAborted, rejectIfAborted, abortFrom, onAbort, abortScope };
