// The per-workspace chat.update budget. Slack's chat.update is Tier 3 (about 50 a minute per workspace), and
// every streamed beat and every live vote count in one team draws on it, so they share SLACK_EDITS_PER_MINUTE.
//
// How to use it (one budget per process, from main.ts):
//   const budget = createEditBudget({ editsPerMinute, messageIntervalMs: streamEditMs, clock });
//   budget.edit(teamId, `${channel}/${ts}`, () => client.chat.update({ ... }), { final, signal });
// - `send` is called when the edit's turn comes, so render in it: what it sends is the latest state.
// - Stream previews: createStreamPreview's `show(text, signal)` returns budget.edit(..., { signal }); its
//   settle() aborts a preview still waiting for its turn, so the final edit (`final: true`) never queues
//   behind it. Then `await budget.edit(..., sendFinal, { final: true })`.
// - Vote counts: the vote tracker's `edit(message, current)` returns budget.edit(..., () => update(current()),
//   { final: () => current().status !== 'open' }): a vote that closes while its count waits jumps the queue.
// - 429s: a send that throws WebAPIRateLimitedError pauses the team for its Retry-After and is sent again
//   (its latest state) afterwards; the WebClient's rate_limited event should call pause() (retry-after.ts),
//   as the client then retries the call itself.
//
// Guarantees per team: no 60-second window holds more than `editsPerMinute` edits (counted when sent);
// previews use at most 8/9 of them (40 of 45), spaced evenly, leaving the rest to final edits; a message has
// at most one edit in flight and starts at most one per `messageIntervalMs`; a message's newer state
// replaces one still waiting (only the latest matters); final edits go before previews and skip the
// spacing; messages waiting take turns (the one granted longest ago first). Teams never wait for each other.
// The count is this process's: processes that share a workspace's rooms each need a share of the minute.
import type { Clock } from '../../story/clock.ts';
import { retryAfterMsOf as slackRetryAfterMsOf } from './retry-after.ts';

const WINDOW_MS = 60_000;

export interface EditOptions {
  /** The message's last edit (stream done, vote closed): goes before previews. May be asked again later. */
  final?: boolean | (() => boolean) | undefined;
  /** Aborting drops the edit if it has not started; its promise then resolves. */
  signal?: AbortSignal | undefined;
}

export interface EditBudget {
  /**
   * Sends `send()` when the team's budget and the message's interval allow. Resolves once it was sent, or
   * once a newer edit of the same message replaced it while it waited, or it was aborted; rejects with what
   * `send` threw, except for a rate limit, after which it is sent again.
   */
  edit(
    teamId: string,
    messageKey: string,
    send: () => Promise<unknown>,
    options?: EditOptions,
  ): Promise<void>;
  /** Holds the team's edits for `ms` (Slack said Retry-After). */
  pause(teamId: string, ms: number): void;
  /** Shutdown: edits still waiting are not sent (their promises resolve); waits for edits in flight. */
  stop(): Promise<void>;
}

