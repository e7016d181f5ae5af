// A Chinese story night in the terminal with the offline narrator: everything the narrator writes (scenes,
// beats, vote options, the critique, a generated character) is Chinese, and lines up on screen.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { PAGE_WIDTH } from '../../../src/adapters/console/render-beats.ts';
import { displayWidth } from '../../../src/adapters/console/wrap.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import { canonicalPath } from '../../../src/story/tree.ts';
import { cjkShare } from '../../helpers/cjk-share.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

/** What the narrator wrote on each line of a reply: from its first Chinese character on. */
const narratorText = (reply: string) =>
  reply
    .split('\n')
    .map((line) => line.slice(Math.max(0, line.search(/\p{Script=Han}/u))))
    .filter((line) => /\p{Script=Han}/u.test(line));

async function chineseSession(seed: number) {
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const store = createKeyvEventStore(new Keyv());
  const engine = createStoryEngine({ store, narrator: createOfflineNarrator({ seed }), clock, logger });
  const room = { platform: 'console', workspaceId: 'local', channelId: 'zh' } as const;
  const user = { id: 'local:mo', name: 'mo', role: 'moderator' } as const;
  const session = createConsoleSession({ engine, commands, logger, room, user, now: clock.now });
  // Every line gets an answer here; `run` is undefined only for lines that end the session.
  const local = { run: async (line: string) => (await session.run(line)) ?? '' };
  return { local, engine, room };
}

describe('a zh-CN story in the terminal with the offline narrator', () => {
  it('narrates scenes, beats, vote options, the critique and a new character in Chinese', async () => {
    const { local, engine, room } = await chineseSession(7);
    await local.run('/scene start title:劫案 language:zh-CN');
    expect((await engine.room(room)).story?.language).toBe('zh-CN');
    await local.run('/character add 老周 退休的老刑警');
    await local.run('/character add 阿梅 餐馆老板娘');

    const scene = await local.run('/scene new');
    const heading = (await engine.room(room)).scenes;
    const [opened] = Object.values(heading);
    expect(opened?.heading).toMatch(/^(内景|外景) \p{Script=Han}+ - \p{Script=Han}+$/u);
    expect(scene).toContain(opened?.heading);

    const beats: string[] = [];
    for (const direction of ['', '警察到了', '', '灯灭了']) {
      const reply = await local.run(`/scene continue ${direction}`.trim());
      const state = await engine.room(room);
      const beat = canonicalPath(state).at(-1);
      expect(beat?.author.kind).toBe('narrator');
      expect(reply).toContain(beat?.text.slice(0, 5));
      beats.push(beat?.text ?? '');
      if (beat?.parenthetical) beats.push(beat.parenthetical);
      // The screenplay lines up: no line wider than the page, Chinese counted two columns a character.
      for (const line of reply.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(PAGE_WIDTH);
    }
    expect(beats.join('')).toMatch(/^.*警察到了。/su);
    expect(cjkShare(beats.join(''))).toBeGreaterThanOrEqual(0.95);

    const vote = await local.run('/vote open');
    const { options } = await engine.voteStatus(room);
    expect(options.length).toBeGreaterThanOrEqual(2);
    for (const option of options) {
      expect(cjkShare(option)).toBeGreaterThanOrEqual(0.95);
      expect(vote).toContain(option);
    }
    // The counts stand in one column however wide each option is on screen.
    const rows = vote.split('\n').filter((line) => /^ {2}[A-D]\. /.test(line));
    expect(rows).toHaveLength(options.length);
    expect(new Set(rows.map((row) => displayWidth(row.replace(/ {2}\d+ votes?$/, '')))).size).toBe(1);

    const critique = narratorText(await local.run('/critique'));
    expect(critique.length).toBeGreaterThanOrEqual(7); // four comments and three suggestions
    expect(cjkShare(critique.join(''))).toBeGreaterThanOrEqual(0.95);

    // The design's own lines, not the (now also Chinese) hint that names /character accept and discard.
    const design = narratorText(await local.run('/character generate 欠老周一笔钱')).filter(
      (line) => !line.includes('/character'),
    );
    expect(design.length).toBeGreaterThanOrEqual(5); // name, look, personality, backstory, sample line
    expect(design.join('')).toContain('欠老周一笔钱。');
    expect(cjkShare(design.join(''))).toBeGreaterThanOrEqual(0.95);
  });

  it('tells the same story for the same seed, and English stays English', async () => {
    const night = async (seed: number, language: string) => {
      const { local } = await chineseSession(seed);
      await local.run(`/scene start title:劫案 language:${language}`);
      await local.run('/character add 老周 退休的老刑警');
      const replies: string[] = [];
      for (const line of ['/scene new', '/scene continue', '/scene continue', '/vote open'])
        replies.push(await local.run(line));
      return replies;
    };
    const first = await night(3, 'zh');
    expect(await night(3, 'zh')).toEqual(first);
    // The scene and the beats (the vote's rows also hold the counts).
    expect(cjkShare(narratorText(first.slice(0, 3).join('\n')).join(''))).toBeGreaterThanOrEqual(0.95);
    const english = (await night(3, 'en')).join('\n');
    expect(english).toMatch(/^(INT\.|EXT\.) /m);
    expect(english.replace(/劫案|老周|退休的老刑警/g, '')).not.toMatch(/\p{Script=Han}/u);
  });
});
