// Slack's vote messages, kept current by the shared tracker (adapters/shared/vote-messages.ts): live counts
// while open, buttons removed and the result shown once closed. A channel message is edited with chat.update
// through the workspace's edit budget (the close first in line); an ephemeral one (a /vote status shown to
// one person) only through the response_url of a click on it, while that lasts.

import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { createRoomLanguages } from '../shared/room-languages.ts';
import {
  createVoteMessageTracker,
  type VoteMessage,
  type VoteMessageStore,
  type VoteMessages,
} from '../shared/vote-messages.ts';
import type { EditBudget } from './edit-budget.ts';
import { renderVote, type SlackMessage } from './render/index.ts';
import type { ResponseUrls } from './response-urls.ts';
import { EDIT_FLAGS, POST_FLAGS } from './slack-output.ts';

/** A message showing a vote; an ephemeral one carries the response_url that can replace it. */
export interface SlackVoteMessage extends VoteMessage {
  /** The click's response_url: its uses are shared with the click's own reply (response-urls.ts). */
  responseUrl?: string | undefined;
  /** For an ephemeral one: its reader's language (a channel message is drawn in the room's). */
  locale?: string | undefined;
}

export type SlackVoteMessages = VoteMessages<SlackVoteMessage>;

/** Channel ids (C…, G…) and message timestamps (1700000000.000100), as read back from the store. */
const slackId = z.string().regex(/^(?:[A-Z0-9]{2,24}|\d{1,12}\.\d{1,9})$/);

export function createSlackVoteMessages(deps: {
  engine: StoryEngine;
  store: VoteMessageStore;
  clientFor(teamId: string): Promise<WebClient>;
  budget: EditBudget;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  responseUrls: ResponseUrls;
}): SlackVoteMessages {
  const languages = createRoomLanguages(deps.engine);
  const tracker = createVoteMessageTracker<SlackVoteMessage>({
    ...deps,
    platform: 'slack',
    storedId: slackId,
    async edit(message: SlackVoteMessage, current, room) {
      const locale = ('locale' in message && message.locale) || (await languages.languageOf(room));
      if (message.ephemeral) {
        const url = 'responseUrl' in message ? message.responseUrl : undefined;
        if (!url || !deps.responseUrls.take(url))
          throw new Error('an ephemeral vote message can no longer be edited');
        const drawn = firstOf(renderVote(current(), room, locale));
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            replace_original: true,
            text: drawn.text,
            blocks: drawn.blocks,
            ...POST_FLAGS,
          }),
        });
        if (!response.ok) throw new Error(`the response_url refused the edit (${response.status})`);
        return;
      }
      const client = await deps.clientFor(room.workspaceId);
      await deps.budget.edit(
        room.workspaceId,
        `${message.channelId}/${message.messageId}`,
        () => {
          // Drawn when the budget lets the edit go: never older counts than the vote has then.
          const drawn = firstOf(renderVote(current(), room, locale));
          return client.chat.update({
            channel: message.channelId,
            ts: message.messageId,
            text: drawn.text,
            blocks: drawn.blocks,
            ...EDIT_FLAGS,
          });
        },
        // A vote that closes while its count waits jumps the queue.
        { final: () => current().status !== 'open' },
      );
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

/** A vote fits one message (five options, far under Slack's limits); the message that shows it is its first. */
function firstOf(messages: SlackMessage[]): SlackMessage {
  const [first] = messages;
  if (!first) throw new Error('a vote rendered as no message');
  return first;
}
