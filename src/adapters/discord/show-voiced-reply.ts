// character_voices in a Discord room: each new line of dialogue in a command's public reply is posted
// through the channel webhook under the character's name. Everything stays in order: what comes before
// the first line is the reply (with a pointer to the lines), the lines follow, then the rest as
// follow-ups. Without Manage Webhooks the reply is shown as usual and a moderator is told once; a line
// the webhook fails to post is shown as usual too, so the whole text always arrives.
import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import type { ShownReply } from '../../commands/command.ts';
import { sharedTranslator } from '../../i18n/catalog.ts';
import { matchLocale } from '../../i18n/match-locale.ts';
import { msg } from '../../i18n/message.ts';
import type { Actor, Beat, RoomRef } from '../../story/types.ts';
import { splitVoices } from '../shared/split-voices.ts';
import type { Voicing } from '../shared/voicing.ts';
import type { AdapterDeps } from './adapter-deps.ts';
import type { ChannelWebhook, VoiceTarget, WebhookLookup } from './character-webhooks.ts';
import { roomOf } from './interaction-context.ts';
import type { InteractionOutput, SentMessage } from './interaction-output.ts';
import { rememberIds } from './remember-beat-messages.ts';
import { CONTENT_MAX } from './render/message-draft.ts';
import { renderReply } from './render/render-reply.ts';
import { renderSpokenLine } from './render/render-screenplay.ts';
import { splitText } from './render/split-text.ts';
import { voicesPointer, webhookUsername, withPointer } from './render/voice-pointer.ts';
import { safeError } from './safe-error.ts';

/** Told privately to the moderator, in their language. */
export const VOICES_NEED_PERMISSION = msg('discord.voices.need-permission');

export async function showVoicedReply(
  reply: ShownReply,
  voicing: Voicing,
  context: {
    interaction: ChatInputCommandInteraction;
    actor: Actor;
    output: InteractionOutput;
    deps: AdapterDeps;
  },
): Promise<SentMessage[]> {
  const { interaction, actor, output, deps } = context;
  const parts = splitVoices(reply, (beat) => !voicing.known.has(beat.id));
  const lines = parts.flatMap((part) => (part.type === 'voice' ? [part.beat] : []));
  if (lines.length === 0) return output.showPublic(renderReply(reply), { final: true });

  const { target, lookup } = await findVoices(interaction, deps);
  if (!lookup.ok) {
    const sent = await output.showPublic(renderReply(reply), { final: true });
    if (
      lookup.reason === 'forbidden' &&
      actor.role === 'moderator' &&
      deps.voices.claimNotice(target.channelId)
    ) {
      const translator = sharedTranslator();
      const content = translator.translate(
        matchLocale(interaction.locale, translator.locales),
        VOICES_NEED_PERMISSION,
      );
      await output.addPrivate([{ content, embeds: [], components: [] }]);
    }
    return sent;
  }

  const [first, ...rest] = parts;
  const lead = first?.type === 'blocks' ? first.blocks : [];
  const { language } = reply;
  const leadDrafts = lead.length > 0 ? renderReply({ visibility: 'public', blocks: lead, language }) : [];
  const pointer = voicesPointer(lines, language);
  const sent = await output.showPublic(withPointer(leadDrafts, pointer), { final: true });
  let webhook: ChannelWebhook | undefined = lookup.webhook;
  for (const part of first?.type === 'voice' ? parts : rest) {
    if (part.type === 'voice' && webhook) {
      if (await speak(part.beat, target, webhook, deps, roomOf(interaction))) continue;
      webhook = undefined;
    }
    const blocks = part.type === 'voice' ? [{ type: 'beats' as const, beats: [part.beat] }] : part.blocks;
    sent.push(...(await output.appendPublic(renderReply({ visibility: 'public', blocks, language }))));
  }
  return sent;
}

/** Posts one line under its character's name; false (and the webhook forgotten) when that failed. */
async function speak(
  beat: Beat,
  target: VoiceTarget,
  webhook: ChannelWebhook,
  deps: AdapterDeps,
  room: RoomRef | undefined,
) {
  const username = webhookUsername(beat.character ?? '');
  try {
    const ids: string[] = [];
    for (const content of splitText(renderSpokenLine(beat), CONTENT_MAX)) {
      const id = await deps.voices.speak(target, webhook, { username, content });
      if (id) ids.push(id);
    }
    // Reactions on the character's line count on its beat.
    if (room) await rememberIds(ids, beat.id, { room, beatMessages: deps.beatMessages, logger: deps.logger });
    return true;
  } catch (error) {
    deps.voices.forget(target);
    deps.logger.warn(
      { err: safeError(error), channelId: target.channelId, beatId: beat.id },
      'a character line could not be posted through the webhook; posting it as usual',
    );
    return false;
  }
}

/**
 * Where the lines go, and the webhook that posts them. A thread's webhook belongs to its parent channel and
 * posts into the thread by id; a thread the client has not cached is looked up, since asking the thread
 * itself for webhooks only earns a 400.
 */
async function findVoices(
  interaction: ChatInputCommandInteraction,
  deps: AdapterDeps,
): Promise<{ target: VoiceTarget; lookup: WebhookLookup }> {
  const cached = cachedTarget(interaction);
  if (!interaction.appPermissions.has(PermissionFlagsBits.ManageWebhooks)) {
    return {
      target: cached ?? { channelId: interaction.channelId },
      lookup: { ok: false, reason: 'forbidden' },
    };
  }
  const target = cached ?? (await deps.voices.locate(interaction.channelId));
  if (!target)
    return { target: { channelId: interaction.channelId }, lookup: { ok: false, reason: 'failed' } };
  return { target, lookup: await deps.voices.lookup(target, interaction.applicationId) };
}

function cachedTarget(interaction: ChatInputCommandInteraction): VoiceTarget | undefined {
  const channel = interaction.channel;
  if (!channel) return undefined;
  if (channel.isThread() && channel.parentId) return { channelId: channel.parentId, threadId: channel.id };
  return { channelId: channel.id };
}
