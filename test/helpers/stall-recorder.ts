// The event loop's delays per unit of work (an interaction, a line), so that every unit's own worst delay is
// examined, not only one that beats every delay seen before. Two figures per unit:
// - raw: the longest gap between ticks of a 10 ms timer during the unit, beyond the 10 ms;
// - CPU-adjusted ("own"): each gap bounded by the CPU time the event loop's thread used within that same gap.
//   On a machine shared with other test runs the scheduler can pause us for longer than any of our work takes,
//   and that is no stall caused by the input; a task that really blocks the loop for X ms runs inside one gap
//   and uses X ms of this thread's CPU there, so the adjusted figure never hides it.
// The per-unit figure comes from our own timer, not from resetting perf_hooks' monitorEventLoopDelay: its
// histogram records nothing for the first interval after reset(), so a stall right at the start of a unit
// would go unseen. monitorEventLoopDelay still runs, never reset, as a cross-check of the all-time worst.
// Each unit also runs under a time limit: a unit that never finishes fails the test naming it, and one that
// blocks the thread for good (a synchronous endless loop, where no timer can fire) is ended by a watchdog
// thread, which names it on stderr and kills this test process, instead of leaving the worker hanging.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface StallRecorder {
  /**
   * Runs one unit of work, lets the event loop turn (`settle`), and records the delays seen meanwhile. Rejects
   * when the unit takes longer than the unit time limit.
   */
  unit<T>(what: unknown, work: () => Promise<T>, settle?: () => Promise<unknown>): Promise<T>;
  /**
   * Names what is being worked on now, for a unit that covers many steps (a whole piped session): the delays
   * are then reported with the latest name given before they were seen.
   */
  label(what: unknown): void;
  stop(): void;
  /** The worst raw delay, in ms: of any unit, or monitorEventLoopDelay's (less its resolution) if higher. */
  readonly worstMs: number;
  /** The worst CPU-adjusted delay of any unit, in ms. */
  readonly worstOwnMs: number;
  /** The unit of work in which worstOwnMs was seen, shortened. */
  readonly worstWhat: string;
  /** The unit of work in which worstMs was seen, shortened. */
  readonly worstRawWhat: string;
  /** How many delays monitorEventLoopDelay sampled: zero would mean the loop was never measured at all. */
  readonly samples: number;
}

export interface StallRecorderOptions {
  resolutionMs?: number;
  /** A unit still running after this long fails the test. */
  unitTimeoutMs?: number;
}

/** CPU time of this thread (the event loop's), not of the GC and I/O threads beside it. */
const cpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

const describeUnit = (what: unknown) => (JSON.stringify(what) ?? String(what)).slice(0, 300);

// Runs beside the event loop: when the loop has been inside one unit for longer than the limit (it is blocked,
// or the unit's own timeout would have fired), say which unit and end the process.
const WATCHDOG = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const started = new BigInt64Array(workerData.started);
let what = '';
parentPort.on('message', (message) => { what = message; });
setInterval(() => {
  const at = Atomics.load(started, 0);
  if (at > 0n && Date.now() - Number(at) > workerData.limitMs) {
    writeSync(2, 'stall recorder: the event loop has been blocked for ' + workerData.limitMs +
      ' ms in one unit of work, ending the test process: ' + what + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 250);
`;

export function startStallRecorder(options: StallRecorderOptions = {}): StallRecorder {
  const { resolutionMs = 10, unitTimeoutMs = 10_000 } = options;
  const delay = monitorEventLoopDelay({ resolution: resolutionMs });
  delay.enable();
  let lastTick = performance.now();
  let lastCpu = cpuMs();
  let unitMaxMs = 0;
  let unitOwnMs = 0;
  let current = '';
  let unitMaxWhat = '';
  let unitOwnWhat = '';
  /** Takes the gap since the last tick into the unit's figures; a real tick also starts the next gap. */
  const observe = (tick: boolean) => {
    const now = performance.now();
    const cpu = cpuMs();
    const gapMs = now - lastTick - resolutionMs;
    const ownMs = Math.min(gapMs, cpu - lastCpu);
    if (gapMs > unitMaxMs) {
      unitMaxMs = gapMs;
      unitMaxWhat = current;
    }
    if (ownMs > unitOwnMs) {
      unitOwnMs = ownMs;
      unitOwnWhat = current;
    }
    if (tick) {
      lastTick = now;
      lastCpu = cpu;
    }
  };
  const ticker = setInterval(() => observe(true), resolutionMs);
  ticker.unref();
  const started = new SharedArrayBuffer(8);
  const startedAt = new BigInt64Array(started);
  const watchdog = new Worker(WATCHDOG, {
    eval: true,
    workerData: { started, limitMs: unitTimeoutMs + 5_000 },
  });
  watchdog.unref();

  let worstMs = 0;
  let worstOwnMs = 0;
  let worstWhat = '';
  let worstRawWhat = '';

  function record() {
    // A unit that kept the loop busy to its very end (all microtasks, no tick since) is seen here, not only at
    // the next tick, which would count it in the next unit or nowhere.
    observe(false);
    // A long task's delay shows at the next tick: in this unit, or in the next one when the task ended this
    // one (then that unit is named; the fuzz tests report the seed, so it replays).
    const rawMs = unitMaxMs;
    const ownMs = unitOwnMs;
    unitMaxMs = 0;
    unitOwnMs = 0;
    if (rawMs > worstMs) {
      worstMs = rawMs;
      worstRawWhat = unitMaxWhat;
    }
    if (ownMs > worstOwnMs) {
      worstOwnMs = ownMs;
      worstWhat = unitOwnWhat;
    }
  }

  return {
    async unit(what, work, settle) {
      current = describeUnit(what);
      watchdog.postMessage(current);
      Atomics.store(startedAt, 0, BigInt(Date.now()));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${unitTimeoutMs} ms: ${describeUnit(what)}`)),
          unitTimeoutMs,
        );
      });
      try {
        const result = await Promise.race([
          work().then(async (value) => {
            await settle?.();
            return value;
          }),
          timeout,
        ]);
        record();
        return result;
      } finally {
        clearTimeout(timer);
        Atomics.store(startedAt, 0, 0n);
      }
    },
    label(what) {
      current = describeUnit(what);
      watchdog.postMessage(current);
    },
    stop() {
      clearInterval(ticker);
      delay.disable();
      void watchdog.terminate();
    },
    get worstMs() {
      return Math.max(worstMs, delay.count > 0 ? delay.max / 1e6 - resolutionMs : 0);
    },
    get worstOwnMs() {
      return worstOwnMs;
    },
    get worstWhat() {
      return worstWhat;
    },
    get worstRawWhat() {
      return worstRawWhat;
    },
    get samples() {
      return delay.count;
    },
  };
}