export interface EditBudgetOptions {
  editsPerMinute: number;
  /** Fewest milliseconds between the starts of two edits of one message. */
  messageIntervalMs: number;
  clock: Clock;
  /** How long a failed send says to wait, when it was a rate limit; Slack's WebAPIRateLimitedError by default. */
  retryAfterMsOf?: (error: unknown) => number | undefined;
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

interface Queued {
  send: () => Promise<unknown>;
  final: () => boolean;
  waiters: Waiter[];
  detach: () => void;
}

interface MessageLane {
  queued?: Queued | undefined;
  inFlight: boolean;
  lastStartAt: number;
}

interface TeamBudget {
  /** Waiting and recently edited messages; the one granted longest ago (or never) goes first. */
  lanes: Map<string, MessageLane>;
  /** Start times of the edits in the last window, oldest first. */
  grants: number[];
  pausedUntil: number;
  timer?: unknown;
  timerAt?: number | undefined;
}

export function createEditBudget(options: EditBudgetOptions): EditBudget {
  const { clock, editsPerMinute: limit, messageIntervalMs } = options;
  const retryAfterMsOf = options.retryAfterMsOf ?? slackRetryAfterMsOf;
  const forgetAfterMs = Math.max(WINDOW_MS, messageIntervalMs);
  /** Edits a minute kept for final ones (5 of 45): a stream that ends is shown at once, not after the queue. */
  const finalReserve = Math.floor(limit / 9);
  const previewLimit = limit - finalReserve;
  const spacingMs = Math.ceil(WINDOW_MS / previewLimit);
  const teams = new Map<string, TeamBudget>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  function teamOf(teamId: string): TeamBudget {
    let team = teams.get(teamId);
    if (!team) {
      team = { lanes: new Map(), grants: [], pausedUntil: Number.NEGATIVE_INFINITY };
      teams.set(teamId, team);
    }
    return team;
  }

  function settle(queued: Queued) {
    queued.detach();
    for (const waiter of queued.waiters) waiter.resolve();
  }

  function wakeAt(teamId: string, team: TeamBudget, at: number) {
    if (team.timer !== undefined && team.timerAt === at) return;
    if (team.timer !== undefined) clock.clearTimeout(team.timer);
    team.timerAt = at;
    team.timer = clock.setTimeout(
      () => {
        team.timer = undefined;
        team.timerAt = undefined;
        pump(teamId);
      },
      Math.max(0, at - clock.now()),
    );
  }

  /** Starts every edit the team may send now, then sleeps until the next one may start. */
  function pump(teamId: string) {
    const team = teams.get(teamId);
    if (!team || stopped) return;
    for (;;) {
      const now = clock.now();
      while (team.grants.length > 0 && (team.grants[0] ?? 0) <= now - WINDOW_MS) team.grants.shift();
      let waiting = false;
      let nextLaneAt = Number.POSITIVE_INFINITY;
      let preview: MessageLane | undefined;
      let final: MessageLane | undefined;
      for (const [key, lane] of team.lanes) {
        if (!lane.queued) {
          // Kept a while after its last edit, so its turn and interval still count if it comes back.
          if (!lane.inFlight && lane.lastStartAt + forgetAfterMs <= now) team.lanes.delete(key);
          continue;
        }
        waiting = true;
        if (lane.inFlight) continue;
        const readyAt = lane.lastStartAt + messageIntervalMs;
        if (readyAt > now) nextLaneAt = Math.min(nextLaneAt, readyAt);
        else if (lane.queued.final()) {
          if (!final || lane.lastStartAt < final.lastStartAt) final = lane;
        } else if (!preview || lane.lastStartAt < preview.lastStartAt) preview = lane;
      }
      if (!waiting) {
        if (team.lanes.size === 0 && team.grants.length === 0 && team.pausedUntil <= now) {
          if (team.timer !== undefined) clock.clearTimeout(team.timer);
          teams.delete(teamId);
        }
        return;
      }
      const chosen = final ?? preview;
      // Previews leave a few of the minute's edits to final ones, and are paced evenly over the minute, so
      // streams move steadily instead of spending the minute in a burst and then freezing. A final edit
      // only waits for the window.
      const allowed = final ? limit : previewLimit;
      const blockedUntil = Math.max(
        team.pausedUntil,
        team.grants.length >= allowed ? (team.grants[team.grants.length - allowed] ?? 0) + WINDOW_MS : now,
        final ? now : (team.grants.at(-1) ?? Number.NEGATIVE_INFINITY) + spacingMs,
      );
      if (chosen && blockedUntil <= now) {
        start(teamId, team, chosen, now);
        continue;
      }
      // Wake when the chosen edit may go, or sooner when another message's interval ends (it may be a final
      // edit, which goes before); lanes in flight wake the team when they finish.
      const at = Math.max(
        team.pausedUntil,
        Math.min(chosen ? blockedUntil : Number.POSITIVE_INFINITY, nextLaneAt),
      );
      if (Number.isFinite(at)) wakeAt(teamId, team, at);
      return;
    }
  }

  function start(teamId: string, team: TeamBudget, lane: MessageLane, now: number) {
    const queued = lane.queued;
    if (!queued) return;
    lane.queued = undefined;
    lane.inFlight = true;
    lane.lastStartAt = now;
    team.grants.push(now);
    queued.detach();
    const sending = (async () => queued.send())().then(
      () => {
        for (const waiter of queued.waiters) waiter.resolve();
      },
      (error: unknown) => {
        const retryAfterMs = retryAfterMsOf(error);
        if (retryAfterMs === undefined || stopped) {
          for (const waiter of queued.waiters) waiter.reject(error);
          return;
        }
        pauseTeam(team, retryAfterMs);
        // Sent again after the pause, unless a newer state is already waiting: that one covers it.
        if (lane.queued) lane.queued.waiters.push(...queued.waiters);
        else lane.queued = { ...queued, detach: () => {} };
      },
    );
    const done = sending.finally(() => {
      lane.inFlight = false;
      inFlight.delete(done);
      pump(teamId);
    });
    inFlight.add(done);
  }

  function pauseTeam(team: TeamBudget, ms: number) {
    team.pausedUntil = Math.max(team.pausedUntil, clock.now() + Math.max(0, ms));
  }

  return {
    edit(teamId, messageKey, send, editOptions = {}) {
      if (stopped || editOptions.signal?.aborted) return Promise.resolve();
      const team = teamOf(teamId);
      let lane = team.lanes.get(messageKey);
      if (!lane) {
        lane = { inFlight: false, lastStartAt: Number.NEGATIVE_INFINITY };
        team.lanes.set(messageKey, lane);
      }
      const { final, signal } = editOptions;
      const isFinal = typeof final === 'function' ? final : () => final === true;
      const promise = new Promise<void>((resolve, reject) => {
        const waiter = { resolve, reject };
        const current = lane;
        if (current.queued) settle(current.queued);
        const onAbort = () => {
          if (current.queued !== queued) return;
          current.queued = undefined;
          settle(queued);
          pump(teamId);
        };
        const queued: Queued = {
          send,
          final: isFinal,
          waiters: [waiter],
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        current.queued = queued;
      });
      pump(teamId);
      return promise;
    },

    pause(teamId, ms) {
      if (stopped) return;
      pauseTeam(teamOf(teamId), ms);
      pump(teamId);
    },

    async stop() {
      stopped = true;
      for (const team of teams.values()) {
        if (team.timer !== undefined) clock.clearTimeout(team.timer);
        for (const lane of team.lanes.values()) {
          if (lane.queued) settle(lane.queued);
          lane.queued = undefined;
        }
      }
      await Promise.all([...inFlight]);
      teams.clear();
    },
  };
}
