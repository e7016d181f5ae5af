// The channel webhook characters speak through: found (one named "storyroom" that this application made)
// or created once per channel, then cached. It needs the Manage Webhooks permission; without it the
// lookup says so, and is not retried for a while, so a channel without it never fills the invalid-request
// budget. Webhook tokens are secrets: they stay in this module's cache, and errors are logged through
// safeError, which masks the token in webhook URLs.
import { DiscordAPIError, type REST, Routes, WebhookType } from 'discord.js';
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
  /** The channel's webhook, from the cache or Discord. */
  lookup(target: VoiceTarget, applicationId: string): Promise<WebhookLookup>;
  /** Posts one message under the given name; allowed_mentions parses nothing. */
  speak(
    target: VoiceTarget,
    webhook: ChannelWebhook,
    message: { username: string; content: string },
  ): Promise<void>;
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

interface Cached {
  lookup: Promise<WebhookLookup>;
  /** Failed lookups expire; found webhooks stay until they fail. */
  expiresAt: number;
}

export function createCharacterWebhooks(deps: {
  rest: REST;
  logger: Logger;
  now: () => number;
}): CharacterWebhooks {
  const { rest, logger, now } = deps;
  const cache = new Map<string, Cached>();
  const noticed = new Set<string>();

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
    lookup(target, applicationId) {
      const cached = cache.get(target.channelId);
      if (cached && now() < cached.expiresAt) return cached.lookup;
      const entry: Cached = { lookup: find(target.channelId, applicationId), expiresAt: Infinity };
      void entry.lookup.then((result) => {
        if (!result.ok) entry.expiresAt = now() + RETRY_AFTER_MS;
      });
      cache.delete(target.channelId);
      cache.set(target.channelId, entry);
      for (const oldest of cache.keys()) {
        if (cache.size <= CHANNELS_MAX) break;
        cache.delete(oldest);
      }
      return entry.lookup;
    },

    async speak(target, webhook, message) {
      const query = new URLSearchParams({ wait: 'true' });
      if (target.threadId) query.set('thread_id', target.threadId);
      await rest.post(Routes.webhook(webhook.id, webhook.token), {
        body: { content: message.content, username: message.username, allowed_mentions: NO_MENTIONS },
        query,
        auth: false,
      });
    },

    forget(target) {
      cache.delete(target.channelId);
    },

    claimNotice(channelId) {
      if (noticed.has(channelId)) return false;
      if (noticed.size >= CHANNELS_MAX) noticed.clear();
      noticed.add(channelId);
      return true;
    },
  };
}
