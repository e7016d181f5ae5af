// Runs a "show the latest state" task at most once per interval, never two at a time. Requests that arrive
// while it runs or waits are merged: the next run shows everything up to then. The interval counts from the
// start of the previous run, so runs (and the edits they send) are at least that far apart, and what a run
// shows is at most one interval plus its own duration old (one round trip when a run sends its requests in
// parallel, as vote-messages.ts does); a slow or rate-limited run (discord.js waits out a 429 and retries) is
// followed at once by one showing the latest state. settle() aborts the signal a run gets, so a run that is
// only waiting for its turn (Slack's per-workspace edit budget) can give up instead of holding settle().

export interface ThrottledTask {
  /** Asks for a run; `urgent` skips the wait (a vote closing), but still never overlaps a running one. */
  request(urgent?: boolean): void;
  /** Stops running, aborts the signal of a run in flight, and waits for it. */
  settle(): Promise<void>;
}

export interface ThrottledTaskOptions {
  intervalMs: number;
  /** `signal` is aborted by settle(): what has not started yet need not happen. */
  run(signal: AbortSignal): Promise<void>;
  onError(error: unknown): void;
  now?: () => number;
}

export function createThrottledTask(options: ThrottledTaskOptions): ThrottledTask {
  const now = options.now ?? Date.now;
  let pending = false;
  let urgentPending = false;
  let lastStartAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;
  const settled = new AbortController();

  function schedule() {
    if (closed || !pending || inFlight !== undefined) return;
    const wait = urgentPending ? 0 : Math.max(0, lastStartAt + options.intervalMs - now());
    if (timer !== undefined) {
      if (!urgentPending) return;
      clearTimeout(timer);
    }
    timer = setTimeout(start, wait);
  }

  function start() {
    timer = undefined;
    if (closed) return;
    pending = false;
    urgentPending = false;
    lastStartAt = now();
    inFlight = options
      .run(settled.signal)
      .catch(options.onError)
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
  }

  return {
    request(urgent = false) {
      pending = true;
      if (urgent) urgentPending = true;
      schedule();
    },
    async settle() {
      closed = true;
      settled.abort();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
