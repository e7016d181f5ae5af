import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BEAT, type FakeOpenAiServer, startFakeOpenAiServer } from '../helpers/fake-openai-server.ts';
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
      narrator.writeBeat({ room: sampleRoom(), direction: 'blood everywhere' }),
    ).rejects.toMatchObject({
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
      narrator.writeBeat(
        { room: sampleRoom(), direction: 'a quiet scene' },
        { onText: (d) => shown.push(d) },
      ),
    ).rejects.toMatchObject({
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
