// Discord's vote messages, kept current by the shared tracker (adapters/shared/vote-messages.ts): each edit
// goes through the interaction webhook while its token lasts, else as the bot's own channel message, and its
// embed and buttons are drawn when discord.js sends it (drawn-body.ts), so a bucket wait never sends old counts.
import { type REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { createRoomLanguages } from '../shared/room-languages.ts';
import {
  createVoteMessageTracker,
  type VoteMessages as Tracker,
  type VoteMessageStore,
} from '../shared/vote-messages.ts';
import { drawnAtSend } from './drawn-body.ts';
import type { SentMessage } from './interaction-output.ts';
import { NO_MENTIONS } from './render/message-draft.ts';
import { renderVote } from './render/render-vote.ts';
import { safeError } from './safe-error.ts';

export type { VoteMessageStore };

/** A message showing a vote; `locale` for a private one, drawn in its reader's language (a public one: the room's). */
type VoteMessage = Omit<SentMessage, 'draft'> & { locale?: string | undefined };
export type VoteMessages = Tracker<VoteMessage>;

const snowflake = z.string().regex(/^\d{1,20}$/);

export function createVoteMessages(deps: {
  engine: StoryEngine;
  store: VoteMessageStore;
  rest: REST;
  logger: Logger;
  now: () => number;
  intervalMs: number;
}): VoteMessages {
  const { rest, now } = deps;
  const languages = createRoomLanguages(deps.engine);
  const tracker = createVoteMessageTracker<VoteMessage>({
    ...deps,
    platform: 'discord',
    storedId: snowflake,
    describeError: safeError,
    async edit(message: VoteMessage, current, room) {
      const locale = ('locale' in message && message.locale) || (await languages.languageOf(room));
      const draw = () => {
        const { embed, components } = renderVote(current(), room, locale);
        return { embeds: [embed], components, allowed_mentions: NO_MENTIONS };
      };
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
    },
  });
  return {
    ...tracker,
    async stop() {
      languages.stop();
      await tracker.stop();
    },
  };
}
