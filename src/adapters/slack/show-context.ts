// What showing a reply needs: the workspace's client, the room, who acted and where, and how the reply is
// drawn (the reply arrives already in its reader's language).
import type { WebClient } from '@slack/web-api';
import type { ShownReply } from '../../commands/command.ts';
import { SOURCE_LOCALE } from '../../i18n/catalog.ts';
import type { Actor, RoomRef } from '../../story/types.ts';
import { type RenderedReply, renderReply } from './render/index.ts';
import type { SlackPlace } from './slack-context.ts';
import type { SlackDeps } from './slack-deps.ts';
import type { SlackOutput } from './slack-output.ts';

export interface ShowContext {
  client: WebClient;
  room: RoomRef;
  /** Where the command was given, and by whom. */
  place: SlackPlace & { userId: string };
  actor: Actor;
  output: SlackOutput;
  deps: SlackDeps;
  /** The person's Slack language, when known. */
  personLocale: string | undefined;
}

/** A localized reply as Slack messages and the files it carries. */
export const renderShown = (reply: ShownReply): RenderedReply =>
  renderReply(reply, { locale: reply.language ?? SOURCE_LOCALE });
