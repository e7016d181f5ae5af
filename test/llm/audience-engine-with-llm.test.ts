// /react, /recap and /review through the engine and their commands, with the LLM narrator on the fake
// server: the reaction line reaches the prompt, the recap and review are recorded with their usage, and a
// failed recap records nothing (the next one still covers what was missed).
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import type { CommandContext } from '../../src/commands/command.ts';
import { commands } from '../../src/commands/index.ts';
import { findCommand, runCommand } from '../../src/commands/run-command.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { llmConfig, testNarrator } from './fixtures.ts';

const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'audience' };
const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };
const fan: Actor = { id: 'u-fan', name: 'Fan', role: 'audience' };

let server: FakeOpenAiServer;
let engine: StoryEngine;

beforeEach(async () => {
  server = await startFakeOpenAiServer();
  const { narrator } = testNarrator(llmConfig(server.baseURL, { LLM_MAX_RETRIES: '0' }));
  engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator,
    clock: createFakeClock(),
    logger: silentLogger,
  });
  await engine.startStory(room, mo, { title: 'The Heist', heading: 'INT. DINER - NIGHT' });
  await engine.action(room, mo, { text: 'Vera slides into the booth.' });
  await engine.action(room, mo, { text: 'The neon sign dies.' });
});
afterEach(async () => {
  engine.stop();
  await server.close();
});

const run = (name: string, actor: Actor, raw: Record<string, unknown>) => {
  const command = findCommand(commands, name);
  if (!command) throw new Error(name);
  const ctx: CommandContext = { engine, room, actor, commands };
  return runCommand(command, ctx, raw).then((reply) => localizeReply(reply, 'en'));
};

describe('the audience with the LLM narrator', () => {
  it('a reaction reaches the next beat’s prompt; /recap is written by the model, shown privately and remembered', async () => {
    await run('react', fan, { beat: 'last', emoji: '👎' });
    await engine.continueStory(room, mo, {});
    const beatPrompt = JSON.stringify(server.chatBodies().at(-1)?.messages);
    expect(beatPrompt).toContain(
      'AUDIENCE: 1 reaction on the last 3 beats (0 positive, 1 negative). Least liked: beat 3',
    );

    server.enqueue({
      kind: 'reply',
      content: { text: 'Vera sat down; the sign died; the rain stopped.' },
      usage: { prompt_tokens: 1200, completion_tokens: 20 },
    });
    const reply = await run('recap', fan, {});
    expect(reply.visibility).toBe('private');
    expect(reply.blocks).toEqual([
      { type: 'text', text: 'Previously on… (The latest 4 beats)' },
      { type: 'text', text: 'Vera sat down; the sign died; the rain stopped.' },
    ]);
    const { events } = await engine.history(room);
    expect(
      events
        .filter((e) => e.type === 'usage.recorded' && e.purpose === 'recap')
        .map((e) => 'usage' in e && e.usage),
    ).toEqual([{ promptTokens: 1200, completionTokens: 20 }]);
    expect(events.at(-1)?.type).toBe('recap.given');
  });

  it('records no recap when the model fails, so the next one covers the same beats', async () => {
    server.enqueue({ kind: 'status', status: 500 });
    await expect(run('recap', fan, {})).rejects.toThrow();
    expect((await engine.history(room)).events.some((e) => e.type === 'recap.given')).toBe(false);
    server.enqueue({ kind: 'reply', content: { text: 'All of it.' } });
    const reply = await run('recap', fan, {});
    expect(JSON.stringify(reply.blocks)).toContain('The latest 3 beats');
  });

  it('/review is public and in the review schema; personal is private with what the asker backed', async () => {
    const review = {
      logline: 'A heist in the rain.',
      synopsis: 'Vera waits; the lights die.',
      strengths: ['Mood'],
      weaknesses: ['Nothing happens yet'],
      stars: 3,
      pullQuote: 'Neon noir.',
    };
    server.enqueue({ kind: 'reply', content: { ...review, forYou: null } });
    const shown = await run('review', fan, {});
    expect(shown.visibility).toBe('public');
    expect(JSON.stringify(shown.blocks)).toContain('3 out of 5 stars');
    expect(JSON.stringify(shown.blocks)).toContain('★★★☆☆');
    server.enqueue({ kind: 'reply', content: { ...review, stars: 3.5, forYou: 'You have not voted yet.' } });
    const personal = await run('review', fan, { personal: 'personal' });
    expect(personal.visibility).toBe('private');
    expect(JSON.stringify(personal.blocks)).toContain('You have not voted yet.');
    expect(JSON.stringify(personal.blocks)).toContain('3.5 out of 5 stars');
    expect(JSON.stringify(personal.blocks)).toContain('★★★½☆');
    expect(JSON.stringify(server.chatBodies().at(-1)?.messages)).toContain(
      'This review is personal, for <material>Fan</material>',
    );
  });
});
