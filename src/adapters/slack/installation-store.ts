// Bolt's InstallationStore in the same store as the rooms (so Redis or PostgreSQL when several processes share
// it): each installation is an attachment of its workspace, `slack:<team id>` for a workspace install and
// `slack:<enterprise id>` for an org-wide (Enterprise Grid) one; neither is a room id (a room has a channel).
// Installations hold tokens: nothing here logs one or puts one in an error, and what is read back is checked
// with zod before Bolt uses it.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { z } from 'zod';
import type { EventStore } from '../../story/event-store.ts';

export type InstallationAttachments = Pick<EventStore, 'readAttachment' | 'writeAttachment'>;

const TEAM_KEY = 'installation';
const ORG_KEY = 'org-installation';
/** The stored form's version, for a later change of shape. */
const VERSION = 1;

const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);
/** Bolt leaves absent values undefined; some stores give them back as null. */
const maybe = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);

const installationSchema = z.object({
  team: maybe(z.object({ id: slackId, name: maybe(z.string()) })),
  enterprise: maybe(z.object({ id: slackId, name: maybe(z.string()) })),
  user: z.object({
    token: maybe(z.string()),
    refreshToken: maybe(z.string()),
    expiresAt: maybe(z.number()),
    scopes: maybe(z.array(z.string())),
    id: z.string(),
  }),
  bot: maybe(
    z.object({
      token: z.string(),
      refreshToken: maybe(z.string()),
      expiresAt: maybe(z.number()),
      scopes: z.array(z.string()),
      id: z.string(),
      userId: z.string(),
    }),
  ),
  incomingWebhook: maybe(
    z.object({
      url: z.string(),
      channel: maybe(z.string()),
      channelId: maybe(z.string()),
      configurationUrl: maybe(z.string()),
    }),
  ),
  appId: maybe(z.string()),
  tokenType: maybe(z.literal('bot')),
  enterpriseUrl: maybe(z.string()),
  isEnterpriseInstall: maybe(z.boolean()),
  authVersion: maybe(z.enum(['v1', 'v2'])),
  metadata: maybe(z.string()),
});

const storedSchema = z.object({ v: z.literal(VERSION), installation: installationSchema });

/** Where an installation (or the one a query asks for) is kept. */
function placeOf(
  what: {
    isEnterpriseInstall?: boolean | undefined;
    enterpriseId?: string | undefined;
    teamId?: string | undefined;
  },
  action: string,
): { roomId: string; key: string; names: string } {
  if (what.isEnterpriseInstall === true) {
    const id = slackId.safeParse(what.enterpriseId);
    if (!id.success) throw new Error(`cannot ${action} an org installation without a valid enterprise id`);
    return { roomId: `slack:${id.data}`, key: ORG_KEY, names: `enterprise ${id.data}` };
  }
  const id = slackId.safeParse(what.teamId);
  if (!id.success) throw new Error(`cannot ${action} a workspace installation without a valid team id`);
  return { roomId: `slack:${id.data}`, key: TEAM_KEY, names: `team ${id.data}` };
}

export function createInstallationStore(store: InstallationAttachments): InstallationStore {
  return {
    async storeInstallation(installation) {
      const place = placeOf(
        {
          isEnterpriseInstall: installation.isEnterpriseInstall,
          enterpriseId: installation.enterprise?.id,
          teamId: installation.team?.id,
        },
        'store',
      );
      const checked = installationSchema.safeParse(installation);
      if (!checked.success) {
        throw new Error(
          `the installation of ${place.names} is not in the expected shape (${pathsOf(checked.error)})`,
        );
      }
      await store.writeAttachment(place.roomId, place.key, {
        v: VERSION,
        installation: withoutUndefined(checked.data),
      });
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const place = placeOf(query, 'fetch');
      const raw = await store.readAttachment(place.roomId, place.key);
      // The error Bolt expects for an app not installed there (as its FileInstallationStore words it).
      if (raw === undefined || raw === null) throw new Error(`No installation data found (${place.names})`);
      const stored = storedSchema.safeParse(raw);
      if (!stored.success) {
        // Only where the shape is wrong: the values may be tokens.
        throw new Error(
          `the stored installation of ${place.names} is not in the expected shape (${pathsOf(stored.error)})`,
        );
      }
      return stored.data.installation as Installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const place = placeOf(query, 'delete');
      await store.writeAttachment(place.roomId, place.key, null);
    },
  };
}

function pathsOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))].join(', ');
}

/** JSON drops undefined anyway; removing it here keeps every backend's stored value the same. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => [key, withoutUndefined(field)]),
  );
}
