// Rooms built straight from events, and LLM narrators pointed at the fake server, for the narrator tests.
import { type LlmConfig, llmConfigSchema } from '../../src/llm/llm-config.ts';
import { createOpenAiNarrator } from '../../src/llm/openai-narrator.ts';
import type { Logger } from '../../src/logger.ts';
import type { EventBody, StoryEvent } from '../../src/story/events.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import { applyEvent, emptyRoom } from '../../src/story/reduce.ts';
import { type Author, DEFAULT_SETTINGS, type RoomState } from '../../src/story/types.ts';

const alice: Author = { kind: 'user', id: 'u-alice', name: 'Alice' };

export interface RoomBuilder {
  room: RoomState;
  apply(body: EventBody, actor?: Author): RoomBuilder;
  beat(text: string, extra?: { kind?: 'action' | 'dialogue' | 'scene'; character?: string }): RoomBuilder;
}

export function roomBuilder(
  story: { language?: string | undefined; rating?: 'general' | 'teen' | 'mature' | undefined } = {},
): RoomBuilder {
  const room = emptyRoom('console:local:test', {
    platform: 'console',
    workspaceId: 'local',
    channelId: 'test',
  });
  const at = '2026-01-01T00:00:00.000Z';
  const builder: RoomBuilder = {
    room,
    apply(body, actor = alice) {
      applyEvent(room, { ...body, v: 2, seq: room.seq + 1, at, actor } as StoryEvent);
      return builder;
    },
    beat(text, extra = {}) {
      const kind = extra.kind ?? (extra.character ? 'dialogue' : 'action');
      const id = `b${room.seq + 1}`;
      const sceneId = kind === 'scene' ? `s${room.seq + 1}` : undefined;
      return builder.apply({
        type: 'beat.added',
        beat: {
          id,
          parentId: room.headId,
          kind,
          character: extra.character,
          text,
          sceneId,
          author: alice,
          at,
        },
        scene: sceneId ? { id: sceneId, heading: text, description: '' } : undefined,
      });
    },
  };
  builder.apply({
    type: 'story.started',
    story: {
      title: 'The Heist',
      premise: 'A crew plans one last job.',
      genre: 'noir',
      tone: 'tense',
      language: story.language ?? 'en',
      rating: story.rating ?? 'teen',
      startedBy: alice,
      startedAt: at,
    },
    settings: { ...DEFAULT_SETTINGS },
  });
  return builder;
}

export function addCharacter(
  builder: RoomBuilder,
  name: string,
  description: string,
  voice = '',
): RoomBuilder {
  return builder.apply({
    type: 'character.added',
    character: { name, description, voice, createdBy: alice, createdAt: '2026-01-01T00:00:00.000Z' },
  });
}

/** A story with a cast, an opening scene and `beats` action beats. */
export function sampleRoom(beats = 3): RoomState {
  const builder = roomBuilder();
  addCharacter(builder, 'Vera', 'A safecracker with a glass eye.', 'dry, clipped');
  addCharacter(builder, 'Sam', 'The getaway driver, owes everyone money.');
  builder.beat('INT. DINER - NIGHT', { kind: 'scene' });
  for (let i = 1; i <= beats; i++) builder.beat(`Beat number ${i} happens in the diner.`);
  return builder.room;
}

export interface LogEntry {
  level: string;
  obj: object;
  msg?: string | undefined;
}

export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log = (level: string) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return { entries, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export function llmConfig(baseURL: string, env: Record<string, string> = {}): LlmConfig {
  return llmConfigSchema.parse({
    LLM_BASE_URL: baseURL,
    LLM_MODEL: 'fake-model',
    LLM_SERVER: 'vllm',
    LLM_FIRST_TOKEN_TIMEOUT_MS: '3000',
    LLM_REPLY_TIMEOUT_MS: '5000',
    ...env,
  });
}

export interface TestNarrator {
  narrator: Narrator;
  /** Every wait between retries, in ms (the sleep returns at once). */
  delays: number[];
  logger: ReturnType<typeof recordingLogger>;
}

export function testNarrator(config: LlmConfig): TestNarrator {
  const delays: number[] = [];
  const logger = recordingLogger();
  const narrator = createOpenAiNarrator(config, {
    logger,
    random: () => 0.5,
    sleep: async (ms, signal) => {
      delays.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
  });
  return { narrator, delays, logger };
}
