// Everything sent in answer to one interaction after it was acknowledged: the original reply and its
// follow-ups, edited in place, in order. The interaction token lasts 15 minutes; after that a final public
// reply is posted as a normal channel message instead, previews stop, and the stale preview is tidied
// through the channel. A private reply is never posted publicly.
import {
  type APIMessage,
  DiscordAPIError,
  type Message,
  MessageFlags,
  type REST,
  RESTJSONErrorCodes,
  type RepliableInteraction,
  Routes,
} from 'discord.js';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { msg } from '../../i18n/message.ts';
import type { Logger } from '../../logger.ts';
import {
  jsonBody,
  type MessageBody,
  type MessageDraft,
  messageBody,
  restBody,
  sameBody,
  sameFiles,
} from './render/message-draft.ts';
import { safeError } from './safe-error.ts';

const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
/** Requests can wait in the REST queue; stop using the token a little before Discord does. */
const TOKEN_MARGIN_MS = 30 * 1000;

/** When an interaction's token should no longer be used (its webhook edits and follow-ups). */
export const tokenExpiresAt = (interaction: { createdTimestamp: number }): number =>
  interaction.createdTimestamp + TOKEN_LIFETIME_MS - TOKEN_MARGIN_MS;

/** Where a sent message can be edited later: through the interaction's webhook while its token lasts. */
export interface SentMessage {
  draft: MessageDraft;
  messageId: string;
  channelId: string;
  ephemeral: boolean;
  webhook?: { applicationId: string; token: string; messageRef: string; expiresAt: number } | undefined;
}

export interface InteractionOutput {
  /** Public messages: the original reply (index 0) and follow-ups; changed ones are edited, extra ones deleted. */
  showPublic(drafts: MessageDraft[], options: { final: boolean }): Promise<SentMessage[]>;
  /** More public messages after everything shown so far: follow-ups, or channel messages once the token expired. */
  appendPublic(drafts: MessageDraft[]): Promise<SentMessage[]>;
  /** Messages only the person who acted sees. */
  showPrivate(drafts: MessageDraft[]): Promise<void>;
  /** A private note after a public reply, which stays as it is. */
  addPrivate(drafts: MessageDraft[]): Promise<void>;
  /**
   * Why the interaction failed, privately. Once the token has expired the person can no longer be told
   * privately: a public reply's `notice` is posted in the channel instead; a private one is only logged.
   */
  showFailure(drafts: MessageDraft[], notice: MessageDraft | undefined): Promise<void>;
}

export interface InteractionOutputOptions {
  rest: REST;
  logger: Logger;
  now: () => number;
  /** False for a button click: its original message is the vote, which this output must not replace. */
  ownsOriginal: boolean;
}

interface Posted {
  id: string;
  body: MessageBody;
}

