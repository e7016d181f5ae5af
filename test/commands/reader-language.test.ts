// Commands speak their reader's language: a private reply in the person's, a public one in the room's.
import { describe, expect, it } from 'vitest';
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import type { Reply } from '../../src/commands/command.ts';
import { describeKey } from '../../src/commands/help.ts';
import { commands } from '../../src/commands/index.ts';
import { errorReply, findCommand, runCommand } from '../../src/commands/run-command.ts';
import { readCatalog } from '../../src/i18n/catalog.ts';
import { silentLogger } from '../../src/logger.ts';
import { alice, carol, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { runAs } from './run-as.ts';

/** What a person whose own language is `locale` is shown. */
const seenBy = (reply: Reply, locale: string) => localizeReply(reply, locale);
const textsOf = (reply: Reply, locale: string) =>
  seenBy(reply, locale)
    .blocks.flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n');
const fieldsOf = (reply: Reply, locale: string) => {
  const block = seenBy(reply, locale).blocks.find((b) => b.type === 'fields');
  return block?.type === 'fields' ? block : undefined;
};

async function chineseRoom() {
  const fixture = createFixture();
  const started = await runAs(fixture.engine, mod, 'scene start', {
    title: 'The Heist',
    genre: '黑色电影',
    tone: '紧张',
    language: 'zh-CN',
  });
  return { ...fixture, started };
}

describe('replies in the reader language', () => {
  it('/scene start in a zh-CN room is public and Chinese, whatever the starter reads', async () => {
    const { started } = await chineseRoom();
    expect(started.language).toBe('zh-CN');
    expect(textsOf(started, 'en')).toBe(
      'Mo 开始了故事《The Heist》（黑色电影，紧张）。\n' +
        '先用 /character add 添加角色，然后用 /scene continue 让叙述者往下写，或者用 /say 和 /action 自己写。',
    );
  });

  it('/character list counts the cast with a real plural, in the person language', async () => {
    const { engine } = await startedFixture();
    const two = await runAs(engine, alice, 'character list');
    expect(fieldsOf(two, 'en')?.title).toBe('Cast of The Heist: 2 characters');
    expect(fieldsOf(two, 'zh-CN')?.title).toBe('《The Heist》的角色表：共 2 个角色');
    await runAs(engine, mod, 'character remove', { name: 'Sam' });
    const one = await runAs(engine, alice, 'character list');
    expect(fieldsOf(one, 'en')?.title).toBe('Cast of The Heist: 1 character');
    expect(fieldsOf(one, 'zh-CN')?.fields).toEqual([{ name: 'Vera', value: 'A safecracker' }]);
  });

  it('gives a person with English locale in a zh-CN room English private replies', async () => {
    const { engine } = await chineseRoom();
    await runAs(engine, mod, 'character add', { name: '李雷' });
    const list = await runAs(engine, alice, 'character list');
    expect(list.visibility).toBe('private');
    expect(fieldsOf(list, 'en')).toEqual({
      type: 'fields',
      title: 'Cast of The Heist: 1 character',
      fields: [{ name: '李雷', value: '(no description)' }],
    });
    expect(fieldsOf(list, 'zh-CN')?.fields).toEqual([{ name: '李雷', value: '（暂无简介）' }]);
  });

  it('votes: a ballot privately in the voter language, the result publicly in the room language', async () => {
    const { engine } = await chineseRoom();
    const opened = await runAs(engine, alice, 'vote open', { option1: '逃跑', option2: '躲起来' });
    expect(textsOf(opened, 'en')).toBe('Alice 发起了投票：接下来会发生什么？');
    const cast = await runAs(engine, carol, 'vote cast', { option: 'b' });
    expect(textsOf(cast, 'zh-CN')).toBe('你投给了 B（躲起来）。想改主意的话，再投一次即可。');
    expect(textsOf(cast, 'en')).toBe('You voted for B (躲起来). Vote again to change it.');
    const status = await runAs(engine, carol, 'vote status');
    expect(status.visibility).toBe('private');
    expect(status.blocks).toEqual([
      expect.objectContaining({
        type: 'vote',
        vote: expect.objectContaining({ options: ['逃跑', '躲起来'] }),
      }),
    ]);
    const closed = await runAs(engine, mod, 'vote close');
    expect(textsOf(closed, 'en')).toBe(
      'B. 躲起来 胜出（版主提前结束了投票，按已投的票定出结果），下一段剧情将沿着它展开。',
    );
    const settings = await runAs(engine, mod, 'room settings', { vote_duration: '1h30m', auto_vote: 'on' });
    expect(fieldsOf(settings, 'en')?.fields).toEqual(
      expect.arrayContaining([
        { name: '投票时长', value: '1小时30分钟' },
        { name: '自动投票', value: '开' },
        { name: '续写权限', value: '所有人' },
      ]),
    );
  });

  it('/help lists every command with its description in the person language', async () => {
    const { engine } = await chineseRoom();
    const help = await runAs(engine, alice, 'help');
    const chinese = fieldsOf(help, 'zh-CN');
    expect(chinese?.title).toBe('storyroom 命令一览');
    expect(chinese?.fields).toContainEqual({ name: '/scene start', value: '开始本频道的故事' });
    expect(chinese?.fields).toContainEqual({
      name: '/vote status',
      value: '查看正在进行的投票，或上一次投票的结果',
    });
    expect(fieldsOf(help, 'en')?.fields).toContainEqual({
      name: '/scene start',
      value: "Start this channel's story",
    });
  });

  it('has a /help description for every command, in every language', () => {
    const catalog = readCatalog();
    for (const [locale, messages] of Object.entries(catalog)) {
      for (const command of commands)
        expect(messages[describeKey(command)], `${locale} /${command.name}`).toBeTruthy();
    }
  });

  it('refuses a wrong option in the person language', async () => {
    const { engine } = await chineseRoom();
    const refusal = (raw: Record<string, unknown>) =>
      runAs(engine, alice, 'scene continue', raw).then(
        () => undefined,
        (error: Error) => error,
      );
    // The refusal as an adapter shows it: errorReply's private text, in the person's language.
    const inChinese = async (name: string, raw: Record<string, unknown>) => {
      const command = findCommand(commands, name);
      if (!command) throw new Error(`no command ${name}`);
      const reply = await runCommand(command, { engine, room, actor: mod, commands }, raw).catch((error) =>
        errorReply(error, silentLogger, {}),
      );
      return textsOf(reply, 'zh-CN');
    };
    expect((await refusal({ direction: 'x'.repeat(1001) }))?.message).toBe(
      'direction: The direction may be at most 1,000 characters.',
    );
    expect(await inChinese('scene continue', { direction: 'x'.repeat(1001) })).toBe(
      'direction 最多只能写 1,000 个字符。',
    );
    expect(await inChinese('vote close', { pick: 'two' })).toBe(
      'pick 须为 1 到 5 之间的整数，“two”不是数字。',
    );
    expect(await inChinese('room settings', { auto_vote: 'maybe' })).toBe(
      'auto_vote：“maybe”既不是 on 也不是 off。请填 on 或 off（yes/no、true/false 也可以）。',
    );
    expect(await inChinese('scene start', { title: 'X', rating: 'x-rated' })).toBe(
      'rating 只能是以下之一：general, teen, mature。',
    );
    expect(await inChinese('say', { character: 'Vera' })).toBe(
      '/say 需要填写 text。用法：/say <character> <text> [parenthetical]',
    );
    expect(await inChinese('scene start', { titel: 'X' })).toBe(
      '/scene start 没有“titel”这个选项。它的选项有：title, premise, genre, tone, language, rating, heading。',
    );
  });
});
