// The engine's and the narrator's refusals in the reader's language: the same refusal reads in English for
// one person and in Chinese for another, with people's names and numbers in place.
import { describe, expect, it } from 'vitest';
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import { errorReply } from '../../src/commands/run-command.ts';
import { sharedTranslator } from '../../src/i18n/catalog.ts';
import { msg } from '../../src/i18n/message.ts';
import { Fault, userErrorFor } from '../../src/llm/faults.ts';
import { silentLogger } from '../../src/logger.ts';
import { alice, bob, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError, shownText } from '../helpers/user-error.ts';

const zh = (error: Parameters<typeof shownText>[0]) => shownText(error, 'zh-CN');

describe('refusals for a Chinese reader', () => {
  it('names the moderator who locked the room', async () => {
    const { engine } = await startedFixture();
    await engine.lock(room, mod);
    const error = await expectUserError(
      engine.action(room, alice, { text: 'Hi.' }),
      'This room is locked by Mo. Only a moderator can unlock it, with /room unlock.',
    );
    expect(zh(error)).toBe('这个房间已被 Mo 锁定。只有管理员能用 /room unlock 解锁。');
  });

  it('names the field in Chinese, not an English word inside Chinese text', async () => {
    const { engine } = await startedFixture();
    const error = await expectUserError(
      engine.continueStory(room, alice, { direction: 'x'.repeat(1001) }),
      'The direction may be at most 1,000 characters; yours has 1,001.',
    );
    expect(zh(error)).toBe('走向最多 1,000 个字，你写了 1,001 个。');
    const empty = await expectUserError(
      engine.say(room, alice, { character: 'Vera', text: '  ' }),
      "The line can't be empty.",
    );
    expect(zh(empty)).toBe('台词不能为空。');
  });

  it('lists the cast the way each language lists names', async () => {
    const { engine } = await startedFixture();
    const error = await expectUserError(
      engine.say(room, bob, { character: 'Nobody', text: 'Hi' }),
      'There is no character named "Nobody". Characters in this story: Vera and Sam. Add one with /character add.',
    );
    expect(zh(error)).toBe('没有叫“Nobody”的角色。故事里的角色有：Vera和Sam。用 /character add 添加一个吧。');
  });

  it('says what only moderators may do', async () => {
    const { engine } = await startedFixture();
    const error = await expectUserError(engine.lock(room, alice), 'Only moderators can lock the room.');
    expect(zh(error)).toBe('只有管理员才能锁定房间。');
  });

  it('counts with real plurals in English and a measure word in Chinese', () => {
    const translator = sharedTranslator();
    const limit = (max: number) => msg('story.character.limit', { max });
    expect(translator.translate('en', limit(1))).toBe('A story can have at most 1 character.');
    expect(translator.translate('en', limit(50))).toBe('A story can have at most 50 characters.');
    expect(translator.translate('zh-CN', limit(50))).toBe('一个故事最多只能有 50 个角色。');
    const canon = (max: number) => msg('story.canon.limit', { max });
    expect(translator.translate('en', canon(1))).toBe(
      'A story can pin at most 1 fact. Remove one with /canon remove.',
    );
    expect(translator.translate('zh-CN', canon(30))).toBe(
      '一个故事最多只能添加 30 条设定。请先用 /canon remove 删掉一条。',
    );
  });

  it('gives a private refusal in the person’s language, whatever the room’s', async () => {
    const { engine } = await startedFixture();
    const error = await engine.undo(room, alice).catch((e: unknown) => e);
    const reply = { ...errorReply(error, silentLogger, {}), language: 'en' };
    expect(localizeReply(reply, 'zh-CN').blocks).toEqual([
      { type: 'text', text: '只有管理员才能撤销段落。' },
    ]);
    expect(localizeReply(reply, 'en-GB').blocks).toEqual([
      { type: 'text', text: 'Only moderators can undo beats.' },
    ]);
  });

  it('tells a Chinese reader why the narrator failed', () => {
    const error = userErrorFor(new Fault('rate-limited', 'status 429'));
    expect(shownText(error)).toBe(
      'The narrator is rate-limited by the model server right now. Nothing was added to the story. Try again in a minute.',
    );
    expect(zh(error)).toBe('模型服务器现在限制了叙述者的请求频率，故事里什么都没有添加。请过一分钟再试。');
  });

  it('names the moderation categories only when there are some', () => {
    const translator = sharedTranslator();
    const flagged = (categories: string[]) =>
      msg('llm.moderation.flagged-request', { count: categories.length, categories: categories.join(', ') });
    expect(translator.translate('en', flagged(['violence', 'hate']))).toBe(
      'The content filter flagged that request (violence, hate). Nothing was added to the story.',
    );
    expect(translator.translate('en', flagged([]))).toBe(
      'The content filter flagged that request. Nothing was added to the story.',
    );
    expect(translator.translate('zh-CN', flagged(['violence']))).toBe(
      '内容审核拦下了这个请求（violence），故事里什么都没有添加。',
    );
    expect(translator.translate('zh-CN', flagged([]))).toBe('内容审核拦下了这个请求，故事里什么都没有添加。');
  });
});
