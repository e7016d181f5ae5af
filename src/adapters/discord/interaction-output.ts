// Everything sent in answer to one interaction after it was acknowledged: the original reply and its
// follow-ups, edited in place, in order. The interaction token lasts 15 minutes; after that a final public
// reply is posted as a normal channel message instead, and previews stop.
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
import type { Logger } from '../../logger.ts';
import { type MessageBody, type MessageDraft, messageBody, sameBody } from './render/message-draft.ts';

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
  const tokenValid = () => now() < expiresAt;
  const posted: Posted[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
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
    logger.info(
      { interactionId: interaction.id, channelId },
      'interaction token expired; posting to the channel',
    );
    const out: SentMessage[] = [];
    for (const draft of drafts) {
      const message = (await rest.post(Routes.channelMessages(channelId), {
        body: messageBody(draft),
      })) as APIMessage;
      out.push({ draft, messageId: message.id, channelId, ephemeral: false });
    }
    return out;
  }

  /** How many drafts of the current editPublic call reached Discord, for the fallback after a failure. */
  let delivered = 0;

  async function editPublic(drafts: MessageDraft[]): Promise<SentMessage[]> {
    const out: SentMessage[] = [];
    delivered = 0;
    for (const [index, draft] of drafts.entries()) {
      const body = messageBody(draft);
      const previous = posted[index];
      const ephemeral = interaction.ephemeral === true;
      if (previous && sameBody(previous.body, body)) {
        out.push(sent(draft, previous, index === 0 ? '@original' : previous.id, ephemeral));
        delivered++;
        continue;
      }
      const payload = toOptions(body);
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
      delivered++;
    }
    for (const extra of posted.splice(drafts.length)) await interaction.deleteReply(extra.id);
    return out;
  }

  return {
    showPublic(drafts, { final }) {
      return serialized(async () => {
        if (!tokenValid()) return final ? postToChannel(drafts) : [];
        try {
          return await editPublic(drafts);
        } catch (error) {
          if (final && isExpiredToken(error)) return postToChannel(drafts.slice(delivered));
          throw error;
        }
      });
    },

    appendPublic(drafts) {
      return serialized(async () => {
        const out: SentMessage[] = [];
        for (const [index, draft] of drafts.entries()) {
          if (!tokenValid()) return [...out, ...(await postToChannel(drafts.slice(index)))];
          const body = messageBody(draft);
          let message: Message;
          try {
            message = await interaction.followUp(toOptions(body));
          } catch (error) {
            if (isExpiredToken(error)) return [...out, ...(await postToChannel(drafts.slice(index)))];
            throw error;
          }
          posted.push({ id: message.id, body });
          out.push(sent(draft, message, message.id, interaction.ephemeral === true));
        }
        return out;
      });
    },

    addPrivate(drafts) {
      return serialized(async () => {
        if (!tokenValid()) return;
        for (const draft of drafts) {
          await interaction.followUp({ ...toOptions(messageBody(draft)), flags: MessageFlags.Ephemeral });
        }
      });
    },

    showPrivate(drafts) {
      return serialized(async () => {
        if (!tokenValid()) {
          logger.warn({ interactionId: interaction.id }, 'a private reply came after the token expired');
          return;
        }
        const ephemeral = drafts.map((draft) => ({
          ...toOptions(messageBody(draft)),
          flags: MessageFlags.Ephemeral as const,
        }));
        const [first, ...more] = ephemeral;
        if (!first) return;
        if (!interaction.deferred && !interaction.replied) {
          await interaction.reply(first);
        } else if (options.ownsOriginal && interaction.ephemeral) {
          await editPublic(drafts.slice(0, 1));
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
      });
    },
  };
}

function toOptions(body: MessageBody) {
  return {
    content: body.content,
    embeds: body.embeds,
    components: body.components,
    allowedMentions: body.allowed_mentions,
  };
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
