// Keeps vote messages current: live counts as ballots come in (throttled), and disabled buttons with the
// result once the vote closes, whether a moderator closed it or its deadline did. Messages are edited
// through the interaction webhook while its token lasts, else as the bot's own channel message.
import { type REST, Routes } from 'discord.js';
import type { Logger } from '../../logger.ts';
import type { RoomChange, StoryEngine } from '../../story/engine.ts';
import { roomIdOf } from '../../story/room-id.ts';
import type { RoomRef, Vote } from '../../story/types.ts';
import type { SentMessage } from './interaction-output.ts';
import { NO_MENTIONS } from './render/message-draft.ts';
import { renderVote } from './render/render-vote.ts';
import { safeError } from './safe-error.ts';
import { createThrottledTask, type ThrottledTask } from './throttled-task.ts';

/** A vote is rarely shown on more than a few messages (its reply, /vote status); keep the newest. */
const MESSAGES_PER_VOTE = 5;
/** Open votes followed at once; a vote that closed elsewhere (another process) is forgotten eventually. */
const VOTES_MAX = 10_000;

type VoteMessage = Omit<SentMessage, 'draft'>;

interface TrackedVote {
  room: RoomRef;
  messages: Map<string, VoteMessage>;
  latest?: Vote | undefined;
  task: ThrottledTask;
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
  rest: REST;
  logger: Logger;
  now: () => number;
  intervalMs: number;
}): VoteMessages {
  const { rest, logger, now } = deps;
  const tracked = new Map<string, TrackedVote>();
  const keyOf = (room: RoomRef, voteId: string) => `${roomIdOf(room)}/${voteId}`;

  function track(room: RoomRef, voteId: string): TrackedVote {
    const key = keyOf(room, voteId);
    const existing = tracked.get(key);
    if (existing) return existing;
    const entry: TrackedVote = {
      room,
      messages: new Map(),
      task: createThrottledTask({
        intervalMs: deps.intervalMs,
        run: () => show(key, entry),
        onError: (error) =>
          logger.warn({ err: safeError(error), voteKey: key }, 'updating a vote message failed'),
        now,
      }),
    };
    tracked.set(key, entry);
    for (const [oldKey, old] of tracked) {
      if (tracked.size <= VOTES_MAX) break;
      tracked.delete(oldKey);
      void old.task.settle();
    }
    return entry;
  }

  async function show(key: string, entry: TrackedVote) {
    const vote = entry.latest;
    if (!vote) return;
    const { embed, components } = renderVote(vote, entry.room);
    const body = { embeds: [embed], components, allowed_mentions: NO_MENTIONS };
    for (const message of [...entry.messages.values()]) {
      try {
        await edit(message, body);
      } catch (error) {
        entry.messages.delete(message.messageId);
        logger.warn(
          { err: safeError(error), voteKey: key, messageId: message.messageId },
          'a vote message could not be edited',
        );
      }
    }
    if (vote.status !== 'open') {
      tracked.delete(key);
      void entry.task.settle();
    }
  }

  async function edit(message: VoteMessage, body: object) {
    const webhook = message.webhook;
    if (webhook && now() < webhook.expiresAt) {
      await rest.patch(Routes.webhookMessage(webhook.applicationId, webhook.token, webhook.messageRef), {
        body,
        auth: false,
      });
    } else if (!message.ephemeral) {
      await rest.patch(Routes.channelMessage(message.channelId, message.messageId), { body });
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
      const entry = tracked.get(keyOf(room.ref, event.voteId));
      if (!entry) continue;
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
      for (const oldest of entry.messages.keys()) {
        if (entry.messages.size <= MESSAGES_PER_VOTE) break;
        entry.messages.delete(oldest);
      }
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
    },
  };
}
