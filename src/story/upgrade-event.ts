// Brings stored events written by older releases up to SCHEMA_VERSION, then validates them.
import { SCHEMA_VERSION, type StoryEvent, storedEventSchema } from './events.ts';
import { leaderOf } from './votes.ts';

type RawEvent = Record<string, unknown>;

/** upgrades[v] turns an event of version v into version v + 1. */
const upgrades: Record<number, (event: RawEvent) => RawEvent> = {
  // v1 (the first storage format) kept durations in whole seconds: voteSeconds and cooldownSeconds.
  1: (event) => {
    const convert = (settings: unknown) => {
      if (typeof settings !== 'object' || settings === null) return settings;
      const { voteSeconds, cooldownSeconds, ...rest } = settings as Record<string, unknown>;
      return {
        ...rest,
        ...(typeof voteSeconds === 'number' ? { voteDurationMs: voteSeconds * 1000 } : {}),
        ...(typeof cooldownSeconds === 'number' ? { cooldownMs: cooldownSeconds * 1000 } : {}),
      };
    };
    if (event.type === 'story.started') return { ...event, settings: convert(event.settings) };
    if (event.type === 'settings.changed') return { ...event, patch: convert(event.patch) };
    return event;
  },
  // v2 said "moderator" both when a moderator picked the winner and when one closed the vote early and the
  // ballots decided. v3 says "closed-early" for the second: kept as "moderator" only when the winner is not
  // the ballots' leader, i.e. when a moderator certainly picked it.
  2: (event) => {
    if (event.type !== 'vote.closed' || typeof event.result !== 'object' || event.result === null)
      return event;
    const result = event.result as Record<string, unknown>;
    if (result.reason !== 'moderator' || !Array.isArray(result.tally)) return event;
    const counts = result.tally.map((count) => (typeof count === 'number' ? count : 0));
    if (result.winner !== leaderOf(counts)) return event;
    return { ...event, result: { ...result, reason: 'closed-early' } };
  },
};

export class CorruptEventError extends Error {
  override readonly name = 'CorruptEventError';
}

export function upgradeEvent(raw: unknown): StoryEvent {
  if (typeof raw !== 'object' || raw === null) throw new CorruptEventError('stored event is not an object');
  let event = raw as RawEvent;
  let version = typeof event.v === 'number' ? event.v : 1;
  if (version > SCHEMA_VERSION) {
    throw new CorruptEventError(
      `stored event has schema version ${version}, newer than this release (${SCHEMA_VERSION}); upgrade storyroom`,
    );
  }
  while (version < SCHEMA_VERSION) {
    const upgrade = upgrades[version];
    if (!upgrade) throw new CorruptEventError(`no upgrade from schema version ${version}`);
    event = { ...upgrade(event), v: version + 1 };
    version += 1;
  }
  const parsed = storedEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new CorruptEventError(`stored event ${String(event.seq)} is malformed: ${parsed.error.message}`);
  }
  return parsed.data;
}
