// The room's style with the LLM narrator against the fake OpenAI-compatible server: the sample and notes reach
// every story-writing request within the token budget, the model's usage is counted, and with LLM_MODERATION on
// a flagged sample is refused before anything is stored.
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { estimateMessagesTokens } from '../../src/llm/prompt/token-estimate.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { DEFAULT_BEAT, type FakeOpenAiServer, startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { llmConfig, testNarrator } from './fixtures.ts';

const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'style' };
const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };
const alice: Actor = { id: 'u-alice', name: 'Alice', role: 'writer' };
const SAMPLE = '雨停了。她没回头。“走吧，”他说。街上一个人也没有。'.repeat(40).slice(0, 2000);

let server: FakeOpenAiServer;
let engine: StoryEngine;

async function start(env: Record<string, string> = {}) {
  const { narrator } = testNarrator(
    llmConfig(server.baseURL, { LLM_CONTEXT_TOKENS: '4096', LLM_MAX_REPLY_TOKENS: '512', ...env }),
  );
  engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator,
    clock: createFakeClock(),
    logger: silentLogger,
  });
  await engine.startStory(room, mo, { title: '夜雨', language: 'zh-CN', heading: 'INT. DINER - NIGHT' });
  await engine.addCharacter(room, mo, { name: 'Vera', description: 'A safecracker' });
}

const promptOf = (body: Record<string, unknown>) =>
  (body.messages as { content: string }[]).map((message) => message.content).join('\n');

beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await engine?.stop();
  await server.close();
});

describe('the room style with the LLM narrator', () => {
  it('sends the sample and notes in each story-writing request, within the budget, and counts usage', async () => {
    await start();
    await engine.setStyle(room, mo, { sample: SAMPLE, notes: '短句，不用副词' });
    server.setDefault({
      kind: 'reply',
      content: { ...DEFAULT_BEAT, text: '雨停了。' },
      usage: { prompt_tokens: 1500, completion_tokens: 8 },
    });
    const first = await engine.continueStory(room, alice, {});
    await engine.continueStory(room, alice, { direction: 'Vera 打开保险箱' });
    const bodies = server.chatBodies();
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      const prompt = promptOf(body);
      expect(prompt).toContain('ROOM STYLE');
      expect(prompt).toContain('<material>短句，不用副词</material>');
      expect(prompt).toContain(SAMPLE.slice(0, 100));
      expect(prompt).toContain('sentences average');
      expect((body.response_format as { type: string }).type).toBe('json_schema');
    }
    // The stable part (system prompt, bible and style) is byte-identical between the two requests.
    const [a, b] = bodies.map(promptOf) as [string, string];
    const stable = a.slice(0, a.indexOf('RECENT BEATS'));
    expect(b.startsWith(stable)).toBe(true);
    expect(first.beat.usage).toEqual({ promptTokens: 1500, completionTokens: 8 });
    expect((await engine.room(room)).usage).toEqual({ promptTokens: 3000, completionTokens: 16 });
  });

  it('keeps each request inside the budget with a 2,000-character Chinese sample', async () => {
    await start({ LLM_CONTEXT_TOKENS: '2048', LLM_MAX_REPLY_TOKENS: '512' });
    await engine.setStyle(room, mo, { sample: SAMPLE });
    server.setDefault({ kind: 'reply', content: { ...DEFAULT_BEAT, text: '雨停了。' } });
    await engine.continueStory(room, alice, {});
    server.enqueue({ kind: 'reply', content: { parenthetical: null, text: '走吧。' } });
    await engine.writeLine(room, alice, { character: 'Vera' });
    expect(server.chatBodies()).toHaveLength(2);
    for (const body of server.chatBodies()) {
      const prompt = promptOf(body);
      expect(prompt).toContain(SAMPLE.slice(0, 50));
      expect(estimateMessagesTokens(body.messages as { content: string }[])).toBeLessThanOrEqual(2048 - 512);
    }
  });

  it('refuses a sample the content filter flags, with LLM_MODERATION on, and stores nothing', async () => {
    await start({ LLM_MODERATION: 'on', LLM_MODERATION_BASE_URL: server.baseURL });
    server.moderate((input) => (/blood/i.test(input) ? 'violence/graphic' : undefined));
    await expectUserError(
      engine.setStyle(room, mo, { sample: 'Blood on every wall.', notes: 'gory' }),
      /content filter flagged/,
    );
    expect(await engine.style(room)).toBeUndefined();
    await engine.setStyle(room, mo, { sample: 'Rain on every wall.' });
    expect((await engine.style(room))?.sample).toBe('Rain on every wall.');
  });
});
