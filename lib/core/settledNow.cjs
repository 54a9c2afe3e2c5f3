'use strict';
// An executor whose statement ran to completion before it returned (drivers that run
// statements inline, as SQLite's do) returns a promise that is already settled, and says
// so here. A guard that tracks in-flight work so that `close()` can drain it then has
// nothing to track, and chains no bookkeeping (a promise and a microtask) onto it.
//
// One slot, the promise marked last: a check is one comparison, and a promise marked
// long ago is still settled (promises never change state once settled).
let marked = null;

/** Marks `promise`, already settled, and returns it. */
function settledNow(promise) {
  marked = promise;
  return promise;
}

/** Whether `promise` was marked by `settledNow`. */
function isSettledNow(promise) {
  return promise === marked;
}

module.exports = { settledNow, isSettledNow };
