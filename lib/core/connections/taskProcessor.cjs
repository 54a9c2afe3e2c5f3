'use strict';
// A FIFO task queue with at most `maxActiveTasks` running, a bounded queue and an
// optional maximum wait before a task starts (upstream core/taskProcessing). Pools
// use it to bound connections and to drain in-flight work on close: `stop()` waits,
// `stop({ force })` aborts running tasks, `stop({ closeDeadline })` waits that long
// first. A task receives `{ ack, abort }`: `ack()` frees its slot (a bounded pool
// acks when the connection is released, not when acquire resolves).
const { DumboError, TransientDatabaseError, QueryCanceledError } = require('../../errors.cjs');
const { abortReason, abortScope } = require('../abort.cjs');

const STOPPED = 'TaskProcessor has been stopped';

function startTimer(timeoutMs, onTimeout) {
  if (timeoutMs === undefined) return () => {};
  // Kept referenced: a caller waiting for a slot is pending work, and an unreferenced
  // timer would let the process exit with that caller's promise never settled.
  let timer = setTimeout(
    () => onTimeout(new QueryCanceledError('Task was not started within the maximum waiting time')),
    timeoutMs,
  );
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

class TaskProcessor {
  constructor({ maxActiveTasks, maxQueueSize, maxTaskIdleTime }) {
    this.maxActiveTasks = maxActiveTasks;
    this.maxQueueSize = maxQueueSize;
    this.maxTaskIdleTime = maxTaskIdleTime;
    this.queue = [];
    this.activeTasks = 0;
    this.stopped = false;
    this.idleWaiters = [];
    this.runningAborts = new Set();
  }

  enqueue(task, options) {
    const signal = options?.abort?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.stopped) return Promise.reject(new DumboError(STOPPED));
    if (this.queue.length >= this.maxQueueSize) {
      return Promise.reject(new TransientDatabaseError('Too many pending connections. Please try again later.'));
    }
    return new Promise((resolve, reject) => {
      let started = false;
      let cancelled = false;
      const scope = abortScope(options?.abort, (reason) => {
        cancelTimer();
        if (!started) cancelled = true;
        reject(reason);
      });
      const cancelTimer = startTimer(this.maxTaskIdleTime, (reason) => {
        cancelled = true;
        scope.abort(reason);
        scope.dispose();
        reject(reason);
      });
      const run = () =>
        new Promise((done) => {
          if (cancelled) return done();
          let pending;
          try {
            pending = task({ ack: done, abort: scope });
          } catch (error) {
            scope.dispose();
            done();
            return reject(error);
          }
          pending.then(
            (result) => {
              scope.dispose();
              resolve(result);
            },
            (error) => {
              scope.dispose();
              done();
              reject(error);
            },
          );
        });
      this.queue.push({
        run,
        start: () => {
          started = true;
          cancelTimer();
        },
        abort: (reason) => {
          scope.dispose();
          scope.abort(reason);
        },
        reject: (reason) => {
          cancelTimer();
          scope.dispose();
          reject(reason);
        },
      });
      this.#drain();
    });
  }

  #drain() {
    while (this.activeTasks < this.maxActiveTasks && this.queue.length > 0) {
      const item = this.queue.shift();
      this.activeTasks++;
      this.#execute(item);
    }
  }

  async #execute(item) {
    item.start();
    this.runningAborts.add(item.abort);
    try {
      await item.run();
    } finally {
      this.runningAborts.delete(item.abort);
      this.activeTasks--;
      this.#resolveIdle();
      this.#drain();
    }
  }

  #resolveIdle() {
    if (this.activeTasks > 0 || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  waitForEndOfProcessing() {
    if (this.activeTasks === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  #abortRunning(error) {
    for (const abort of this.runningAborts) abort(error);
  }

  async stop(options) {
    if (this.stopped) return;
    this.stopped = true;
    const error = new DumboError(STOPPED);
    for (const item of this.queue.splice(0)) {
      item.abort(error);
      item.reject(error);
    }
    if (options?.force) return this.#abortRunning(error);
    if (options?.closeDeadline === undefined) return this.waitForEndOfProcessing();
    let timer;
    const drained = await Promise.race([
      this.waitForEndOfProcessing().then(() => true),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), options.closeDeadline);
        timer.unref?.();
      }),
    ]);
    clearTimeout(timer);
    if (!drained) this.#abortRunning(error);
  }
}

module.exports = { TaskProcessor, STOPPED };
