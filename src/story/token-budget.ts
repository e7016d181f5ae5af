// Daily token budgets per room and per workspace (Discord server, Slack workspace), counted from the usage the
// model reports, in the store's counters so every process sharing the store spends from the same budget.
// A narrator call is refused before it reaches the model once a budget is spent; a call already under way
// when the budget runs out still finishes and counts (so a budget can be overshot by the calls in flight).
import { type Message, msg } from '../i18n/message.ts';
import type { Clock } from './clock.ts';
import { UserError } from './errors.ts';
import type { EventStore } from './event-store.ts';
import type { Narration, NarrationRequest, Narrator } from './narrator.ts';
import { roomIdOf } from './room-id.ts';
import type { RoomRef, TokenUsage } from './types.ts';

export interface TokenBudgetLimits {
  /** Tokens (prompt + completion) one room may use per UTC day; undefined: no limit. */
  perRoom?: number | undefined;
  /** Tokens all rooms of one Discord server or Slack workspace may use per UTC day; undefined: no limit. */
  perWorkspace?: number | undefined;
}

export interface BudgetLeft {
  limit: number;
  used: number;
  left: number;
  /** The next UTC midnight, when the day's count starts again. */
  resetsAt: Date;
  /** How long until then, by the engine's clock. */
  resetsInMs: number;
}

export interface BudgetStatus {
  room?: BudgetLeft | undefined;
  workspace?: BudgetLeft | undefined;
}

const DAY_MS = 86_400_000;
/** Counters outlive their day by a little, for /room usage read just after midnight; then the store may drop them. */
const COUNTER_TTL_MS = 2 * DAY_MS;

const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);
const nextMidnight = (now: number) => new Date((Math.floor(now / DAY_MS) + 1) * DAY_MS);
// Counter names allow letters, digits, _ - . and : only: anything else (and the dot) becomes .<hex>. so no two
// ids share a name.
const safe = (id: string) => id.replace(/[^\w-]/g, (char) => `.${char.codePointAt(0)?.toString(16)}.`);

export interface TokenBudget {
  /** Throws a UserError saying when the budget resets if the room or its workspace has spent today's. */
  check(ref: RoomRef): Promise<void>;
  /** Counts what a narrator call used. */
  spend(ref: RoomRef, usage: TokenUsage): Promise<void>;
  /** What is left today, for each budget that is set. */
  status(ref: RoomRef): Promise<BudgetStatus>;
}

export function createTokenBudget(deps: {
  store: EventStore;
  clock: Clock;
  limits: TokenBudgetLimits;
}): TokenBudget {
  const { store, clock, limits } = deps;
  const roomCounter = (ref: RoomRef, day: string) => `tokens:room:${safe(roomIdOf(ref))}:${day}`;
  const workspaceCounter = (ref: RoomRef, day: string) =>
    `tokens:workspace:${safe(ref.platform)}:${safe(ref.workspaceId)}:${day}`;

  async function status(ref: RoomRef): Promise<BudgetStatus> {
    const now = clock.now();
    const day = dayOf(now);
    const resetsAt = nextMidnight(now);
    const left = async (limit: number | undefined, counter: string): Promise<BudgetLeft | undefined> => {
      if (limit === undefined) return undefined;
      const used = await store.readCounter(counter);
      return { limit, used, left: Math.max(0, limit - used), resetsAt, resetsInMs: resetsAt.getTime() - now };
    };
    const [room, workspace] = await Promise.all([
      left(limits.perRoom, roomCounter(ref, day)),
      left(limits.perWorkspace, workspaceCounter(ref, day)),
    ]);
    return { room, workspace };
  }

  return {
    status,

    async check(ref) {
      const { room, workspace } = await status(ref);
      const spent = room?.left === 0 ? 'room' : workspace?.left === 0 ? 'workspace' : undefined;
      if (!spent) return;
      const budget = (spent === 'room' ? room : workspace) as BudgetLeft;
      throw new UserError(
        'budget.spent',
        msg(spent === 'room' ? 'operations.budget.room-spent' : 'operations.budget.workspace-spent', {
          limit: budget.limit,
          platform: ref.platform,
          resetsIn: resetsIn(budget.resetsInMs),
        }),
      );
    },

    async spend(ref, usage) {
      const tokens = usage.promptTokens + usage.completionTokens;
      if (tokens <= 0) return;
      const day = dayOf(clock.now());
      await Promise.all([
        limits.perRoom === undefined
          ? undefined
          : store.addToCounter(roomCounter(ref, day), tokens, COUNTER_TTL_MS),
        limits.perWorkspace === undefined
          ? undefined
          : store.addToCounter(workspaceCounter(ref, day), tokens, COUNTER_TTL_MS),
      ]);
    },
  };
}

/** How long until a budget resets, in the reader's language (hours and minutes, rounded up). */
export function resetsIn(ms: number): Message {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return msg('operations.budget.duration', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/**
 * The narrator with every model call checked against the budgets first and its reported usage counted after.
 * The content filter (checkText) is not a model call the budgets cover.
 */
export function withTokenBudget(
  narrator: Narrator,
  budget: TokenBudget,
  onSpendFailed: (error: unknown, ref: RoomRef) => void,
): Narrator {
  const metered =
    <R extends NarrationRequest, O, T>(call: (request: R, options?: O) => Promise<Narration<T>>) =>
    async (request: R, options?: O): Promise<Narration<T>> => {
      const ref = request.room.ref;
      await budget.check(ref);
      const narration = await call(request, options);
      // The story matters more than the count: a store hiccup here loses these tokens from the budget only.
      await budget.spend(ref, narration.usage).catch((error: unknown) => onSpendFailed(error, ref));
      return narration;
    };
  const wrapped: Narrator = {
    models: narrator.models,
    writeBeat: metered(narrator.writeBeat.bind(narrator)),
    writeLine: metered(narrator.writeLine.bind(narrator)),
    proposeOptions: metered(narrator.proposeOptions.bind(narrator)),
    proposeScene: metered(narrator.proposeScene.bind(narrator)),
  };
  if (narrator.designCharacter) wrapped.designCharacter = metered(narrator.designCharacter.bind(narrator));
  if (narrator.designScene) wrapped.designScene = metered(narrator.designScene.bind(narrator));
  if (narrator.critique) wrapped.critique = metered(narrator.critique.bind(narrator));
  if (narrator.recap) wrapped.recap = metered(narrator.recap.bind(narrator));
  if (narrator.review) wrapped.review = metered(narrator.review.bind(narrator));
  if (narrator.summarize) wrapped.summarize = metered(narrator.summarize.bind(narrator));
  if (narrator.checkText) wrapped.checkText = narrator.checkText.bind(narrator);
  if (narrator.summaryDue) wrapped.summaryDue = narrator.summaryDue.bind(narrator);
  return wrapped;
}
