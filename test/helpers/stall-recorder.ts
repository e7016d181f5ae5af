// The event loop's worst delay, from perf_hooks' monitorEventLoopDelay, with the unit of work (an interaction,
// a line) during which it was seen. A delay counts as the process's own only as far as the event loop's thread
// used the CPU around it: on a machine shared with other test runs the scheduler can pause us for longer than any of
// our work takes, and that is no stall caused by the input. Both figures are kept, the raw one for the report.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface StallRecorder {
  /** Call after each unit of work (after letting the event loop turn). */
  record(what: unknown): void;
  stop(): void;
  /** The worst delay seen, in ms. */
  readonly worstMs: number;
  /** The worst delay, bounded by the event loop thread's CPU time in the unit it was seen in or the one before, in ms. */
  readonly worstOwnMs: number;
  /** The unit of work during which worstOwnMs was seen, shortened. */
  readonly worstWhat: string;
  /** How many delays were sampled: zero would mean the loop was never measured at all. */
  readonly samples: number;
}

/** CPU time of this thread (the event loop's), not of the GC and I/O threads beside it. */
const cpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

export function startStallRecorder(resolutionMs = 10): StallRecorder {
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  const marks: { at: number; cpu: number }[] = [{ at: performance.now(), cpu: cpuMs() }];
  let seen = 0;
  let worstOwnMs = 0;
  let worstWhat = '';
  return {
    record(what) {
      const mark = { at: performance.now(), cpu: cpuMs() };
      const previous = marks.at(-1) ?? mark;
      const maxMs = delay.count > 0 ? delay.max / 1e6 : 0;
      if (maxMs > seen) {
        seen = maxMs;
        // A stall is one task that kept the thread busy; its delay is sampled by the next timer, so in this
        // unit or the one after the unit the task ran in. Either unit's CPU time bounds the task's.
        const before = marks.at(-2) ?? previous;
        const cpu = Math.max(mark.cpu - previous.cpu, previous.cpu - before.cpu);
        const own = Math.min(maxMs, cpu);
        if (own > worstOwnMs) {
          worstOwnMs = own;
          worstWhat = JSON.stringify(what).slice(0, 300);
        }
      }
      marks.push(mark);
      if (marks.length > 10) marks.splice(0, 5);
    },
    stop() {
      delay.disable();
    },
    get worstMs() {
      return delay.count > 0 ? delay.max / 1e6 : 0;
    },
    get worstOwnMs() {
      return worstOwnMs;
    },
    get worstWhat() {
      return worstWhat;
    },
    get samples() {
      return delay.count;
    },
  };
}
