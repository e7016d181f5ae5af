// Keeps vote messages current on any platform: live counts as ballots come in (throttled), and the result
// once the vote closes, whether a moderator closed it or its deadline did. How a message is edited (and what
// it shows) is the platform's `edit()`; this decides when, which messages, and when a vote is done with.
// Which public messages show a vote is also kept in the store (ids only, never a token), so a vote that
// closes after a restart, or at start-up because it came due while the bot was down, still updates them.
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { RoomChange, StoryEngine } from '../../story/engine.ts';
import type { EventStore } from '../../story/event-store.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef, Vote } from '../../story/types.ts';
import { createThrottledTask, type ThrottledTask } from './throttled-task.ts';

/** A vote is rarely shown on more than a few messages (its reply, /vote status); keep the newest. */
const MESSAGES_PER_VOTE = 5;
/** Open votes followed at once; one dropped here is found again in the store at its next change. */
const VOTES_MAX = 10_000;

/** A message that shows a vote: where it is, and whether only one person sees it (those are never stored). */
export interface VoteMessage {
  channelId: string;
  messageId: string;
  ephemeral: boolean;
}

export type VoteMessageStore = Pick<EventStore, 'readAttachment' | 'writeAttachment'>;

/** The stored form: where each public message is. Ephemeral messages need a token, so they stay in memory. */
const storedSchemaOf = (id: z.ZodType<string>) =>
  z.object({
    messages: z.array(z.object({ channelId: id, messageId: id })).max(MESSAGES_PER_VOTE),
  });
type Stored = { messages: { channelId: string; messageId: string }[] };

interface TrackedVote<M extends VoteMessage> {
  room: RoomRef;
  voteId: string;
  /** Messages remembered since start (M, with what the platform needs to edit them) or read from the store. */
  messages: Map<string, M | VoteMessage>;
  latest?: Vote | undefined;
  task: ThrottledTask;
  /** Settles once the stored messages are merged in. */
  loaded: Promise<void>;
  /** The last of the vote's store writes, which run one after another. */
  saving: Promise<void>;
  /** What the store holds, to skip writes that change nothing (every click remembers its message). */
  savedIds: string;
}

export interface VoteMessages<M extends VoteMessage = VoteMessage> {
  /** Remembers a message that shows the vote's buttons (a reply, or the message a button was clicked on). */
  remember(room: RoomRef, voteId: string, message: M): void;
  /** Shows the vote's state on its messages now, e.g. when a click arrives after it closed. */
  refresh(room: RoomRef, vote: Vote): void;
  stop(): Promise<void>;
}

export interface VoteMessageTrackerDeps<M extends VoteMessage> {
  /** The platform whose rooms' votes this follows. */
  platform: RoomRef['platform'];
  engine: Pick<StoryEngine, 'subscribe'>;
  store: VoteMessageStore;
  logger: Logger;
  now: () => number;
  /** Fewest milliseconds between two updates of a vote's messages while it is open. */
  intervalMs: number;
  /** The shape of the platform's channel and message ids, checked when read back from the store. */
  storedId: z.ZodType<string>;
  /**
   * Shows the vote on one message. `current` gives the vote as it is at the moment it is called: call it as
   * late as possible (when the request goes out), as often as needed. Throws when the message can no longer
   * be edited; it is then forgotten.
   */
  edit(message: M | VoteMessage, current: () => Vote, room: RoomRef): Promise<void>;
  /** What of a failed edit may be logged (a platform's errors can carry tokens); the error itself by default. */
  describeError?: (error: unknown) => unknown;
}

