// /recap and /review on a model (the fake OpenAI-compatible server): schemas, prompts within the budget with
// the audience line, usage counted, repair of unusable output. And the offline narrator's recaps, reviews
// and audience-aware critique, in English and Chinese.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { estimateMessagesTokens } from '../../src/llm/prompt/token-estimate.ts';
import { RECAP_MAX_CHARS } from '../../src/story/recap-review.ts';
import { canonicalPath } from '../../src/story/tree.ts';
import type { Author, Beat } from '../../src/story/types.ts';
import { cjkShare } from '../helpers/cjk-share.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
import { addCharacter, llmConfig, roomBuilder, testNarrator } from './fixtures.ts';

const fan: Author = { kind: 'user', id: 'u-fan', name: 'Fan' };

function story(language = 'en') {
  const builder = roomBuilder({ language });
  addCharacter(builder, 'Vera', 'A safecracker.');
  addCharacter(builder, 'Sam', 'The driver.');
  builder.beat(language === 'en' ? 'INT. VAULT - NIGHT' : '内景 金库 - 夜', { kind: 'scene' });
  builder.beat(
    language === 'en' ? 'Vera cracks the safe. Gold spills out.' : '薇拉撬开了保险柜。金条滚了出来。',
  );
  builder.beat(language === 'en' ? 'Nobody move.' : '谁都别动。', { character: 'Sam' });
  builder.beat(language === 'en' ? 'Sirens wail outside. The crew freezes.' : '外面警笛大作。众人僵在原地。');
  builder.apply({ type: 'reaction.added', beatId: 'b5', emoji: '🔥' }, fan);
  return builder;
}

const path = (b: ReturnType<typeof story>): Beat[] => canonicalPath(b.room);

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