export function createInteractionOutput(
  interaction: RepliableInteraction,
  options: InteractionOutputOptions,
): InteractionOutput {
  const { rest, logger, now } = options;
  const expiresAt = tokenExpiresAt(interaction);
  /** Set when Discord refused the token before our own deadline: no more requests with it. */
  let refused = false;
  const tokenValid = () => !refused && now() < expiresAt;
  const posted: Posted[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const context = { interactionId: interaction.id, channelId: interaction.channelId };

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** A private message can't be shown once the token is gone, and is never posted publicly instead. */
  const dropPrivate = (what: string) =>
    logger.warn(context, `a private ${what} came after the interaction token expired; it was not shown`);

  /** True (and the token given up) when Discord said it no longer takes this interaction's token. */
  function tokenRefused(error: unknown): boolean {
    if (!isExpiredToken(error)) return false;
    refused = true;
    logger.info(context, 'Discord refused the interaction token; using the channel instead');
    return true;
  }

  const sent = (draft: MessageDraft, message: { id: string }, ref: string, ephemeral: boolean) => ({
    draft,
    messageId: message.id,
    channelId: interaction.channelId ?? '',
    ephemeral,
    webhook: {
      applicationId: interaction.applicationId,
      token: interaction.token,
      messageRef: ref,
      expiresAt,
    },
  });

  async function postToChannel(drafts: MessageDraft[]): Promise<SentMessage[]> {
    const channelId = interaction.channelId;
    if (!channelId) return [];
    logger.info(context, 'interaction token expired; posting to the channel');
    const out: SentMessage[] = [];
    for (const draft of drafts) {
      const message = (await rest.post(
        Routes.channelMessages(channelId),
        restBody(messageBody(draft)),
      )) as APIMessage;
      out.push({ draft, messageId: message.id, channelId, ephemeral: false });
    }
    return out;
  }

  /**
   * After the token: what it showed from `from` on (a preview) is stale. The bot may edit and delete its own
   * messages through the channel, so the original becomes `pointer` (or goes, without one) and stale
   * follow-ups are deleted. Best effort: the real content is already posted.
   */
  async function clearStale(from: number, pointer: MessageDraft | undefined) {
    const channelId = interaction.channelId;
    const stale = posted.splice(from);
    if (!channelId) return;
    for (const [offset, message] of stale.entries()) {
      try {
        if (from + offset === 0 && pointer) {
          await rest.patch(Routes.channelMessage(channelId, message.id), {
            body: jsonBody(messageBody(pointer)),
          });
        } else {
          await rest.delete(Routes.channelMessage(channelId, message.id));
        }
      } catch (error) {
        logger.warn(
          { ...context, messageId: message.id, err: safeError(error) },
          'could not tidy a preview after the interaction token expired',
        );
      }
    }
  }

  /**
   * Once the token is gone, the rest of a public reply goes to the channel; a private one is dropped. With
   * `staleFrom`, what the token showed from there on was a preview, now replaced.
   */
  async function finishInChannel(remaining: MessageDraft[], staleFrom?: number): Promise<SentMessage[]> {
    if (interaction.ephemeral) {
      dropPrivate('reply');
      return [];
    }
    const more = await postToChannel(remaining);
    const first = more[0];
    if (staleFrom !== undefined) {
      await clearStale(staleFrom, first ? continuesIn(interaction, first) : undefined);
    }
    return more;
  }

  /** Shows drafts through the token, pushing each delivered one to `out` as it goes. */
  async function editPublic(drafts: MessageDraft[], out: SentMessage[]): Promise<SentMessage[]> {
    for (const [index, draft] of drafts.entries()) {
      const body = messageBody(draft);
      const previous = posted[index];
      const ephemeral = interaction.ephemeral === true;
      if (previous && sameBody(previous.body, body)) {
        out.push(sent(draft, previous, index === 0 ? '@original' : previous.id, ephemeral));
        continue;
      }
      const payload = toOptions(body, previous?.body);
      let message: Message | APIMessage;
      if (index === 0 && !interaction.deferred && !interaction.replied) {
        // Only commands answered without deferring get here: their first message is the reply itself.
        const response = await interaction.reply({ ...payload, withResponse: true });
        message = response.resource?.message ?? (await interaction.fetchReply());
      } else if (index === 0) message = await interaction.editReply(payload);
      else if (previous) message = await interaction.editReply({ ...payload, message: previous.id });
      else message = await interaction.followUp(payload);
      posted[index] = { id: message.id, body };
      out.push(sent(draft, message, index === 0 ? '@original' : message.id, ephemeral));
    }
    while (posted.length > drafts.length) {
      const extra = posted[posted.length - 1];
      if (extra) await interaction.deleteReply(extra.id);
      posted.pop();
    }
    return out;
  }

  /** Private messages through the token; a public "thinking…" message or preview is removed first. */
  async function tellPrivately(drafts: MessageDraft[]) {
    const ephemeral = drafts.map((draft) => ({
      ...toOptions(messageBody(draft)),
      flags: MessageFlags.Ephemeral as const,
    }));
    const [first, ...more] = ephemeral;
    if (!first) return;
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply(first);
    } else if (options.ownsOriginal && interaction.ephemeral) {
      await editPublic(drafts.slice(0, 1), []);
    } else {
      // A public "thinking…" message (or a preview) can't turn private: remove it, then answer privately.
      if (options.ownsOriginal) {
        for (const extra of posted.splice(1)) await interaction.deleteReply(extra.id);
        posted.length = 0;
        await interaction.deleteReply();
      }
      await interaction.followUp(first);
    }
    for (const next of more) await interaction.followUp(next);
  }

  return {
    showPublic(drafts, { final }) {
      return serialized(async () => {
        const out: SentMessage[] = [];
        if (tokenValid()) {
          try {
            return await editPublic(drafts, out);
          } catch (error) {
            if (!tokenRefused(error)) throw error;
          }
        }
        // Previews stop with the token; the final reply continues in the channel from where it stopped.
        if (!final) return [];
        return [...out, ...(await finishInChannel(drafts.slice(out.length), out.length))];
      });
    },

    appendPublic(drafts) {
      return serialized(async () => {
        const out: SentMessage[] = [];
        for (const [index, draft] of drafts.entries()) {
          if (!tokenValid()) return [...out, ...(await finishInChannel(drafts.slice(index)))];
          const body = messageBody(draft);
          let message: Message;
          try {
            message = await interaction.followUp(toOptions(body));
          } catch (error) {
            if (!tokenRefused(error)) throw error;
            return [...out, ...(await finishInChannel(drafts.slice(index)))];
          }
          posted.push({ id: message.id, body });
          out.push(sent(draft, message, message.id, interaction.ephemeral === true));
        }
        return out;
      });
    },

    addPrivate(drafts) {
      return serialized(async () => {
        if (!tokenValid()) {
          dropPrivate('note');
          return;
        }
        for (const draft of drafts) {
          await interaction.followUp({ ...toOptions(messageBody(draft)), flags: MessageFlags.Ephemeral });
        }
      });
    },

    showPrivate(drafts) {
      return serialized(async () => {
        if (!tokenValid()) {
          dropPrivate('reply');
          return;
        }
        await tellPrivately(drafts);
      });
    },

    showFailure(drafts, notice) {
      return serialized(async () => {
        if (tokenValid()) {
          try {
            return await tellPrivately(drafts);
          } catch (error) {
            if (!tokenRefused(error)) throw error;
          }
        }
        if (!notice || !options.ownsOriginal || interaction.ephemeral) {
          logger.warn(context, 'an interaction failed after its token expired; the person could not be told');
          return;
        }
        // The person can no longer be told privately: say so in the channel, and drop the stale preview.
        await postToChannel([notice]);
        await clearStale(0, undefined);
      });
    },
  };
}

