// The fuzz tests' stall recorder must see a stall in any unit of work, not only one that beats every delay
// seen before, and must end a unit that never finishes.
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startStallRecorder } from './stall-recorder.ts';

const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

/** Keeps the thread busy for `ms` of its own CPU time. */
function busy(ms: number) {
  const until = threadCpuMs() + ms;
  while (threadCpuMs() < until) {
    // spin
  }
}

/** Blocks the thread for `ms` without using the CPU (as being descheduled on a busy machine looks). */
const paused = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const later = () => new Promise((resolve) => setTimeout(resolve, 30)).then(() => setImmediate());

describe('the stall recorder', () => {
  it('finds a stall of ours after a longer pause that was not ours', async () => {
    const stalls = startStallRecorder();
    try {
      await stalls.unit('warm-up', async () => undefined, later);
      await stalls.unit('paused', async () => paused(1500), later);
      await stalls.unit('quiet', async () => undefined, later);
      await stalls.unit('busy', async () => busy(150), later);
      await stalls.unit('quiet again', async () => undefined, later);
    } finally {
      stalls.stop();
    }
    expect(stalls.worstMs).toBeGreaterThanOrEqual(1400);
    expect(stalls.worstOwnMs).toBeGreaterThanOrEqual(120);
    // The pause, longer in wall time, is not ours: the thread used next to no CPU in it.
    expect(stalls.worstWhat).toMatch(/busy|quiet again/);
  });

  it('fails a unit that never finishes, naming it', async () => {
    const stalls = startStallRecorder({ unitTimeoutMs: 200 });
    try {
      await expect(stalls.unit({ command: 'stuck' }, () => new Promise(() => undefined))).rejects.toThrow(
        'no answer within 200 ms: {"command":"stuck"}',
      );
    } finally {
      stalls.stop();
    }
  });
});
