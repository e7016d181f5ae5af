// Every change to a room is one of these events, appended to the room's log with a sequence number.
// State is derived from the log (see reduce.ts); exports, recaps and the audit trail read it too.
import { z } from 'zod';
import { pictureSchema } from './picture-record.ts';
import { sceneCardSchema } from './scene-card.ts';

/**
 * Version of the stored event format. Bump it when an event's shape changes and add an upgrade in
 * upgrade-event.ts, so a room saved by an older release still loads.
 */
export const SCHEMA_VERSION = 3;

const iso = z.string();

export const authorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: z.string(), name: z.string() }),
  z.object({ kind: z.literal('narrator'), model: z.string() }),
  z.object({ kind: z.literal('system') }),
]);

const usageSchema = z.object({ promptTokens: z.number(), completionTokens: z.number() });

export const settingsSchema = z.object({
  voteDurationMs: z.number().int().positive(),
  whoMayContinue: z.enum(['everyone', 'writers']),
  cooldownMs: z.number().int().nonnegative(),
  autoVote: z.boolean(),
  // Added after schema 2 was first written; rooms saved without it read as off.
  characterVoices: z.boolean().default(false),
  model: z.string().optional(),
});

export const storySchema = z.object({
  title: z.string(),
  premise: z.string(),
  genre: z.string(),
  tone: z.string(),
  language: z.string(),
  rating: z.enum(['general', 'teen', 'mature']),
  startedBy: authorSchema,
  startedAt: iso,
});

export const characterSchema = z.object({
  name: z.string(),
  description: z.string(),
  voice: z.string(),
  createdBy: authorSchema,
  createdAt: iso,
});

/** The room's style (/style set): a sample passage and short notes, each optional. */
export const roomStyleSchema = z.object({ sample: z.string().optional(), notes: z.string().optional() });

export const sceneSchema = z.object({
  id: z.string(),
  heading: z.string(),
  description: z.string(),
  // Added to schema 3 without a bump (optional; rooms saved without it read as before): a /scene build card.
  card: sceneCardSchema.optional(),
});

export const beatSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(['scene', 'action', 'dialogue', 'transition']),
  character: z.string().optional(),
  parenthetical: z.string().optional(),
  text: z.string(),
  sceneId: z.string().optional(),
  author: authorSchema,
  at: iso,
  direction: z.string().optional(),
  voteId: z.string().optional(),
  usage: usageSchema.optional(),
});

/** reason: what decided the vote; "moderator" only when a moderator picked the winner (see VoteResult). */
export const VOTE_CLOSE_REASONS = ['deadline', 'closed-early', 'moderator', 'quorum'] as const;

const voteResultSchema = z.object({
  winner: z.number().int().nullable(),
  tally: z.array(z.number().int()),
  reason: z.enum(VOTE_CLOSE_REASONS),
});

export const eventBodySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('story.started'), story: storySchema, settings: settingsSchema }),
  z.object({
    type: z.literal('settings.changed'),
    // model: null puts the room back on the operator's default model.
    patch: settingsSchema.partial().extend({ model: z.string().nullable().optional() }),
  }),
  z.object({ type: z.literal('room.locked') }),
  z.object({ type: z.literal('room.unlocked') }),
  z.object({ type: z.literal('character.added'), character: characterSchema }),
  z.object({
    type: z.literal('character.edited'),
    name: z.string(),
    patch: z.object({ name: z.string(), description: z.string(), voice: z.string() }).partial(),
  }),
  z.object({ type: z.literal('character.removed'), name: z.string() }),
  z.object({ type: z.literal('beat.added'), beat: beatSchema, scene: sceneSchema.optional() }),
  z.object({ type: z.literal('head.moved'), headId: z.string().nullable(), reason: z.enum(['undo']) }),
  z.object({
    type: z.literal('vote.opened'),
    voteId: z.string(),
    options: z.array(z.string()),
    deadline: iso,
    quorum: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('vote.cast'), voteId: z.string(), option: z.number().int() }),
  z.object({ type: z.literal('vote.extended'), voteId: z.string(), deadline: iso }),
  z.object({ type: z.literal('vote.closed'), voteId: z.string(), result: voteResultSchema }),
  z.object({ type: z.literal('vote.cancelled'), voteId: z.string() }),
  z.object({ type: z.literal('canon.added'), id: z.string(), text: z.string() }),
  z.object({ type: z.literal('canon.removed'), id: z.string() }),
  z.object({
    type: z.literal('summary.updated'),
    text: z.string(),
    throughBeatId: z.string(),
    beatCount: z.number().int(),
  }),
  z.object({ type: z.literal('usage.recorded'), purpose: z.string(), usage: usageSchema }),
  // Added to schema 2 without a bump (no stored shape changed); they are audit entries and change no state.
  // A moderator stopped a beat being written (the beat never entered the story).
  z.object({ type: z.literal('generation.cancelled'), requestedBy: authorSchema }),
  z.object({ type: z.literal('room.exported'), format: z.string(), scope: z.enum(['story', 'all']) }),
  z.object({
    type: z.literal('room.imported'),
    fromRoomId: z.string(),
    /** How many events the file brought; they precede this one in the log. */
    eventCount: z.number().int().nonnegative(),
  }),
  // Added to schema 3 without a bump (a new type; no stored shape changed): a storyboard frame (/scene
  // picture). The bytes are kept beside the log (scene-pictures.ts), the event says what and how it was made.
  z.object({ type: z.literal('scene.pictured'), picture: pictureSchema }),
  // Added to schema 3 without a bump (new event types; no stored shape changed, so every older room loads).
  // The room's style (/style set, /style clear): the whole style as it now stands.
  z.object({ type: z.literal('style.set'), style: roomStyleSchema }),
  z.object({ type: z.literal('style.cleared') }),
  // Added without a bump (no stored shape changed; an old room loads as it is): the audience (issue 13).
  // A person's reaction on a beat (an emoji, normalized: see reaction-emoji.ts), and its removal.
  z.object({ type: z.literal('reaction.added'), beatId: z.string(), emoji: z.string() }),
  z.object({ type: z.literal('reaction.removed'), beatId: z.string(), emoji: z.string() }),
  // A person read a /recap: the head of the story then, so the next recap starts after it.
  z.object({ type: z.literal('recap.given'), headId: z.string().nullable() }),
]);

export const storedEventSchema = z.intersection(
  z.object({ v: z.number().int(), seq: z.number().int().positive(), at: iso, actor: authorSchema }),
  eventBodySchema,
);

export type EventBody = z.infer<typeof eventBodySchema>;
export type EventType = EventBody['type'];
/** An event as stored: envelope (format version, sequence number, time, who) plus body. */
export type StoryEvent = z.infer<typeof storedEventSchema>;