/** The stale original after a reply moved to the channel: one line with a link to where it continues. */
function continuesIn(
  interaction: Pick<RepliableInteraction, 'guildId' | 'locale'>,
  message: SentMessage,
): MessageDraft {
  const link = `https://discord.com/channels/${interaction.guildId ?? '@me'}/${message.channelId}/${message.messageId}`;
  // Under the person's own command, about their reply: in their language.
  const translator = sharedTranslator();
  const locale = matchLocale(interaction.locale, translator.locales);
  return {
    content: translator.translate(locale, msg('discord.reply.continues-in', { link })),
    embeds: [],
    components: [],
  };
}

/**
 * discord.js options for a message. Files are uploaded only when they are new: an edit that keeps the same
 * files sends none (Discord keeps a message's attachments unless told otherwise), one that drops them says so.
 */
function toOptions(body: MessageBody, previous?: MessageBody) {
  const options = {
    content: body.content,
    embeds: body.embeds,
    components: body.components,
    allowedMentions: body.allowed_mentions,
  };
  if (previous?.files && sameFiles(previous.files, body.files)) return options;
  if (body.files) {
    const files = body.files.map((file) => ({
      attachment: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      name: file.name,
    }));
    return { ...options, files };
  }
  return previous?.files ? { ...options, attachments: [] } : options;
}

function isExpiredToken(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.status === 401 ||
      error.code === RESTJSONErrorCodes.InvalidWebhookToken ||
      error.code === RESTJSONErrorCodes.UnknownWebhook ||
      error.code === RESTJSONErrorCodes.UnknownInteraction)
  );
}
