// Validates a snapshot's state on load. A snapshot that fails is ignored and the room is rebuilt from its log.
import { z } from 'zod';
import {
  authorSchema,
  beatSchema,
  characterSchema,
  sceneSchema,
  settingsSchema,
  storySchema,
  VOTE_CLOSE_REASONS,
} from './events.ts';
import { pictureSchema } from './picture-record.ts';
import type { RoomState } from './types.ts';

const usage = z.object({ promptTokens: z.number(), completionTokens: z.number() });

const voteSchema = z.object({
  id: z.string(),
  options: z.array(z.string()),
  openedBy: authorSchema,
  openedAt: z.string(),
  deadline: z.string(),
  quorum: z.number().optional(),
  ballots: z.record(z.string(), z.number()),
  status: z.enum(['open', 'closed', 'cancelled']),
  result: z
    .object({
      winner: z.number().nullable(),
      tally: z.array(z.number()),
      reason: z.enum(VOTE_CLOSE_REASONS),
    })
    .optional(),
  closedAt: z.string().optional(),
});

export const roomStateSchema = z.object({
  id: z.string(),
  ref: z.object({
    platform: z.enum(['discord', 'slack', 'console']),
    workspaceId: z.string(),
    channelId: z.string(),
  }),
  seq: z.number().int().nonnegative(),
  story: storySchema.optional(),
  settings: settingsSchema,
  locked: z.object({ by: authorSchema, at: z.string() }).optional(),
  characters: z.array(characterSchema),
  scenes: z.record(z.string(), sceneSchema),
  beats: z.record(z.string(), beatSchema),
  headId: z.string().nullable(),
  votes: z.record(z.string(), voteSchema),
  openVoteId: z.string().optional(),
  pendingDirection: z.object({ text: z.string(), voteId: z.string() }).optional(),
  contributors: z.record(
    z.string(),
    z.object({
      id: z.string(),
      name: z.string(),
      beats: z.number(),
      ballots: z.number(),
      firstAt: z.string(),
      lastAt: z.string(),
    }),
  ),
  lastBeatAt: z.record(z.string(), z.string()),
  canon: z.array(z.object({ id: z.string(), text: z.string(), addedBy: authorSchema, at: z.string() })),
  summary: z.object({ text: z.string(), throughBeatId: z.string(), beatCount: z.number() }).optional(),
  usage,
  pictures: z.array(pictureSchema).optional(),
  style: z
    .object({
      sample: z.string().optional(),
      notes: z.string().optional(),
      setBy: authorSchema,
      at: z.string(),
    })
    .optional(),
  reactions: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
  reactionChanges: z.record(z.string(), z.record(z.string(), z.number().int().min(0))).optional(),
  recaps: z.record(z.string(), z.string().nullable()).optional(),
}) satisfies z.ZodType<RoomState>;
