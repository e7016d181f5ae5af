// In a Chinese room every request the narrator sends asks for Chinese: the system prompt for all story text,
// and each task for the text fields of its own answer (vote options, character designs, critique, summary…).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeOpenAiServer,
  type FakeStep,
  startFakeOpenAiServer,
} from '../helpers/fake-openai-server.ts';
import { addCharacter, llmConfig, roomBuilder, testNarrator } from './fixtures.ts';

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});

const score = { score: 7, comment: '节奏不错。' };
const answers: Record<string, object> = {
  beat: { kind: 'action', character: null, parenthetical: null, text: '雨停了。' },
  line: { parenthetical: null, text: '走吧。' },
  branch_options: { options: ['有人说出了真相', '灯灭了'] },
  scene: { heading: '内景 餐馆 - 夜', description: '空荡荡的餐馆。' },
  character_design: {
    name: '林晚',
    look: '高个子。',
    personality: '话少。',
    backstory: '刚回城。',
    sampleLine: '我记得你。',
  },
  critique: {
    structure: score,
    pacing: score,
    characterConsistency: score,
    dialogue: score,
    suggestions: ['一', '二', '三'],
  },
  summary: { text: '老周来到餐馆。' },
};

/** Answers each request in the shape its schema names. */
const answerBySchema = (body: Record<string, unknown>): FakeStep => {
  const format = body.response_format as { json_schema?: { name?: string } } | undefined;
  return { kind: 'reply', content: answers[format?.json_schema?.name ?? 'beat'] ?? {} };
};

const userMessage = (body: Record<string, unknown> | undefined) =>
  (body?.messages as { content: string }[] | undefined)?.[1]?.content ?? '';

function chineseRoom(language: string) {
  const builder = roomBuilder({ language });
  addCharacter(builder, '老周', '退休的老刑警。');
  builder.beat('内景 餐馆 - 夜', { kind: 'scene' });
  builder.beat('老周推门进来。');
  return builder.room;
}

describe('the model is asked for the room’s language', () => {
  it('in every request of a zh-CN room: story text, vote options, scene, character, critique, summary', async () => {
    server.setDefault(answerBySchema);
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    const room = chineseRoom('zh-CN');
    const beats = Object.values(room.beats);

    expect((await narrator.writeBeat({ room })).output.text).toBe('雨停了。');
    await narrator.writeLine({ room, character: '老周' });
    expect((await narrator.proposeOptions({ room, count: 2 })).output).toEqual(['有人说出了真相', '灯灭了']);
    // A Chinese heading is what the task asks for, and the engine takes it.
    expect((await narrator.proposeScene({ room })).output.heading).toBe('内景 餐馆 - 夜');
    await narrator.designCharacter?.({ room, hint: '欠老周钱' });
    await narrator.critique?.({ room });
    await narrator.summarize?.({ room, beats });

    const bodies = server.chatBodies();
    const tasks = bodies.map(
      (body) => (body.response_format as { json_schema: { name: string } }).json_schema.name,
    );
    expect(tasks).toEqual([
      'beat',
      'line',
      'branch_options',
      'scene',
      'character_design',
      'critique',
      'summary',
    ]);
    const asked: Record<string, string> = {
      beat: 'the text and the parenthetical',
      line: 'the line and the parenthetical',
      branch_options: 'every option',
      scene: 'the description, and the place and time of the heading',
      character_design:
        'the look, personality, backstory and sample line, and give a name that fits the language',
      critique: 'every comment and suggestion',
      summary: 'the summary',
    };
    for (const [i, body] of bodies.entries()) {
      const [system, user] = body.messages as { role: string; content: string }[];
      expect(system?.content).toContain(
        'Write all story text in Chinese (China) (zh-CN): beats, lines, scene descriptions, vote options, character designs, critiques and summaries.',
      );
      const task = user?.content.slice(user.content.lastIndexOf('TASK\n')) ?? '';
      const name = tasks[i] ?? '';
      expect(task, name).toContain(
        `Write ${asked[name]} in Chinese (China) (zh-CN); the JSON keys stay in English.`,
      );
    }
    const sceneTask = userMessage(bodies[3]);
    expect(sceneTask).toContain(
      'The heading starts with 内景, 外景 or 内外景, then the place, " - ", and the time, e.g. "内景 餐馆 - 夜".',
    );
    expect(sceneTask).not.toContain('INT.');
  });

  it('keeps English headings, named as such, for a language without templates of its own', async () => {
    server.setDefault(answerBySchema);
    server.enqueue({ kind: 'reply', content: { heading: 'INT. CAFÉ - NUIT', description: 'Un café vide.' } });
    const { narrator } = testNarrator(llmConfig(server.baseURL));
    await narrator.proposeScene({ room: chineseRoom('fr') });
    const user = userMessage(server.chatBodies()[0]);
    expect(user).toContain(
      'e.g. "INT. DINER - NIGHT". Keep the heading in that form even when the story is in another language.',
    );
    expect(user).toContain('Write the description, and the place and time of the heading in French (fr)');
  });
});