describe('recap and review on a model', () => {
  it('writes a recap in the recap schema, from a prompt within budget that carries the audience line', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const builder = story();
    server.enqueue({
      kind: 'reply',
      content: { text: 'Vera cracked the safe; then the sirens came.' },
      usage: { prompt_tokens: 900, completion_tokens: 14 },
    });
    const result = await narrator.recap?.({
      room: builder.room,
      reader: 'Fan',
      beats: path(builder).slice(1),
      missed: 3,
    });
    expect(result).toEqual({
      output: { text: 'Vera cracked the safe; then the sirens came.' },
      usage: { promptTokens: 900, completionTokens: 14 },
      model: 'fake-model',
    });
    const [body] = server.chatBodies();
    expect(body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'recap', strict: true } },
    });
    const messages = body?.messages as { content: string }[];
    const user = messages[1]?.content ?? '';
    expect(user).toContain('AUDIENCE: 1 reaction');
    expect(user).toContain(
      '"previously on…" recap for <material>Fan</material>, who has missed the last 3 beats',
    );
    expect(user.indexOf('AUDIENCE')).toBeGreaterThan(user.indexOf('RECENT BEATS'));
    expect(estimateMessagesTokens(messages)).toBeLessThanOrEqual(8192 - 1024);
    // Every missed beat is quoted in order, not only the first: none is lost between summary and window.
    const list = user.slice(user.indexOf('The beats they missed, oldest first:'));
    const missed = path(builder).slice(1);
    expect(list.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(missed.length);
    for (const beat of missed) expect(list).toContain(beat.text.slice(0, 40));
  });

  it('cuts a recap that runs long to its bound', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const builder = story();
    server.enqueue({ kind: 'reply', content: { text: 'And then. '.repeat(400) } });
    const result = await narrator.recap?.({
      room: builder.room,
      reader: 'Fan',
      beats: path(builder),
      missed: 4,
    });
    expect(result?.output.text.length).toBeLessThanOrEqual(RECAP_MAX_CHARS);
  });

  it('writes a personal review naming what the asker backed, and asks again when "forYou" is missing', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const builder = story();
    const beats = path(builder);
    const review = {
      logline: 'A heist goes loud.',
      synopsis: 'A crew cracks a vault; the law arrives.',
      strengths: ['Tension', 'Economy'],
      weaknesses: ['Thin villain'],
      stars: 4,
      pullQuote: '"A safe bet."',
    };
    server.enqueue(
      {
        kind: 'reply',
        content: { ...review, forYou: null },
        usage: { prompt_tokens: 1000, completion_tokens: 50 },
      },
      {
        kind: 'reply',
        content: { ...review, forYou: 'You backed the safe; it paid off in gold.' },
        usage: { prompt_tokens: 1100, completion_tokens: 60 },
      },
    );
    const result = await narrator.review?.({
      room: builder.room,
      personal: {
        name: 'Fan',
        backed: [{ option: 'Crack the safe', won: true, steered: beats[1] }],
        reacted: [{ beat: beats[1] as Beat, emoji: ['🔥'], sentiment: 'positive' }],
      },
    });
    expect(result?.output).toEqual({
      ...review,
      pullQuote: 'A safe bet.',
      forYou: 'You backed the safe; it paid off in gold.',
    });
    // Both requests are counted.
    expect(result?.usage).toEqual({ promptTokens: 2100, completionTokens: 110 });
    const [first, repair] = server.chatBodies();
    expect(first).toMatchObject({ response_format: { json_schema: { name: 'review' } } });
    const task = ((first?.messages ?? []) as { content: string }[])[1]?.content ?? '';
    expect(task).toContain(
      'They voted for <material>Crack the safe</material> (it won); it led to <material>Vera cracks the safe.',
    );
    expect(task).toContain('They reacted 🔥 (positive)');
    expect(task).toContain('AUDIENCE: 1 reaction');
    expect(JSON.stringify(repair?.messages)).toContain('\\"forYou\\" is empty');
  });

  it('gives /critique the audience line and asks it to weigh it; usage counted', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const score = { score: 7, comment: 'Solid.' };
    server.enqueue({
      kind: 'reply',
      content: {
        structure: score,
        pacing: score,
        characterConsistency: score,
        dialogue: score,
        suggestions: ['a', 'b', 'c'],
      },
      usage: { prompt_tokens: 700, completion_tokens: 40 },
    });
    const result = await narrator.critique?.({ room: story().room });
    expect(result?.usage).toEqual({ promptTokens: 700, completionTokens: 40 });
    const user = ((server.chatBodies()[0]?.messages ?? []) as { content: string }[])[1]?.content ?? '';
    expect(user).toContain(
      'AUDIENCE: 1 reaction on the last 4 beats (1 positive, 0 negative). Most liked: beat 2',
    );
    expect(user).toContain('The AUDIENCE line above says how the group received the recent beats');
  });

  it('refuses stars outside 1 to 5 in the repair', async () => {
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const bad = {
      logline: 'x',
      synopsis: 'y',
      strengths: ['a'],
      weaknesses: ['b'],
      stars: 9,
      pullQuote: 'q',
      forYou: null,
    };
    server.enqueue({ kind: 'reply', content: bad }, { kind: 'reply', content: { ...bad, stars: 3.5 } });
    const result = await narrator.review?.({ room: story().room });
    expect(result?.output.stars).toBe(3.5);
    expect(result?.output.forYou).toBeUndefined();
    expect(JSON.stringify(server.chatBodies()[1]?.messages)).toContain('from 1 to 5');
  });
});