export function createVoteMessageTracker<M extends VoteMessage>(
  deps: VoteMessageTrackerDeps<M>,
): VoteMessages<M> {
  const { logger, now, store } = deps;
  const describe = deps.describeError ?? ((error: unknown) => error);
  const storedSchema = storedSchemaOf(deps.storedId);
  const attachmentKey = (voteId: string) => `${deps.platform}-vote-messages.${voteId}`;
  const tracked = new Map<string, TrackedVote<M>>();
  /** Store writes in flight, also of votes no longer tracked, for stop() to wait for. */
  const writes = new Set<Promise<void>>();
  const keyOf = (room: RoomRef, voteId: string) => `${roomIdOf(room)}/${voteId}`;

  function track(room: RoomRef, voteId: string): TrackedVote<M> {
    const key = keyOf(room, voteId);
    const existing = tracked.get(key);
    if (existing) return existing;
    const entry: TrackedVote<M> = {
      room,
      voteId,
      messages: new Map(),
      task: createThrottledTask({
        intervalMs: deps.intervalMs,
        run: () => show(key, entry),
        onError: (error) =>
          logger.warn({ err: describe(error), voteKey: key }, 'updating a vote message failed'),
        now,
      }),
      loaded: Promise.resolve(),
      saving: Promise.resolve(),
      savedIds: '',
    };
    entry.loaded = load(entry, key);
    tracked.set(key, entry);
    for (const [oldKey, old] of tracked) {
      if (tracked.size <= VOTES_MAX) break;
      tracked.delete(oldKey);
      void old.task.settle();
    }
    return entry;
  }

  async function load(entry: TrackedVote<M>, key: string) {
    try {
      const raw = await store.readAttachment(roomIdOf(entry.room), attachmentKey(entry.voteId));
      if (raw === undefined) return;
      const parsed = storedSchema.safeParse(raw);
      if (!parsed.success) {
        logger.warn({ voteKey: key }, 'stored vote messages are not in the expected shape; ignoring them');
        return;
      }
      // Stored messages are older than any remembered since this process started.
      const remembered = [...entry.messages];
      entry.messages.clear();
      for (const ref of parsed.data.messages) {
        entry.messages.set(ref.messageId, { ...ref, ephemeral: false });
      }
      for (const [id, message] of remembered) {
        entry.messages.delete(id);
        entry.messages.set(id, message);
      }
      trim(entry);
      entry.savedIds = idsOf(parsed.data);
    } catch (error) {
      // Unknown: the store may hold messages, so the close still deletes them.
      entry.savedIds = '?';
      logger.warn({ err: error, voteKey: key }, 'could not read which messages show a vote');
    }
  }

  /** Writes the vote's public messages to the store, or deletes them once the vote is over. */
  function save(entry: TrackedVote<M>, done: boolean): Promise<void> {
    const write = async () => {
      await entry.loaded;
      const stored: Stored = {
        messages: [...entry.messages.values()]
          .filter((message) => !message.ephemeral)
          .map(({ channelId, messageId }) => ({ channelId, messageId })),
      };
      const ids = done ? '' : idsOf(stored);
      if (ids === entry.savedIds) return;
      await store.writeAttachment(
        roomIdOf(entry.room),
        attachmentKey(entry.voteId),
        ids === '' ? null : stored,
      );
      entry.savedIds = ids;
    };
    const saving = entry.saving.then(write).catch((error: unknown) => {
      logger.warn(
        { err: error, voteKey: keyOf(entry.room, entry.voteId) },
        'could not store which messages show a vote',
      );
    });
    entry.saving = saving;
    writes.add(saving);
    void saving.finally(() => writes.delete(saving));
    return saving;
  }

  async function show(key: string, entry: TrackedVote<M>) {
    await entry.loaded;
    const latest = entry.latest;
    if (!latest) return;
    // Each edit shows the vote as it is when the platform sends it (on Discord, drawn after a bucket wait or a
    // 429): it never sends old counts. The vote is over for these messages once every edit showed it closed;
    // one that closed after its edit went out is shown by the run the close asks for. The messages are edited
    // in parallel, so a run takes one round trip; on Discord each edit waits only in its own route bucket, so
    // one held by a bucket wait or a 429 holds no other message's edit.
    let drewOpen = false;
    const editOne = async (message: M | VoteMessage) => {
      let closed = false;
      const current = () => {
        const vote = entry.latest ?? latest;
        closed = vote.status !== 'open';
        return vote;
      };
      try {
        await deps.edit(message, current, entry.room);
        if (!closed) drewOpen = true;
      } catch (error) {
        entry.messages.delete(message.messageId);
        logger.warn(
          { err: describe(error), voteKey: key, messageId: message.messageId },
          'a vote message could not be edited',
        );
      }
    };
    await Promise.all([...entry.messages.values()].map(editOne));
    const done = entry.messages.size === 0 ? (entry.latest ?? latest).status !== 'open' : !drewOpen;
    if (done) {
      tracked.delete(key);
      void entry.task.settle();
    }
    await save(entry, done);
  }

  function onChange({ room, events }: RoomChange) {
    if (room.ref.platform !== deps.platform) return;
    for (const event of events) {
      if (
        event.type !== 'vote.cast' &&
        event.type !== 'vote.closed' &&
        event.type !== 'vote.cancelled' &&
        event.type !== 'vote.extended'
      )
        continue;
      // A vote this process has not seen (it restarted, or dropped the vote) may have stored messages.
      const entry = track(room.ref, event.voteId);
      entry.latest = room.votes[event.voteId];
      entry.task.request(event.type !== 'vote.cast');
    }
  }

  const unsubscribe = deps.engine.subscribe(onChange);

  return {
    remember(room, voteId, message) {
      const entry = track(room, voteId);
      entry.messages.delete(message.messageId);
      entry.messages.set(message.messageId, message);
      trim(entry);
      void save(entry, false);
    },
    refresh(room, vote) {
      const entry = tracked.get(keyOf(room, vote.id));
      if (!entry) return;
      entry.latest = vote;
      entry.task.request(true);
    },
    async stop() {
      unsubscribe();
      await Promise.all([...tracked.values()].map((entry) => entry.task.settle()));
      tracked.clear();
      await Promise.all([...writes]);
    },
  };
}

function trim(entry: TrackedVote<VoteMessage>) {
  for (const oldest of entry.messages.keys()) {
    if (entry.messages.size <= MESSAGES_PER_VOTE) break;
    entry.messages.delete(oldest);
  }
}

/** The stored messages as a comparable string, order aside. */
const idsOf = (stored: Stored): string =>
  stored.messages
    .map((message) => `${message.channelId}/${message.messageId}`)
    .sort()
    .join(',');
