// Connects a Bolt app to the story engine: slash commands, mentions in threads, the "continue the story"
// message shortcut, vote buttons and reactions on beats in; messages out through the Web API. Every command, click and shortcut
// is acknowledged first (Slack waits 3 seconds), then worked on; each handler holds the one catch that
// turns a failure into a private, readable message.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Command } from '../../commands/command.ts';
import { commands as allCommands } from '../../commands/index.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import { createBeatMessages } from '../shared/beat-messages.ts';
import type { VoteMessageStore } from '../shared/vote-messages.ts';
import type { AckFirst } from './ack-first.ts';
import { createCharacterVoices } from './character-voices.ts';
import type { EditBudget } from './edit-budget.ts';
import { handleSlackReaction } from './handle-reaction.ts';
import { handleSlashCommand, slashName } from './handle-slash-command.ts';
import { handleVoteClick } from './handle-vote-click.ts';
import { CONTINUE_SHORTCUT } from './manifest.ts';
import type { SlackPermissions } from './permissions.ts';
import { createResponseUrls } from './response-urls.ts';
import type { SlackConfig } from './slack-config.ts';
import type { SlackDeps } from './slack-deps.ts';
import { slackSpelling } from './slack-spelling.ts';
import { decodeSlackText } from './slack-text.ts';
import { createSlackVoteMessages } from './slack-vote-messages.ts';
import { createUserProfiles } from './user-profiles.ts';

/** The command the shortcut runs (a command's name, not words for people: the catalog test skips it). */
const CONTINUE_COMMAND = ['scene', 'continue'].join(' ');

export interface AttachSlackOptions {
  app: App;
  engine: StoryEngine;
  /** Where vote messages, beat messages and voice notices are remembered across restarts (the engine's store). */
  store: VoteMessageStore;
  logger: Logger;
  config: SlackConfig;
  clientFor(teamId: string): Promise<WebClient>;
  permissions: SlackPermissions;
  budget: EditBudget;
  commands?: readonly Command[] | undefined;
  now?: (() => number) | undefined;
  /** When work after an ack may start (HTTP mode: once the requests received so far are answered). */
  ackFirst?: AckFirst | undefined;
}

export interface AttachedSlackAdapter {
  /** Resolves when every command and click received so far has been fully answered. */
  idle(): Promise<void>;
  /** Stops taking work, cancels generations in progress and waits for pending answers. */
  stop(): Promise<void>;
}

export function attachSlackAdapter(options: AttachSlackOptions): AttachedSlackAdapter {
  const { app, logger, config } = options;
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const responseUrls = createResponseUrls(now);
  const deps: SlackDeps = {
    engine: options.engine,
    logger,
    config,
    commands: options.commands ?? allCommands,
    spelling: slackSpelling(config.commandPrefix),
    clientFor: options.clientFor,
    permissions: options.permissions,
    budget: options.budget,
    responseUrls,
    profiles: createUserProfiles({ logger, now }),
    votes: createSlackVoteMessages({
      engine: options.engine,
      store: options.store,
      clientFor: options.clientFor,
      budget: options.budget,
      logger,
      now,
      intervalMs: config.voteEditMs,
      responseUrls,
    }),
    voices: createCharacterVoices({ store: options.store, logger, now }),
    beatMessages: createBeatMessages({ store: options.store, logger }),
    now,
    signal: controller.signal,
  };
  const pending = new Set<Promise<void>>();
  /** Work after the ack: followed, so stop() can wait for it; its handler catches its own failures. */
  const follow = (work: () => Promise<void>) => {
    if (controller.signal.aborted) return;
    const turn = options.ackFirst?.turn() ?? Promise.resolve();
    const task = turn
      .then(work)
      .catch((error: unknown) => logger.error({ err: error }, 'a Slack handler failed after its ack'));
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };

  app.command(/^\/.+/, async ({ command, ack }) => {
    await ack();
    const name = slashName(command.command, config.commandPrefix);
    follow(() =>
      handleSlashCommand(
        {
          teamId: command.team_id,
          channel: command.channel_id,
          userId: command.user_id,
          userName: command.user_name,
          // A command without the configured prefix is none of ours: an empty line, answered as unknown.
          line: name === undefined ? '' : `${name} ${decodeSlackText(command.text)}`,
          typed: command.command,
          responseUrl: command.response_url,
        },
        deps,
      ),
    );
  });

  app.action({ type: 'block_actions' }, async ({ body, action, ack }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const container = body.container as { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
    const channel = body.channel?.id ?? container.channel_id;
    const teamId = body.team?.id ?? body.user.team_id;
    const messageTs = body.message?.ts ?? container.message_ts;
    if (!channel || !teamId || !messageTs) return;
    follow(() =>
      handleVoteClick(
        {
          teamId,
          userId: body.user.id,
          userName: body.user.name ?? body.user.username ?? body.user.id,
          value: action.value ?? '',
          channel,
          messageTs,
          ephemeral: container.is_ephemeral === true,
          responseUrl: body.response_url,
        },
        deps,
      ),
    );
  });

  app.shortcut(CONTINUE_SHORTCUT.callback_id, async ({ shortcut, ack }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const teamId = shortcut.team?.id ?? shortcut.user.team_id;
    if (!teamId) return;
    follow(() =>
      handleSlashCommand(
        {
          teamId,
          channel: shortcut.channel.id,
          threadTs: shortcut.message.thread_ts,
          userId: shortcut.user.id,
          userName: shortcut.user.name ?? shortcut.user.id,
          line: CONTINUE_COMMAND,
          typed: `/${CONTINUE_COMMAND}`,
          responseUrl: shortcut.response_url,
        },
        deps,
      ),
    );
  });

  // "@storyroom scene start The Heist" in a thread: the thread's own room (slash commands cannot be used in
  // threads). In a channel a mention works like the slash command.
  app.event('app_mention', async ({ event, context }) => {
    const teamId = context.teamId ?? event.team;
    if (!teamId || !event.user) return;
    const line = decodeSlackText(event.text.replace(/^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)+/, ''));
    if (line.trim() === '') return;
    const userId = event.user;
    follow(() =>
      handleSlashCommand(
        {
          teamId,
          channel: event.channel,
          threadTs: event.thread_ts,
          userId,
          line,
          typed: line.trim().split(/\s/, 1)[0] ?? '',
        },
        deps,
      ),
    );
  });

  // Reactions on beat messages: the audience's (issue 13). Bolt acks events itself.
  const onReaction = (
    event: { user: string; reaction: string; item: unknown },
    where: { teamId: string | undefined; botUserId: string | undefined },
    removed: boolean,
  ) => {
    const item = event.item as { type?: string; channel?: string; ts?: string };
    const { teamId } = where;
    if (item.type !== 'message' || !item.channel || !item.ts || !teamId || !event.user) return;
    const reaction = {
      teamId,
      userId: event.user,
      reaction: event.reaction,
      channel: item.channel,
      messageTs: item.ts,
      removed,
      botUserId: where.botUserId,
    };
    follow(() => handleSlackReaction(reaction, deps));
  };
  app.event('reaction_added', async ({ event, context, body }) => {
    onReaction(event, { teamId: context.teamId ?? body.team_id, botUserId: context.botUserId }, false);
  });
  app.event('reaction_removed', async ({ event, context, body }) => {
    onReaction(event, { teamId: context.teamId ?? body.team_id, botUserId: context.botUserId }, true);
  });

  const idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };
  return {
    idle,
    async stop() {
      controller.abort(new Error('the Slack adapter is stopping'));
      await idle();
      await deps.votes.stop();
    },
  };
}
