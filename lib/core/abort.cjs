'use strict';
const { DumboError } = require('../errors.cjs');

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

module.exports = { abortReason, throwIfAborted };
