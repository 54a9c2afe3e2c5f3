'use strict';
// An executor whose statement ran to completion before it returned (drivers that run
// statements inline, as SQLite's do) returns a promise that is already settled, and says
// so here. A guard that tracks in-flight work so that `close()` can drain it then has
// nothing to track, and chains no bookkeeping (a promise and a microtask) onto it.
//
// Only while a guard watches an operation it starts is the promise remembered (one slot,
// the last one marked), and the slot is emptied when the outermost watch ends: no result
// is kept alive past the call that made it.
let watching = 0;
let marked = null;

/** Marks `promise`, already settled, for the guard watching (if any); returns it. */
function settledNow(promise) {
  if (watching > 0) marked = promise;
  return promise;
}

/** A guard starts an operation: promises marked from now on are remembered. */
function watchSettled() {
  watching++;
}

/**
 * The operation has returned `promise` (undefined when it threw): whether an executor
 * marked that very promise as settled.
 */
function settledWhileWatched(promise) {
  const settled = promise !== undefined && promise === marked;
  if (--watching === 0) marked = null;
  return settled;
}

module.exports = { settledNow, watchSettled, settledWhileWatched };
