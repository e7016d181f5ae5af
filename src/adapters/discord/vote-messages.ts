// Keeps vote messages current: live counts as ballots come in (throttled), and disabled buttons with the
// result once the vote closes, whether a moderator closed it or its deadline did. Messages are edited
// through the interaction webhook while its token lasts, else as the bot's own channel message.
// Which public messages show a vote is also kept in the store (ids only, never a token), so a vote that
// closes after a restart, or at start-up because it came due while the bot was down, still updates them.
import { type REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { RoomChange, StoryEngine } from '../../story/engine.ts';
import type { EventStore } from '../../story/event-store.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef, Vote } from '../../story/types.ts';
import { drawnAtSend } from './drawn-body.ts';
import type { SentMessage } from './interaction-output.ts';
import { NO_MENTIONS } from './render/message-draft.ts';
import { renderVote } from './render/render-vote.ts';
import { safeError } from './safe-error.ts';
import { createThrottledTask, type ThrottledTask } from './throttled-task.ts';

/** A vote is rarely shown on more than a few messages (its reply, /vote status); keep the newest. */
const MESSAGES_PER_VOTE = 5;
/** Open votes followed at once; one dropped here is found again in the store at its next change. */
const VOTES_MAX = 10_000;

type VoteMessage = Omit<SentMessage, 'draft'>;

export type VoteMessageStore = Pick<EventStore, 'readAttachment' | 'writeAttachment'>;

const snowflake = z.string().regex(/^\d{1,20}$/);
/** The stored form: where each public message is. Ephemeral messages need the token, so they stay in memory. */
const storedSchema = z.object({
  messages: z.array(z.object({ channelId: snowflake, messageId: snowflake })).max(MESSAGES_PER_VOTE),
});
type Stored = z.infer<typeof storedSchema>;

const attachmentKey = (voteId: string) => `discord-vote-messages.${voteId}`;

interface TrackedVote {
  room: RoomRef;
  voteId: string;
  messages: Map<string, VoteMessage>;
  latest?: Vote | undefined;
  task: ThrottledTask;
  /** Settles once the stored messages are merged in. */
  loaded: Promise<void>;
  /** The last of the vote's store writes, which run one after another. */
  saving: Promise<void>;
  /** What the store holds, to skip writes that change nothing (every click remembers its message). */
  savedIds: string;
}

export interface VoteMessages {
  /** Remembers a message that shows the vote's buttons (a reply, or the message a button was clicked on). */
  remember(room: RoomRef, voteId: string, message: VoteMessage): void;
  /** Shows the vote's state on its messages now, e.g. when a click arrives after it closed. */
  refresh(room: RoomRef, vote: Vote): void;
  stop(): Promise<void>;
}

export function createVoteMessages(deps: {
  engine: StoryEngine;
  store: VoteMessageStore;
  rest: REST;
  logger: Logger;
  now: () => number;
  intervalMs: number;
}): VoteMessages {
  const { rest, logger, now, store } = deps;
  const tracked = new Map<string, TrackedVote>();
  /** Store writes in flight, also of votes no longer tracked, for stop() to wait for. */
  const writes = new Set<Promise<void>>();
  const keyOf = (room: RoomRef, voteId: string) => `${roomIdOf(room)}/${voteId}`;

  function track(room: RoomRef, voteId: string): TrackedVote {
    const key = keyOf(room, voteId);
    const existing = tracked.get(key);
    if (existing) return existing;
    const entry: TrackedVote = {
      room,
      voteId,
      messages: new Map(),
      task: createThrottledTask({
        intervalMs: deps.intervalMs,
        run: () => show(key, entry),
        onError: (error) =>
          logger.warn({ err: safeError(error), voteKey: key }, 'updating a vote message failed'),
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

  async function load(entry: TrackedVote, key: string) {
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
  function save(entry: TrackedVote, done: boolean): Promise<void> {
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

  async function show(key: string, entry: TrackedVote) {
    await entry.loaded;
    const latest = entry.latest;
    if (!latest) return;
    // Each edit is drawn when discord.js sends it (drawn-body.ts), from the vote as it is then: a bucket wait
    // or a 429 never sends old counts. The vote is over for these messages once every edit drew it closed;
    // one that closed after its edit went out is shown by the run the close asks for. The messages are edited
    // in parallel, so a run takes one round trip; discord.js queues each edit in its route bucket, so one
    // held by a bucket wait or a 429 holds only the edits that share its bucket.
    let drewOpen = false;
    const editOne = async (message: VoteMessage) => {
      let closed = false;
      const draw = () => {
        const vote = entry.latest ?? latest;
        closed = vote.status !== 'open';
        const { embed, components } = renderVote(vote, entry.room);
        return { embeds: [embed], components, allowed_mentions: NO_MENTIONS };
      };
      try {
        await edit(message, draw);
        if (!closed) drewOpen = true;
      } catch (error) {
        entry.messages.delete(message.messageId);
        logger.warn(
          { err: safeError(error), voteKey: key, messageId: message.messageId },
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

  async function edit(message: VoteMessage, draw: () => object) {
    const webhook = message.webhook;
    if (webhook && now() < webhook.expiresAt) {
      await rest.patch(Routes.webhookMessage(webhook.applicationId, webhook.token, webhook.messageRef), {
        ...drawnAtSend(draw),
        auth: false,
      });
    } else if (!message.ephemeral) {
      await rest.patch(Routes.channelMessage(message.channelId, message.messageId), drawnAtSend(draw));
    } else {
      throw new Error('an ephemeral vote message can no longer be edited');
    }
  }

  function onChange({ room, events }: RoomChange) {
    if (room.ref.platform !== 'discord') return;
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

function trim(entry: TrackedVote) {
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