describe('recap and review offline', () => {
  it('recaps extractively: the opening, then a sentence from each missed beat, lines as quotes', async () => {
    const builder = story();
    const result = await createOfflineNarrator().recap?.({
      room: builder.room,
      reader: 'Fan',
      beats: path(builder),
      missed: 4,
    });
    expect(result?.output.text).toBe(
      [
        'Previously on "The Heist"…',
        'Then: INT. VAULT - NIGHT.',
        'Vera cracks the safe.',
        'Sam: "Nobody move."',
        'Sirens wail outside.',
      ].join('\n'),
    );
    expect(result?.model).toBe('offline narrator');
  });

  it('keeps the newest beats and its bound when much was missed, opening with the summary', async () => {
    const builder = story();
    for (let i = 0; i < 300; i++)
      builder.beat(`Long stretch number ${i} of the night keeps going and going.`);
    const beats = path(builder).slice(-40);
    const result = await createOfflineNarrator().recap?.({
      room: builder.room,
      reader: 'Fan',
      beats,
      missed: 300,
      summary: 'The crew met at the diner and planned the job.',
    });
    const text = result?.output.text ?? '';
    expect(text.length).toBeLessThanOrEqual(RECAP_MAX_CHARS);
    expect(text.startsWith('Previously on "The Heist"…')).toBe(true);
    expect(text).toContain('Long stretch number 299');
  });

  it('recaps and reviews a Chinese room in Chinese', async () => {
    const builder = story('zh-CN');
    const narrator = createOfflineNarrator();
    const recap = await narrator.recap?.({
      room: builder.room,
      reader: 'Fan',
      beats: path(builder),
      missed: 4,
    });
    expect(recap?.output.text).toBe(
      '《The Heist》前情提要……接着：内景 金库 - 夜。薇拉撬开了保险柜。Sam：“谁都别动。”外面警笛大作。',
    );
    const review = (
      await narrator.review?.({ room: builder.room, personal: { name: 'Fan', backed: [], reacted: [] } })
    )?.output;
    for (const text of [...(review?.strengths ?? []), ...(review?.weaknesses ?? []), review?.forYou ?? ''])
      expect(cjkShare(text.replace(/“.*”|\/react/g, ''))).toBeGreaterThan(0.8);
    expect(review?.strengths[0]).toBe('观众最爱“薇拉撬开了保险柜。”');
    expect(review?.pullQuote).toBe('薇拉撬开了保险柜。');
  });

  it('reviews with stars, a pull quote from the best-received beat, and a personal note on what paid off', async () => {
    const builder = story();
    const beats = path(builder);
    const review = (
      await createOfflineNarrator().review?.({
        room: builder.room,
        personal: {
          name: 'Fan',
          backed: [
            { option: 'Crack the safe', won: true, steered: beats[1] },
            { option: 'Run', won: false },
          ],
          reacted: [{ beat: beats[1] as Beat, emoji: ['🔥'], sentiment: 'positive' }],
        },
      })
    )?.output;
    expect(review?.stars).toBeGreaterThanOrEqual(1);
    expect(review?.stars).toBeLessThanOrEqual(5);
    expect(review?.pullQuote).toBe('Vera cracks the safe.');
    expect(review?.logline).toBe('"The Heist", a noir story: A crew plans one last job.');
    expect(review?.strengths[0]).toBe('The audience loved "Vera cracks the safe."');
    expect(review?.forYou).toBe(
      'You backed "Crack the safe" and it won; the story followed: "Vera cracks the safe." You backed "Run"; the room chose another way. You cheered 🔥 at "Vera cracks the safe."',
    );
  });

  it("lets the critique's last suggestion follow the audience", async () => {
    const builder = story();
    builder.apply({ type: 'reaction.added', beatId: 'b6', emoji: '❤' }, fan);
    const critique = (await createOfflineNarrator().critique?.({ room: builder.room }))?.output;
    expect(critique?.suggestions[2]).toBe('The audience warms to Sam: give them more to do.');
    const quiet = roomBuilder();
    quiet.beat('Nothing yet.');
    const plain = (await createOfflineNarrator().critique?.({ room: quiet.room }))?.output;
    expect(plain?.suggestions[2]).not.toContain('audience');
  });
});

describe('the offline review reads as written', () => {
  it('says "one scene" for a story in its first scene, and never quotes a scene heading as its pull quote', async () => {
    const builder = roomBuilder({ language: 'en' });
    builder.beat('INT. VAULT - NIGHT', { kind: 'scene' });
    builder.beat('The vault door swings open.');
    builder.beat('Dust settles on the gold.');
    const review = (await createOfflineNarrator().review?.({ room: builder.room }))?.output;
    expect(review?.synopsis).toMatch(/^In one scene and 2 beats/);
    expect(review?.synopsis).not.toContain('1 scenes');
    expect(review?.pullQuote).not.toContain('INT.');
  });
});
