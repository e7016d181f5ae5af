// The channel webhook characters speak through: found (one named "storyroom" that this application made)
// or created once per channel, then cached. A thread has none of its own: its parent channel's webhook
// posts into it by id, so a thread the client has not cached is asked about once to learn its parent.
// The webhook needs the Manage Webhooks permission; without it the lookup says so, and is not retried
// for a while, so a channel without it never fills the invalid-request budget. Webhook tokens are
// secrets: they stay in this module's cache, and errors are logged through safeError, which masks the
// token in webhook URLs.
import { ChannelType, DiscordAPIError, type REST, Routes, WebhookType } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { NO_MENTIONS } from './render/message-draft.ts';
import { safeError } from './safe-error.ts';

export const WEBHOOK_NAME = 'storyroom';
/** A channel where the lookup failed is asked again after this long (permissions may have changed). */
const RETRY_AFTER_MS = 10 * 60 * 1000;
/** Channels whose webhook is cached at once; the oldest is looked up again when needed. */
const CHANNELS_MAX = 10_000;

/** Where characters speak: a channel, or a thread (whose webhook belongs to its parent channel). */
export interface VoiceTarget {
  channelId: string;
  threadId?: string | undefined;
}

export type WebhookLookup =
  | { ok: true; webhook: ChannelWebhook }
  | { ok: false; reason: 'forbidden' | 'failed' };

export interface ChannelWebhook {
  id: string;
  token: string;
}

export interface CharacterWebhooks {
  /**
   * Where characters speak in a channel the client has not cached (a thread archived hours ago, or a
   * private one): Discord is asked once. Undefined when it would not say.
   */
  locate(channelId: string): Promise<VoiceTarget | undefined>;
  /** The channel's webhook, from the cache or Discord. */
  lookup(target: VoiceTarget, applicationId: string): Promise<WebhookLookup>;
  /** Posts one message under the given name; allowed_mentions parses nothing. Resolves with its id. */
  speak(
    target: VoiceTarget,
    webhook: ChannelWebhook,
    message: { username: string; content: string },
  ): Promise<string | undefined>;
  /** Drops the cached webhook after it failed (deleted, or its token reset). */
  forget(target: VoiceTarget): void;
  /** True the first time it is asked for a channel: a moderator is told once that voices need a permission. */
  claimNotice(channelId: string): boolean;
}

const webhookSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  type: z.number(),
  name: z.string().nullable().optional(),
  application_id: z.string().nullable().optional(),
  token: z.string().min(1).optional(),
});

const channelSchema = z.object({
  id: z.string().regex(/^\d{1,20}$/),
  type: z.number(),
  parent_id: z.string().nullable().optional(),
});

const THREAD_TYPES: ReadonlySet<number> = new Set([
  ChannelType.AnnouncementThread,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
]);

export function createCharacterWebhooks(deps: {
  rest: REST;
  logger: Logger;
  now: () => number;
}): CharacterWebhooks {
  const { rest, logger, now } = deps;
  const webhooks = expiringCache<WebhookLookup>(now, (lookup) => !lookup.ok);
  const targets = expiringCache<VoiceTarget | undefined>(now, (target) => target === undefined);
  const noticed = new Set<string>();

  async function whereIs(channelId: string): Promise<VoiceTarget | undefined> {
    try {
      const channel = channelSchema.parse(await rest.get(Routes.channel(channelId)));
      return THREAD_TYPES.has(channel.type) && channel.parent_id
        ? { channelId: channel.parent_id, threadId: channel.id }
        : { channelId: channel.id };
    } catch (error) {
      logger.warn(
        { err: safeError(error), channelId },
        'could not tell whether this channel is a thread; posting character lines normally',
      );
      return undefined;
    }
  }

  async function find(channelId: string, applicationId: string): Promise<WebhookLookup> {
    try {
      const listed = z.array(webhookSchema).parse(await rest.get(Routes.channelWebhooks(channelId)));
      const own = listed.find(
        (hook) =>
          hook.type === WebhookType.Incoming &&
          hook.name === WEBHOOK_NAME &&
          hook.application_id === applicationId &&
          hook.token !== undefined,
      );
      if (own?.token) return { ok: true, webhook: { id: own.id, token: own.token } };
      const created = webhookSchema.parse(
        await rest.post(Routes.channelWebhooks(channelId), {
          body: { name: WEBHOOK_NAME },
          reason: 'storyroom: characters speak under their own names (character_voices)',
        }),
      );
      if (!created.token) throw new Error('Discord created a webhook without a token');
      logger.info({ channelId, webhookId: created.id }, 'created the character voices webhook');
      return { ok: true, webhook: { id: created.id, token: created.token } };
    } catch (error) {
      const forbidden = error instanceof DiscordAPIError && error.status === 403;
      logger.warn(
        { err: safeError(error), channelId },
        forbidden
          ? 'character voices need Manage Webhooks in this channel; posting lines normally'
          : 'could not find or create the character voices webhook; posting lines normally',
      );
      return { ok: false, reason: forbidden ? 'forbidden' : 'failed' };
    }
  }

  return {
    locate(channelId) {
      return targets.get(channelId, () => whereIs(channelId));
    },

    lookup(target, applicationId) {
      return webhooks.get(target.channelId, () => find(target.channelId, applicationId));
    },

    async speak(target, webhook, message) {
      const query = new URLSearchParams({ wait: 'true' });
      if (target.threadId) query.set('thread_id', target.threadId);
      const posted = await rest.post(Routes.webhook(webhook.id, webhook.token), {
        body: { content: message.content, username: message.username, allowed_mentions: NO_MENTIONS },
        query,
        auth: false,
      });
      // wait=true: Discord answers with the message, whose id the beat map keeps (reactions on the line).
      const id = (posted as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? id : undefined;
    },

    forget(target) {
      webhooks.delete(target.channelId);
    },

    claimNotice(channelId) {
      if (noticed.has(channelId)) return false;
      if (noticed.size >= CHANNELS_MAX) noticed.clear();
      noticed.add(channelId);
      return true;
    },
  };
}

/** Answers per channel: a failed one is asked again after a while, others stay; the oldest go past the cap. */
function expiringCache<T>(now: () => number, failed: (value: T) => boolean) {
  const entries = new Map<string, { value: Promise<T>; expiresAt: number }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const cached = entries.get(key);
      if (cached && now() < cached.expiresAt) return cached.value;
      const entry = { value: load(), expiresAt: Infinity };
      void entry.value.then((value) => {
        if (failed(value)) entry.expiresAt = now() + RETRY_AFTER_MS;
      });
      entries.delete(key);
      entries.set(key, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= CHANNELS_MAX) break;
        entries.delete(oldest);
      }
      return entry.value;
    },
    delete(key: string): void {
      entries.delete(key);
    },
  };
}
