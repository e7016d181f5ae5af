// Acks before work, across requests: Slack waits 3 seconds for each request's answer, the work after an ack
// (the narrator, the store, Web API calls) has no such limit. Work that follows an ack starts once no request
// is waiting for its answer and none arrived for `quietMs` (a burst of commands is acked first, then worked
// on), or after `maxDeferMs` at the latest, so a steady stream of requests cannot starve it.

export interface AckFirst {
  /** A request arrived; the function returned is called once it has been answered (or its connection closed). */
  arrived(): () => void;
  /** Resolves when work may start. */
  turn(): Promise<void>;
}

export function createAckFirst(options: { maxDeferMs: number; quietMs: number }): AckFirst {
  let unanswered = 0;
  let lastArrival = Number.NEGATIVE_INFINITY;
  let waiting: (() => void)[] = [];
  let quietTimer: NodeJS.Timeout | undefined;

  const idle = () => unanswered === 0 && Date.now() - lastArrival >= options.quietMs;
  function releaseWhenQuiet() {
    if (quietTimer !== undefined || waiting.length === 0 || unanswered > 0) return;
    const wait = Math.max(0, lastArrival + options.quietMs - Date.now());
    quietTimer = setTimeout(() => {
      quietTimer = undefined;
      if (!idle()) return releaseWhenQuiet();
      const ready = waiting;
      waiting = [];
      for (const start of ready) start();
    }, wait);
  }

  return {
    arrived() {
      unanswered++;
      lastArrival = Date.now();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unanswered--;
        releaseWhenQuiet();
      };
    },
    turn() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(start, options.maxDeferMs);
        function start() {
          clearTimeout(timer);
          waiting = waiting.filter((other) => other !== start);
          resolve();
        }
        waiting.push(start);
        releaseWhenQuiet();
      });
    },
  };
}
