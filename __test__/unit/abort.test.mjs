// Upstream's `Abort` helpers, as plugin authors and Emmett use them around their own work.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Abort, DumboError } from '@event-driven-io/dumbo';

describe('Abort', () => {
  it('execute resolves with the operation result when nothing aborts', async () => {
    const controller = new AbortController();
    assert.equal(await Abort.execute(async () => 42, { abort: { signal: controller.signal } }), 42);
    assert.equal(await Abort.execute(async () => 'plain'), 'plain');
  });

  it('execute rejects with the reason as soon as the signal fires, and at once when already aborted', async () => {
    const controller = new AbortController();
    const pending = Abort.execute(() => new Promise(() => {}), { abort: { signal: controller.signal } });
    controller.abort(new Error('stop now'));
    await assert.rejects(pending, /stop now/);
    await assert.rejects(
      Abort.execute(async () => 1, { abort: { signal: controller.signal } }),
      /stop now/,
    );
  });

  it('execute passes the operation error through and stops listening', async () => {
    const controller = new AbortController();
    await assert.rejects(
      Abort.execute(async () => {
        throw new TypeError('boom');
      }, { abort: { signal: controller.signal } }),
      TypeError,
    );
  });

  it('reason turns strings and missing reasons into DumboErrors, for an abort or a bare signal', () => {
    const controller = new AbortController();
    controller.abort('gone');
    const fromString = Abort.reason({ signal: controller.signal });
    assert.ok(fromString instanceof DumboError);
    assert.equal(fromString.message, 'gone');
    const silent = new AbortController();
    silent.abort(undefined);
    // AbortController supplies its own DOMException when no reason is given.
    assert.ok(Abort.reason(silent.signal) instanceof Error);
  });

  it('from, never, throwIfAborted, rejectIfAborted, scope and onAbort', async () => {
    assert.equal(Abort.from(undefined), Abort.never);
    assert.equal(Abort.never.signal.aborted, false);
    const controller = new AbortController();
    const abort = { signal: controller.signal };
    assert.equal(Abort.from({ abort }), abort);
    assert.equal(Abort.rejectIfAborted({ abort }), undefined);
    const seen = [];
    const unsubscribe = Abort.onAbort(abort, (reason) => seen.push(reason.message));
    const child = Abort.scope(abort, (reason) => seen.push(`child:${reason.message}`));
    controller.abort(new Error('parent'));
    assert.throws(() => Abort.throwIfAborted({ abort }), /parent/);
    await assert.rejects(Abort.rejectIfAborted({ abort }), /parent/);
    assert.equal(child.signal.aborted, true);
    assert.deepEqual(seen.sort(), ['child:parent', 'parent']);
    unsubscribe();
    child.dispose();
  });
});
