'use strict';
// The writer lock of a better-sqlite3 pool: one holder (a Dumbo connection) at a
// time, FIFO, with a maximum wait. A transaction holds it from BEGIN to its end, a
// withConnection callback for its duration; statements run synchronously, so a
// single statement outside any transaction needs it only when someone else holds it.
const { QueryCanceledError } = require('@event-driven-io/dumbo');

class WriterLock {
  constructor(maxWaitMs) {
    this.maxWaitMs = maxWaitMs;
    this.owner = null;
    this.queue = [];
  }

  acquire(owner) {
    if (this.owner === null) {
      this.owner = owner;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = { owner, resolve, reject, timer: null };
      waiter.timer = setTimeout(() => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new QueryCanceledError('Task was not started within the maximum waiting time'));
      }, this.maxWaitMs);
      // A waiting task keeps the process alive, but never longer than maxWaitMs.
      this.queue.push(waiter);
    });
  }

  release(owner) {
    if (this.owner !== owner) return;
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      this.owner = next.owner; // the lock passes straight to the next waiter
      next.resolve();
      return;
    }
    this.owner = null;
  }

  rejectWaiting(error) {
    for (const waiter of this.queue.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }
}

module.exports = { WriterLock };
