import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import {
  DEFAULT_BEAT,
  type FakeOpenAiServer,
  type ModerationStep,
  startFakeOpenAiServer,
} from '../helpers/fake-openai-server.ts';
import { refusalOf } from '../helpers/user-error.ts';
import { llmConfig, sampleRoom, testNarrator } from './fixtures.ts';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
  server.moderate((input) => (/blood/i.test(input) ? 'violence/graphic' : undefined));
});
afterEach(async () => {
  await server.close();
});

// The fake serves /v1/moderations too; as a separate moderation endpoint, as for a vLLM primary.
const moderated = () => ({ LLM_MODERATION: 'on', LLM_MODERATION_BASE_URL: server.baseURL });

describe('moderation (LLM_MODERATION=on)', () => {
  it('refuses a flagged direction before the model sees it', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, moderated()));
    await expect(
      refusalOf(narrator.writeBeat({ room: sampleRoom(), direction: 'blood everywhere' })),
    ).resolves.toMatchObject({
      code: 'narrator.moderation',
      message: expect.stringMatching(
        /content filter flagged that request \(violence graphic\)\. Nothing was added/,
      ),
    });
    expect(server.chatBodies()).toHaveLength(0);
  });

  it('refuses flagged model output, and shows none of it while it was being checked', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, moderated()));
    server.enqueue({ kind: 'reply', content: { ...DEFAULT_BEAT, text: 'Blood on the floor.' } });
    const shown: string[] = [];
    await expect(
      refusalOf(
        narrator.writeBeat(
          { room: sampleRoom(), direction: 'a quiet scene' },
          { onText: (d) => shown.push(d) },
        ),
      ),
    ).resolves.toMatchObject({
      code: 'narrator.moderation',
      message: expect.stringMatching(/what the narrator wrote/),
    });
    expect(shown).toEqual([]);
  });

  it('shows clean output in one piece once it has passed', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, moderated()));
    const shown: string[] = [];
    const result = await narrator.writeBeat({ room: sampleRoom() }, { onText: (d) => shown.push(d) });
    expect(shown).toEqual([result.output.text]);
    expect(server.requests.filter((r) => r.path.endsWith('/moderations'))).toHaveLength(1);
  });

  it('fails closed, with a clear message, when the moderation endpoint is missing', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, moderated()));
    server.moderate(() => {
      throw new Error('down');
    });
    await expect(narrator.writeBeat({ room: sampleRoom(), direction: 'hello' })).rejects.toMatchObject({
      code: 'narrator.moderation-unavailable',
    });
  });
});

