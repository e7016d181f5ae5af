// Work after an ack waits while other requests wait for their answer, and for a quiet moment after a burst,
// but never longer than its limit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAckFirst } from '../../../src/adapters/slack/ack-first.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function started(promise: Promise<void>) {
  const state = { started: false };
  void promise.then(() => {
    state.started = true;
  });
  return state;
}

describe('ack first', () => {
  it('starts work at once when no request is waiting', async () => {
    const gate = createAckFirst({ maxDeferMs: 250, quietMs: 20 });
    const work = started(gate.turn());
    await vi.advanceTimersByTimeAsync(0);
    expect(work.started).toBe(true);
  });

  it('holds work while requests wait for their answer, and starts it once a burst is answered and quiet', async () => {
    const gate = createAckFirst({ maxDeferMs: 250, quietMs: 20 });
    const answered = [gate.arrived(), gate.arrived()];
    const work = started(gate.turn());
    await vi.advanceTimersByTimeAsync(50);
    answered[0]?.();
    await vi.advanceTimersByTimeAsync(50);
    expect(work.started).toBe(false);
    // One more arrives just as the last is answered: the burst goes on until it is answered and quiet.
    answered[1]?.();
    const late = gate.arrived();
    await vi.advanceTimersByTimeAsync(5);
    late();
    await vi.advanceTimersByTimeAsync(14);
    expect(work.started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(work.started).toBe(true);
  });

  it('never holds work longer than its limit, however many requests keep coming', async () => {
    const gate = createAckFirst({ maxDeferMs: 250, quietMs: 20 });
    gate.arrived();
    const work = started(gate.turn());
    await vi.advanceTimersByTimeAsync(249);
    expect(work.started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(work.started).toBe(true);
  });

  it('counts a request answered once, however often it says so', async () => {
    const gate = createAckFirst({ maxDeferMs: 250, quietMs: 20 });
    const first = gate.arrived();
    gate.arrived();
    first();
    first();
    const work = started(gate.turn());
    await vi.advanceTimersByTimeAsync(100);
    expect(work.started).toBe(false);
  });
});
