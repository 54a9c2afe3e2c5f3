'use strict';
// The single-writer guard of a SQLite pool: one writer task at a time, FIFO, with a
// maximum wait (upstream guardExclusiveAccess, maxTaskIdleTime default 30 s). Work
// started inside a guarded callback runs on the active connection via
// AsyncLocalStorage and never queues behind itself (reentrancy). The storage is
// disabled whenever the guard goes idle: on Node before 24 an enabled
// AsyncLocalStorage turns on promise hooks for the whole process, a cost every
// promise would pay long after the last transaction.
const { AsyncLocalStorage } = require('node:async_hooks');
const { QueryCanceledError, TransientDatabaseError } = require('../errors.cjs');

const MAX_QUEUE = 1000;

class WriterGuard {
  constructor(maxWaitMs = 30_000) {
    this.maxWaitMs = maxWaitMs;
    this.locked = false;
    this.queue = [];
    this.context = new AsyncLocalStorage();
    this.idle = null;
  }

  /** The connection of the guarded callback this code runs in, if any. */
  active() {
    return this.context.getStore();
  }

  async run(connection, task) {
    if (this.locked) await this.#wait();
    else this.locked = true;
    try {
      return await this.context.run(connection, task);
    } finally {
      this.#release();
    }
  }

  #wait() {
    if (this.queue.length >= MAX_QUEUE) {
      return Promise.reject(
        new TransientDatabaseError('Too many pending connections. Please try again later.'),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject, timer: null };
      waiter.timer = setTimeout(() => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new QueryCanceledError('Task was not started within the maximum waiting time'));
      }, this.maxWaitMs);
      waiter.timer.unref?.();
      this.queue.push(waiter);
    });
  }

  #release() {
    const next = this.queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(); // the lock passes straight to the next waiter
      return;
    }
    this.locked = false;
    this.context.disable();
    if (this.idle) {
      const done = this.idle;
      this.idle = null;
      done();
    }
  }

  /** Resolves when no task holds or waits for the lock. */
  drained() {
    if (!this.locked) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.idle;
      this.idle = () => {
        previous?.();
        resolve();
      };
    });
  }

  /** Rejects every waiting task (forced close). */
  rejectWaiting(error) {
    for (const waiter of this.queue.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }
}

module.exports = { WriterGuard };
