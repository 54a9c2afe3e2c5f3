'use strict';
// The two guards the generic pools use (as upstream's).
const { InvalidOperationError, DumboError } = require('../../errors.cjs');
const { abortReason, abortScope } = require('../abort.cjs');
const { TaskProcessor, STOPPED } = require('./taskProcessor.cjs');
const { watchSettled, settledWhileWatched } = require('../settledNow.cjs');

/** Unbounded: tracks in-flight work so that `stop` can drain or abort it. */
function guardConcurrentAccess(options) {
  if (options?.maxActiveTasks !== undefined || options?.maxQueueSize !== undefined) {
    return boundedConcurrentAccess(options);
  }
  // Nothing ever waits for a slot here, so no queue: each operation starts at once with
  // its own abort scope, and the set of running ones is what `stop` drains or aborts.
  const running = new Set();
  let idleWaiters = [];
  let stopped = false;
  const settled = (scope) => {
    running.delete(scope);
    scope.dispose();
    if (running.size === 0 && idleWaiters.length > 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };
  /**
   * Runs `operation` in `scope` and counts it as running until it settles: its own
   * promise, with the bookkeeping chained on; or, when its executor settled it before
   * returning, that promise as it is (nothing is left running to drain or abort).
   */
  const track = (scope, operation) => {
    let pending;
    watchSettled();
    try {
      pending = Promise.resolve(operation({ abort: scope }));
    } catch (error) {
      settledWhileWatched(undefined);
      scope.dispose();
      return Promise.reject(error);
    }
    if (settledWhileWatched(pending)) {
      scope.dispose();
      return pending;
    }
    running.add(scope);
    return pending.then(
      (result) => {
        settled(scope);
        return result;
      },
      (error) => {
        settled(scope);
        throw error;
      },
    );
  };
  const waitForIdle = () =>
    running.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
  return {
    execute: (operation, operationOptions) => {
      const parent = operationOptions?.abort;
      if (parent?.signal?.aborted) return Promise.reject(abortReason(parent));
      if (stopped) return Promise.reject(new DumboError(STOPPED));
      // With no caller's abort to follow, nothing can reject early: the tracked promise is the result.
      if (parent === undefined) return track(abortScope(undefined), operation);
      return new Promise((resolve, reject) => {
        track(abortScope(parent, reject), operation).then(resolve, reject);
      });
    },
    waitForIdle,
    async stop(stopOptions) {
      if (stopped) return;
      stopped = true;
      const error = new DumboError(STOPPED);
      const abortRunning = () => {
        for (const scope of running) scope.abort(error);
      };
      if (stopOptions?.force) return abortRunning();
      if (stopOptions?.closeDeadline === undefined) return waitForIdle();
      let timer;
      const drained = await Promise.race([
        waitForIdle().then(() => true),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(false), stopOptions.closeDeadline);
          timer.unref?.();
        }),
      ]);
      clearTimeout(timer);
      if (!drained) abortRunning();
    },
  };
}

/** guardConcurrentAccess with a bound on running operations or on the queue. */
function boundedConcurrentAccess(options) {
  const processor = new TaskProcessor({
    maxActiveTasks: options?.maxActiveTasks ?? Number.MAX_SAFE_INTEGER,
    maxQueueSize: options?.maxQueueSize ?? Number.MAX_SAFE_INTEGER,
    maxTaskIdleTime: options?.maxTaskIdleTime,
  });
  return {
    execute: (operation, operationOptions) =>
      processor.enqueue(async (context) => {
        try {
          return await operation({ abort: context.abort });
        } finally {
          context.ack();
        }
      }, operationOptions),
    waitForIdle: () => processor.waitForEndOfProcessing(),
    stop: (stopOptions) => processor.stop(stopOptions),
  };
}

/**
 * At most `maxResources` resources in use; the rest of the callers wait (FIFO, queue of
 * `maxQueueSize`, 1000 by default; each for at most `maxTaskIdleTime` ms if given). With `reuseResources`, released resources are kept
 * for the next caller; `stop` closes every resource it created with `closeResource`.
 */
function guardBoundedAccess(getResource, options) {
  const processor = new TaskProcessor({
    maxActiveTasks: options.maxResources,
    maxQueueSize: options.maxQueueSize ?? 1000,
    maxTaskIdleTime: options.maxTaskIdleTime,
  });
  let stopped = false;
  const idle = [];
  const all = new Set();
  const active = new Map();

  const acquireResource = async (taskContext) => {
    try {
      let resource = options.reuseResources ? idle.pop() : undefined;
      if (!resource) {
        resource = await getResource({ abort: taskContext.abort });
        all.add(resource);
      }
      active.set(resource, taskContext);
      return resource;
    } catch (error) {
      taskContext.ack();
      throw error;
    }
  };

  const release = (resource) => {
    const taskContext = active.get(resource);
    if (!taskContext) return;
    active.delete(resource);
    if (options.reuseResources) idle.push(resource);
    taskContext.ack();
  };

  return {
    acquire: (operationOptions) => processor.enqueue(acquireResource, operationOptions),
    release,
    execute: (operation, operationOptions) =>
      processor.enqueue(async (taskContext) => {
        const resource = await acquireResource(taskContext);
        const context = active.get(resource);
        if (!context) throw new InvalidOperationError('Acquired resource is not active');
        try {
          return await operation(resource, { abort: context.abort });
        } finally {
          release(resource);
        }
      }, operationOptions),
    waitForIdle: () => processor.waitForEndOfProcessing(),
    stop: async (stopOptions) => {
      if (stopped) return;
      stopped = true;
      await processor.stop(stopOptions);
      if (options.closeResource) {
        const resources = [...all];
        all.clear();
        idle.length = 0;
        await Promise.all(resources.map((resource) => options.closeResource(resource)));
      }
    },
  };
}

module.exports = { guardConcurrentAccess, guardBoundedAccess };