describe('a moderation answer that cannot be used', () => {
  const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'broken-check' };
  const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };
  const unusable: [string, ModerationStep][] = [
    ['a 200 answer without results', { kind: 'body', body: { id: 'modr-1', model: 'm' } }],
    ['results that are not a list', { kind: 'body', body: { results: 'none' } }],
    ['a result without flagged', { kind: 'body', body: { results: [{ categories: {} }] } }],
    ['flagged as a string', { kind: 'body', body: { results: [{ flagged: 'no', categories: {} }] } }],
    ['categories as a list', { kind: 'body', body: { results: [{ flagged: true, categories: ['x'] }] } }],
    ['fewer results than texts', { kind: 'body', body: { results: [] } }],
    ['a body that is not an object', { kind: 'body', body: null }],
    ['a 500', { kind: 'status', status: 500 }],
    ['no answer (timeout)', { kind: 'hang' }],
    ['a reset connection', { kind: 'reset' }],
  ];

  it.each(unusable)('refuses /scene start with a clear message after %s', async (_, step) => {
    server.moderateWith(step);
    // A short first-token timeout bounds each moderation request (two attempts).
    const { narrator, logger } = testNarrator(
      llmConfig(server.baseURL, { ...moderated(), LLM_FIRST_TOKEN_TIMEOUT_MS: '300' }),
    );
    const engine = createStoryEngine({
      store: createKeyvEventStore(new Keyv()),
      narrator,
      clock: createFakeClock(),
      logger: silentLogger,
    });
    const started = Date.now();
    const error = await refusalOf(engine.startStory(room, mo, { title: 'Night shift' }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toMatchObject({
      name: 'UserError',
      code: 'narrator.moderation-unavailable',
      message:
        'The content check could not run right now, so nothing was added to the story. Try again in a moment.',
    });
    expect((await engine.room(room)).story).toBeUndefined();
    expect((await engine.room(room)).seq).toBe(0);
    expect(
      logger.entries.some((entry) => entry.level === 'error' && /moderation/.test(entry.msg ?? '')),
    ).toBe(true);
  });

  it("refuses the narrator's beat, and shows none of it, when the output check answers without results", async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL, moderated()));
    const shown: string[] = [];
    // The direction passes; the check of the narrator's text gets an answer without results.
    server.moderateWith((inputs) =>
      inputs.includes(DEFAULT_BEAT.text) ? { kind: 'body', body: { id: 'modr-2' } } : undefined,
    );
    const pending = narrator.writeBeat(
      { room: sampleRoom(), direction: 'a quiet scene' },
      { onText: (d) => shown.push(d) },
    );
    await expect(pending).rejects.toMatchObject({ code: 'narrator.moderation-unavailable' });
    expect(shown).toEqual([]);
  });
});

describe("people's own words under moderation", () => {
  const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'mod' };
  const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };

  async function engineWith(env: Record<string, string>) {
    const { narrator } = testNarrator(llmConfig(server.baseURL, env));
    const engine = createStoryEngine({
      store: createKeyvEventStore(new Keyv()),
      narrator,
      clock: createFakeClock(),
      logger: silentLogger,
    });
    await engine.startStory(room, mo, { title: 'Night shift' });
    await engine.addCharacter(room, mo, { name: 'Vera' });
    return engine;
  }

  it('checks lines, actions, characters, canon, headings and vote options before they enter the story', async () => {
    const engine = await engineWith(moderated());
    const seq = (await engine.room(room)).seq;
    const flagged = { code: 'narrator.moderation', message: expect.stringMatching(/Nothing was added/) };
    await expect(
      refusalOf(engine.say(room, mo, { character: 'Vera', text: 'Blood, everywhere.' })),
    ).resolves.toMatchObject(flagged);
    await expect(
      refusalOf(engine.action(room, mo, { text: 'She wipes the blood away.' })),
    ).resolves.toMatchObject(flagged);
    await expect(
      refusalOf(engine.addCharacter(room, mo, { name: 'Red', description: 'Covered in blood' })),
    ).resolves.toMatchObject(flagged);
    await expect(
      refusalOf(engine.editCharacter(room, mo, { name: 'Vera', voice: 'bloody' })),
    ).resolves.toMatchObject(flagged);
    await expect(refusalOf(engine.addCanon(room, mo, { text: 'The blood is fake.' }))).resolves.toMatchObject(
      flagged,
    );
    await expect(
      refusalOf(engine.newScene(room, mo, { heading: 'INT. BLOOD BANK - NIGHT' })),
    ).resolves.toMatchObject(flagged);
    await expect(refusalOf(engine.openVote(room, mo, { options: ['Run', 'Blood'] }))).resolves.toMatchObject(
      flagged,
    );
    expect((await engine.room(room)).seq).toBe(seq);

    await engine.say(room, mo, { character: 'Vera', text: 'Quiet night.' });
    expect((await engine.room(room)).seq).toBe(seq + 1);
    expect(server.chatBodies()).toHaveLength(0);
  });

  it('sends nothing to a content filter when none is configured', async () => {
    const engine = await engineWith({});
    await engine.say(room, mo, { character: 'Vera', text: 'Blood, everywhere.' });
    expect(server.requests.filter((r) => r.path.endsWith('/moderations'))).toHaveLength(0);
  });
});
