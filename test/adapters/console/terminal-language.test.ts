// The terminal's own language (LANG or --lang) for the person's private replies; the room's language for
// what everyone sees.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createConsoleSession } from '../../../src/adapters/console/console-session.ts';
import { terminalLocale } from '../../../src/adapters/console/terminal-locale.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { runMain } from '../../helpers/run-main.ts';

function terminalRoom(env: Record<string, string>, argv: string[] = []) {
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator: createOfflineNarrator({ seed: 3 }),
    clock,
    logger,
  });
  const room = { platform: 'console', workspaceId: 'local', channelId: 'zh' } as const;
  const user = { id: 'local:mo', name: 'mo', role: 'moderator' } as const;
  const locale = terminalLocale(argv, env);
  const session = createConsoleSession({ engine, commands, logger, room, user, now: clock.now, locale });
  return { run: async (line: string) => (await session.run(line)) ?? '', clock };
}

describe('terminalLocale', () => {
  it('takes --lang first, then LC_ALL, LC_MESSAGES and LANG, the first one set', () => {
    expect(terminalLocale(['--lang', 'zh-CN'], { LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(terminalLocale(['--lang=en'], { LC_ALL: 'zh_CN.UTF-8' })).toBe('en');
    expect(terminalLocale([], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe('zh_CN.UTF-8');
    expect(terminalLocale([], { LC_ALL: 'zh_TW', LC_MESSAGES: 'en_US', LANG: 'en_US' })).toBe('zh_TW');
    expect(terminalLocale([], { LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh_CN.UTF-8');
    expect(terminalLocale([], {})).toBeUndefined();
  });
});

/** The lines of a reply, without the vote's deadline clock (local time). */
const shown = (reply: string) => reply.replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS');

describe('a zh-CN story night in a terminal with LANG=zh_CN.UTF-8', () => {
  it('speaks Chinese from the start to the vote to the critique', async () => {
    const local = terminalRoom({ LANG: 'zh_CN.UTF-8' });
    expect(await local.run('/scene start title:劫案 language:zh-CN')).toMatch(/^mo 开始了故事《劫案》/);
    expect(await local.run('/character add 老周 退休的老刑警')).toBe('mo 添加了角色 老周：退休的老刑警');
    await local.run('/scene new');
    await local.run('/scene continue');

    const steered = await local.run('/scene continue 警察到了');
    expect(steered).toContain('— offline narrator，朝着“警察到了”写');

    const opened = shown(await local.run('/vote open'));
    expect(opened).toContain('mo 发起了投票：接下来会发生什么？');
    expect(opened).toContain('投票 · 进行中 · 1分钟后结束（HH:MM:SS 截止）');
    expect(opened).toContain('  目前共 0 票。用 /vote cast A … C 投票。');

    const cast = await local.run('/vote cast A');
    expect(cast).toMatch(/^（仅你可见）\n你投给了 A（/);
    expect(await local.run('/as alice /vote cast B')).toMatch(/^（仅 alice 可见）\n你投给了 B（/);
    const status = shown(await local.run('/vote status'));
    expect(status.split('\n').slice(0, 2)).toEqual([
      '（仅你可见）',
      '投票 · 进行中 · 1分钟后结束（HH:MM:SS 截止）',
    ]);
    expect(status).toContain('  目前共 2 票。');

    const closed = await local.run('/vote close');
    expect(closed).toContain('投票 · 版主提前结束了投票，按已投的票决定结果');
    expect(closed).toMatch(/ {2}A\. .+ {2}1 票 {2}← 胜出/);

    const critique = await local.run('/critique');
    expect(critique.split('\n').slice(0, 2)).toEqual(['（仅你可见）', '剧本点评']);
    expect(critique).toContain('建议 1: ');

    expect(await local.run('/quit now')).toBe(
      '（仅你可见）\n要离开房间，请单独输入 /quit（或 /exit），后面不要跟其他内容。',
    );
    expect(await local.run('/as')).toBe(
      '（仅你可见）\n请说明要以谁的身份操作。用法示例：/as alice /vote cast 2，或 /as bob:audience /vote cast B。',
    );
    expect(await local.run('/help')).toContain('在终端里：\n  选项可以按上面列出的顺序依次填写');
  });

  it('gives a person whose terminal is English English private replies, and the story in Chinese', async () => {
    const local = terminalRoom({ LANG: 'zh_CN.UTF-8' }, ['--lang', 'en']);
    await local.run('/scene start title:劫案 language:zh-CN');
    await local.run('/character add 老周 退休的老刑警');
    await local.run('/scene new');
    const beat = await local.run('/scene continue');
    expect(beat).toMatch(/\p{Script=Han}{4}/u);

    // The vote's message is public: the room's language.
    expect(shown(await local.run('/vote open'))).toContain('投票 · 进行中 · 1分钟后结束（HH:MM:SS 截止）');
    // What only they see is in their own language; the options people and the narrator wrote stay as written.
    expect(await local.run('/vote cast A')).toMatch(
      /^\(only you see this\)\nYou voted for A \(\p{Script=Han}/u,
    );
    const status = shown(await local.run('/vote status'));
    expect(status.split('\n').slice(0, 2)).toEqual([
      '(only you see this)',
      'VOTE · open · closes in 1m (at HH:MM:SS)',
    ]);
    expect(status).toMatch(/ {2}A\. \p{Script=Han}+ +1 vote\n/u);
    expect(await local.run('/quit now')).toBe(
      '(only you see this)\nTo leave the room, type /quit (or /exit) on its own, with nothing after it.',
    );
    // The room's public messages stay Chinese.
    expect(await local.run('/vote close')).toContain('投票 · 版主提前结束了投票，按已投的票决定结果');
  });
});

describe('the real program in a terminal', () => {
  it('answers the person in the language of LANG, and --lang overrides it', async () => {
    const env = { STORE_URL: 'memory:', LOG_LEVEL: 'warn', LANG: 'zh_CN.UTF-8' };
    const chinese = await runMain({ env, stdin: '/quit now\n' });
    expect(chinese.code).toBe(0);
    expect(chinese.stdout).toContain(
      '（仅你可见）\n要离开房间，请单独输入 /quit（或 /exit），后面不要跟其他内容。',
    );

    const english = await runMain({ env, stdin: '/quit now\n', args: ['--lang', 'en'] });
    expect(english.code).toBe(0);
    expect(english.stdout).toContain(
      '(only you see this)\nTo leave the room, type /quit (or /exit) on its own',
    );
  });
});
