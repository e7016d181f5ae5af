// Everything sent in answer to one slash command or click, after it was acknowledged: public messages (a
// streamed preview edited in place, then the reply), private ones through the response_url (ephemeral, any
// channel, 5 uses in 30 minutes) or chat.postEphemeral once that is used up. Every message goes out with
// mentions and unfurls off; every edit of a message goes through the workspace's shared chat.update budget.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.ts';
import type { EditBudget } from './edit-budget.ts';
import type { SlackMessage } from './render/index.ts';
import type { ResponseUrls } from './response-urls.ts';

/**
 * Sent with every message posted (chat.postMessage, and a response_url's ephemeral replies and edits, which
 * take the same fields): nothing in it notifies anyone or unfurls into a preview.
 */
export const POST_FLAGS = {
  link_names: false,
  unfurl_links: false,
  unfurl_media: false,
  parse: 'none',
} as const;
/** chat.update and chat.postEphemeral take no unfurl flags. */
export const EDIT_FLAGS = { link_names: false, parse: 'none' } as const;

export interface SlackSent {
  message: SlackMessage;
  /** The Slack channel (not the room: a thread's room posts into its channel). */
  channelId: string;
  /** The message's ts. */
  messageId: string;
  ephemeral: boolean;
}

/** Who a message appears to be from (character voices; needs chat:write.customize). */
export interface SlackAuthor {
  username: string;
  icon_url?: string | undefined;
  icon_emoji?: string | undefined;
}

export interface SlackOutputTarget {
  client: WebClient;
  teamId: string;
  channel: string;
  threadTs?: string | undefined;
  /** Who acted: private messages are theirs. */
  userId: string;
  responseUrl?: string | undefined;
}

export interface SlackOutput {
  /**
   * Public messages: those shown so far (a preview) are edited, more are posted; a final reply deletes extra
   * ones. A preview's edits may be dropped once `signal` aborts (the final reply follows).
   */
  showPublic(
    messages: SlackMessage[],
    options: { final: boolean; signal?: AbortSignal },
  ): Promise<SlackSent[]>;
  /** More public messages after everything shown so far; with `author`, under a character's name and icon. */
  appendPublic(messages: SlackMessage[], author?: SlackAuthor): Promise<SlackSent[]>;
  /** Messages only the person who acted sees. */
  showPrivate(messages: SlackMessage[]): Promise<void>;
  /**
   * Why it failed, privately; a public preview already shown becomes `line` (one line saying the generation
   * failed), or is deleted without one.
   */
  showFailure(messages: SlackMessage[], line: SlackMessage | undefined): Promise<void>;
  /** The public messages posted so far (ts), e.g. to thread a file under them. */
  readonly posted: readonly string[];
}

interface Posted {
  ts: string;
  body: string;
}

export function createSlackOutput(
  target: SlackOutputTarget,
  deps: { budget: EditBudget; logger: Logger; now: () => number; responseUrls: ResponseUrls },
): SlackOutput {
  const { client, channel, threadTs, teamId } = target;
  const posted: Posted[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const context = { teamId, channel, threadTs, userId: target.userId };

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  const thread = threadTs ? { thread_ts: threadTs } : {};
  const sent = (message: SlackMessage, ts: string): SlackSent => ({
    message,
    channelId: channel,
    messageId: ts,
    ephemeral: false,
  });

  async function post(message: SlackMessage, author?: SlackAuthor): Promise<string> {
    const result = await client.chat.postMessage({
      channel,
      ...thread,
      ...(author ? authorFields(author) : {}),
      text: message.text,
      blocks: message.blocks,
      ...POST_FLAGS,
    });
    if (!result.ts) throw new Error('chat.postMessage answered without a message ts');
    return result.ts;
  }

  /**
   * Edits one of our messages through the workspace budget; false when the edit was not sent (a preview
   * dropped by `signal`, or replaced by a newer edit while it waited).
   */
  async function edit(
    ts: string,
    message: SlackMessage,
    final: boolean,
    signal?: AbortSignal,
  ): Promise<boolean> {
    let sent = false;
    await deps.budget.edit(
      teamId,
      `${channel}/${ts}`,
      async () => {
        await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks, ...EDIT_FLAGS });
        sent = true;
      },
      { final, signal },
    );
    return sent;
  }

  async function showPublic(
    messages: SlackMessage[],
    final: boolean,
    signal?: AbortSignal,
  ): Promise<SlackSent[]> {
    const out: SlackSent[] = [];
    for (const [index, message] of messages.entries()) {
      const body = JSON.stringify(message);
      const previous = posted[index];
      if (previous && previous.body === body) {
        out.push(sent(message, previous.ts));
        continue;
      }
      if (previous) {
        if (await edit(previous.ts, message, final, signal)) previous.body = body;
        out.push(sent(message, previous.ts));
        continue;
      }
      const ts = await post(message);
      posted[index] = { ts, body };
      out.push(sent(message, ts));
    }
    if (final) await removeFrom(messages.length);
    return out;
  }

  /** Deletes our public messages from `index` on (a longer preview than the reply). */
  async function removeFrom(index: number) {
    for (const extra of posted.splice(index)) {
      try {
        await client.chat.delete({ channel, ts: extra.ts });
      } catch (error) {
        deps.logger.warn({ ...context, ts: extra.ts, err: error }, 'could not delete a stale Slack preview');
      }
    }
  }

  /** Through the response_url while it lasts (ephemeral anywhere), else chat.postEphemeral. */
  async function tellPrivately(message: SlackMessage) {
    // Uses of the URL are counted with every other use of it (a private vote message's edits too).
    if (target.responseUrl && deps.responseUrls.take(target.responseUrl)) {
      try {
        const response = await fetch(target.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            response_type: 'ephemeral',
            replace_original: false,
            text: message.text,
            blocks: message.blocks,
            ...POST_FLAGS,
          }),
        });
        if (response.ok) return;
        deps.logger.warn({ ...context, status: response.status }, 'Slack refused a response_url reply');
      } catch (error) {
        deps.logger.warn({ ...context, err: error }, 'a response_url reply failed');
      }
    }
    await client.chat.postEphemeral({
      channel,
      user: target.userId,
      ...thread,
      text: message.text,
      blocks: message.blocks,
      ...EDIT_FLAGS,
    });
  }

  return {
    get posted() {
      return posted.map((message) => message.ts);
    },
    showPublic: (messages, { final, signal }) => serialized(() => showPublic(messages, final, signal)),
    appendPublic: (messages, author) =>
      serialized(async () => {
        const out: SlackSent[] = [];
        for (const message of messages) {
          const ts = await post(message, author);
          posted.push({ ts, body: JSON.stringify(message) });
          out.push(sent(message, ts));
        }
        return out;
      }),
    showPrivate: (messages) =>
      serialized(async () => {
        for (const message of messages) await tellPrivately(message);
      }),
    showFailure: (messages, line) =>
      serialized(async () => {
        const first = posted[0];
        if (first && line) {
          await edit(first.ts, line, true);
          posted[0] = { ts: first.ts, body: JSON.stringify(line) };
          await removeFrom(1);
        } else await removeFrom(0);
        for (const message of messages) await tellPrivately(message);
      }),
  };
}

/** icon_emoji wins over icon_url at Slack; only the one given is sent. */
function authorFields(author: SlackAuthor) {
  if (author.icon_emoji) return { username: author.username, icon_emoji: author.icon_emoji };
  if (author.icon_url) return { username: author.username, icon_url: author.icon_url };
  return { username: author.username };
}
